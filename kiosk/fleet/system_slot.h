#pragma once
// The whole-system update's facts for the admin screen (docs/fleet.md): the
// root slot running (rauc.slot= on the kernel command line, written by the
// boot entry), the system's version (/etc/eimza-release) and the last update's
// result, as the image's eimza-system-status keeps it (key=value lines on the
// data partition). The same facts reach the metrics from that script.
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace eimza::fleet {

struct SystemUpdateResult {
    std::string result;   // installing, installed, booted_new, good, rolled_back, interrupted, refused, download_failed
    std::string version;  // of the bundle
    std::string slot;     // the slot it went to
    std::string message;
    std::chrono::system_clock::time_point when{};
};

struct SystemSlot {
    std::string slot;     // A or B; empty: not booted from a slot (a direct kernel boot, a development machine)
    std::string version;  // empty: unknown
    std::optional<SystemUpdateResult> last_update;
};

struct SystemSlotPaths {
    std::filesystem::path cmdline = "/proc/cmdline";
    std::filesystem::path release = "/etc/eimza-release";
    std::filesystem::path status = "/var/lib/eimza-persist/system-update/status";
};

std::string slot_from_cmdline(std::string_view cmdline);
std::optional<SystemUpdateResult> parse_system_update_status(std::string_view text);
// A result IT must look at: the kiosk is not running what it was last sent.
bool needs_attention(const SystemUpdateResult& result);
SystemSlot read_system_slot(const SystemSlotPaths& paths = {});

}  // namespace eimza::fleet
