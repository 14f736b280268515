#pragma once
// Files that must be either the old or the new version after a power cut:
// the status file, signed bundles, the unpacked content.
#include <filesystem>
#include <string>
#include <string_view>

namespace eimza::content {

// Writes data to a temporary file beside `file`, fsyncs it, renames it over
// `file` and fsyncs the directory. mode: the new file's permissions.
bool write_file_atomically(const std::filesystem::path& file, std::string_view data, unsigned mode, std::string& error);

// Creates `file` (which must not exist, and is never followed if it is a
// symlink) with data and fsyncs it.
bool write_new_file(const std::filesystem::path& file, std::string_view data, unsigned mode, std::string& error);

// Makes a directory's entries (new files, renames) survive a power cut.
bool sync_directory(const std::filesystem::path& dir, std::string& error);

}  // namespace eimza::content
