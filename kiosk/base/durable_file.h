#pragma once
// Files that must be either the old or the new version after a power cut:
// the content update's status file, signed bundles, the unpacked content,
// the counters and the metrics file. The one writer of such files.
#include <filesystem>
#include <string>
#include <string_view>

namespace eimza {

// Writes data to a hidden temporary file beside `file` (never a symlink
// followed), fsyncs it, renames it over `file` and fsyncs the directory: a
// reader, or the next start after a crash, sees the old file or the new one,
// never a part. mode: the new file's permissions, whatever the umask. False
// with a reason on failure; the old file is then intact.
bool write_file_atomically(const std::filesystem::path& file, std::string_view data, unsigned mode, std::string& error);

// Creates `file` (which must not exist, and is never followed if it is a
// symlink) with data and fsyncs it.
bool write_new_file(const std::filesystem::path& file, std::string_view data, unsigned mode, std::string& error);

// Makes a directory's entries (new files, renames) survive a power cut.
bool sync_directory(const std::filesystem::path& dir, std::string& error);

}  // namespace eimza
