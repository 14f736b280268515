#pragma once
#include <sys/types.h>

#include <filesystem>
#include <string>
#include <string_view>

namespace eimza {

// Replaces path with content so that a reader, or the next start after a
// crash, sees the old file or the new one and never a part: a temporary
// file in the same directory (same filesystem, so rename is atomic), then
// rename. mode is set exactly, whatever the umask. durable: fsync the file
// before and the directory after the rename, for data that must survive a
// power cut. False with a reason on failure; the old file is then intact.
bool write_file_atomically(const std::filesystem::path& path, std::string_view content, mode_t mode, bool durable,
                           std::string& error);

}  // namespace eimza
