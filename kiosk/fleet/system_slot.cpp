#include "kiosk/fleet/system_slot.h"

#include <fstream>
#include <sstream>

namespace eimza::fleet {

namespace {

std::string read_text(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

// The value of KEY= on its own line, or nothing.
std::optional<std::string> value_of(std::string_view text, std::string_view key) {
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        const std::string_view line = text.substr(start, end - start);
        if (line.size() > key.size() && line.substr(0, key.size()) == key && line[key.size()] == '=')
            return std::string(line.substr(key.size() + 1));
        start = end + 1;
    }
    return std::nullopt;
}

}  // namespace

std::string slot_from_cmdline(std::string_view cmdline) {
    constexpr std::string_view kKey = "rauc.slot=";
    std::size_t at = 0;
    while ((at = cmdline.find(kKey, at)) != std::string_view::npos) {
        if (at == 0 || cmdline[at - 1] == ' ') {
            const std::size_t end = cmdline.find_first_of(" \n", at + kKey.size());
            const std::string_view slot = cmdline.substr(at + kKey.size(), end == std::string_view::npos ? end : end - at - kKey.size());
            if (slot == "A" || slot == "B") return std::string(slot);
        }
        at += kKey.size();
    }
    return {};
}

std::optional<SystemUpdateResult> parse_system_update_status(std::string_view text) {
    const auto result = value_of(text, "result");
    if (!result || result->empty()) return std::nullopt;
    SystemUpdateResult out;
    out.result = *result;
    out.version = value_of(text, "version").value_or("");
    out.slot = value_of(text, "slot").value_or("");
    out.message = value_of(text, "message").value_or("");
    try {
        out.when = std::chrono::system_clock::time_point(std::chrono::seconds(std::stoll(value_of(text, "time").value_or("0"))));
    } catch (const std::exception&) {
        out.when = {};
    }
    return out;
}

bool needs_attention(const SystemUpdateResult& result) {
    return result.result == "rolled_back" || result.result == "interrupted" || result.result == "refused" ||
           result.result == "download_failed";
}

SystemSlot read_system_slot(const SystemSlotPaths& paths) {
    SystemSlot slot;
    slot.slot = slot_from_cmdline(read_text(paths.cmdline));
    slot.version = value_of(read_text(paths.release), "VERSION_ID").value_or("");
    slot.last_update = parse_system_update_status(read_text(paths.status));
    return slot;
}

}  // namespace eimza::fleet
