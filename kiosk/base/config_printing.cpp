#include "kiosk/base/config_printing.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

namespace eimza {

namespace {

// The values end up as lpadmin arguments at boot: one word of printable ASCII.
bool one_word(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return c > ' ' && c < 0x7f && c != '"' && c != '\'' && c != '\\' && c != '`' && c != '$';
    });
}

bool driverless_scheme(std::string_view scheme) { return scheme == "ipp" || scheme == "ipps" || scheme == "dnssd"; }

void parse_printer_setup(const YAML::Node& node, PrinterSetup& out, std::vector<ConfigProblem>& problems) {
    if (read_string(node, "device_uri", out.device_uri, problems)) {
        constexpr std::array<std::string_view, 6> kSchemes = {"ipp", "ipps", "dnssd", "socket", "lpd", "usb"};
        const auto colon = out.device_uri.find("://");
        const std::string_view scheme = std::string_view(out.device_uri).substr(0, colon);
        if (colon == std::string::npos || !one_word(out.device_uri) ||
            std::find(kSchemes.begin(), kSchemes.end(), scheme) == kSchemes.end()) {
            problems.push_back({node["device_uri"].Mark().line + 1,
                                "device_uri must be one ipp://, ipps://, dnssd://, socket://, lpd:// or usb:// URI"});
            out.device_uri.clear();
        }
    }
    if (read_string(node, "model", out.model, problems) && !one_word(out.model)) {
        problems.push_back({node["model"].Mark().line + 1, "model must be 'everywhere' or one model name from lpinfo -m"});
        out.model.clear();
    }
    if (out.device_uri.empty()) return;
    if (out.model.empty()) {
        if (driverless_scheme(out.device_uri.substr(0, out.device_uri.find("://")))) {
            out.model = "everywhere";
        } else {
            problems.push_back({node["device_uri"].Mark().line + 1,
                                "a printer without IPP needs printing.model (a model name from lpinfo -m)"});
            out.device_uri.clear();
        }
    }
}

}  // namespace

void parse_printing_section(const YAML::Node& node, hw::PrintConfig& out, PrinterSetup& setup,
                            std::vector<ConfigProblem>& problems) {
    reject_unknown_keys(node, {"queue", "timeout_seconds", "device_uri", "model"}, "printing", problems);
    if (read_string(node, "queue", out.queue, problems) &&
        (out.queue.empty() || out.queue.size() > 127 ||
         !std::all_of(out.queue.begin(), out.queue.end(),
                      [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.'; }))) {
        problems.push_back({node["queue"].Mark().line + 1, "queue must be 1 to 127 letters, digits, '_', '-' or '.'"});
        out.queue = hw::PrintConfig{}.queue;
    }
    int timeout = static_cast<int>(out.timeout.count());
    if (read_int(node, "timeout_seconds", timeout, 5, 900, problems)) out.timeout = std::chrono::seconds(timeout);
    parse_printer_setup(node, setup, problems);
}

}  // namespace eimza
