#include "kiosk/content/update_status.h"

#include <ctime>
#include <fstream>

#include "hw/base/time_text.h"
#include "kiosk/base/durable_file.h"

namespace eimza::content {

namespace {

struct ResultName {
    UpdateResult result;
    const char* name;
};

constexpr ResultName kResults[] = {
    {UpdateResult::ok, "ok"},
    {UpdateResult::unchanged, "unchanged"},
    {UpdateResult::download_failed, "download_failed"},
    {UpdateResult::bad_signature, "bad_signature"},
    {UpdateResult::invalid_bundle, "invalid_bundle"},
    {UpdateResult::invalid_content, "invalid_content"},
    {UpdateResult::older_bundle, "older_bundle"},
    {UpdateResult::install_failed, "install_failed"},
};

// A value is one line: a line break in a message would start a new key.
std::string one_line(std::string text) {
    for (char& c : text)
        if (c == '\n' || c == '\r') c = ' ';
    return text;
}

}  // namespace

const char* to_string(UpdateResult result) {
    for (const auto& r : kResults)
        if (r.result == result) return r.name;
    return "unknown";
}

bool parse_update_result(std::string_view text, UpdateResult& out) {
    for (const auto& r : kResults) {
        if (text == r.name) {
            out = r.result;
            return true;
        }
    }
    return false;
}

std::string format_utc(WallClock time) { return utc_time_text(time, kIsoUtcTime); }

std::optional<WallClock> parse_utc(std::string_view text) {
    const std::string copy(text);
    std::tm tm{};
    const char* end = strptime(copy.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
    if (!end || *end != '\0') return std::nullopt;
    return std::chrono::system_clock::from_time_t(timegm(&tm));
}

std::filesystem::path update_status_path(const std::filesystem::path& state_dir) {
    return state_dir / "content-update.status";
}

std::optional<UpdateStatus> read_update_status(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) return std::nullopt;
    UpdateStatus status;
    bool has_result = false;
    std::string line;
    while (std::getline(in, line)) {
        const auto equals = line.find('=');
        if (line.empty() || line[0] == '#' || equals == std::string::npos) continue;
        const std::string key = line.substr(0, equals);
        const std::string value = line.substr(equals + 1);
        if (key == "result") {
            has_result = parse_update_result(value, status.result);
        } else if (key == "message") {
            status.message = value;
        } else if (key == "current_version") {
            status.current_version = value;
        } else if (key == "last_attempt") {
            status.last_attempt = parse_utc(value).value_or(WallClock{});
        } else if (key == "last_success") {
            status.last_success = parse_utc(value).value_or(WallClock{});
        }
    }
    if (!has_result) return std::nullopt;
    return status;
}

bool write_update_status(const std::filesystem::path& file, const UpdateStatus& status, std::string& error) {
    std::string text = "# written by eimza-kiosk content-update; read by the kiosk's diagnostics and metrics\n";
    text += "result=" + std::string(to_string(status.result)) + "\n";
    text += "message=" + one_line(status.message) + "\n";
    text += "last_attempt=" + format_utc(status.last_attempt) + "\n";
    text += "last_success=" + (status.last_success == WallClock{} ? std::string() : format_utc(status.last_success)) + "\n";
    text += "current_version=" + one_line(status.current_version) + "\n";
    return write_file_atomically(file, text, 0644, error);
}

}  // namespace eimza::content
