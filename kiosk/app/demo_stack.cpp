#include "kiosk/app/demo_stack.h"

#include <filesystem>
#include <vector>

#include "kiosk/base/log.h"
#include "kiosk/base/run_command.h"

namespace eimza::app {

namespace {

std::filesystem::path vcard_dir() { return std::filesystem::path(EIMZA_SOURCE_DIR) / "tests" / "vcard"; }

}  // namespace

bool start_demo_stack(std::string& error) {
    const auto script = vcard_dir() / "stack.sh";
    if (!std::filesystem::exists(script)) {
        error = "demo card stack not found at " + script.string();
        return false;
    }
    if (run_command({"/bin/bash", script.string(), "start"}) != 0) {
        error = "tests/vcard/stack.sh start failed (needs root for pcscd)";
        return false;
    }
    log_info("demo", "virtual card stack started");
    return true;
}

void stop_demo_stack() {
    const auto script = vcard_dir() / "stack.sh";
    if (std::filesystem::exists(script)) run_command({"/bin/bash", script.string(), "stop"});
}

bool demo_card(const std::string& profile, std::string& error) {
    const auto script = (vcard_dir() / "card.sh").string();
    // One card at a time, as at a real reader: inserting replaces the last.
    int code = run_command({"/bin/bash", script, "remove"});
    if (!profile.empty()) code = run_command({"/bin/bash", script, "insert", profile});
    if (code != 0) {
        error = "tests/vcard/card.sh failed for '" + profile + "'";
        return false;
    }
    return true;
}

}  // namespace eimza::app
