#pragma once
// The outcome of the last signed content update, in <state>/content-update.status.
// `eimza-kiosk content-update` writes it after every attempt; the
// diagnostics screen and the metrics writer read it. The file is key=value
// lines (docs/content.md, "Signed updates"), so IT can also `cat` it.
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace eimza::content {

enum class UpdateResult {
    ok,               // a new bundle was installed and is now current
    unchanged,        // the published bundle holds the content already current
    download_failed,  // no bundle: network, TLS, HTTP status or timeout
    bad_signature,    // not signed, signed by another certificate, or altered
    invalid_bundle,   // signed, but the archive is unsafe or malformed (or too large)
    invalid_content,  // signed and well-formed, but the content does not validate
    older_bundle,     // signed before the current content: a replay is refused
    install_failed,   // the state directory could not be written
};

const char* to_string(UpdateResult result);
bool parse_update_result(std::string_view text, UpdateResult& out);
// ok and unchanged: the kiosk runs on the newest published content.
inline bool succeeded(UpdateResult result) { return result == UpdateResult::ok || result == UpdateResult::unchanged; }

using WallClock = std::chrono::system_clock::time_point;

struct UpdateStatus {
    WallClock last_attempt{};
    UpdateResult result = UpdateResult::ok;
    std::string message;          // plain words for IT, one line
    WallClock last_success{};     // the last attempt that ended ok or unchanged; epoch: never
    std::string current_version;  // content.yaml's version of the installed content; empty: none installed
};

std::filesystem::path update_status_path(const std::filesystem::path& state_dir);

// nullopt when the file is missing or unreadable (no update has run).
// Unknown keys are ignored, so readers keep working when keys are added.
std::optional<UpdateStatus> read_update_status(const std::filesystem::path& file);
// Written whole to a temporary file and renamed, so a reader never sees half.
bool write_update_status(const std::filesystem::path& file, const UpdateStatus& status, std::string& error);

// "2026-11-23T10:15:00Z", the form the status file uses.
std::string format_utc(WallClock time);
std::optional<WallClock> parse_utc(std::string_view text);

}  // namespace eimza::content
