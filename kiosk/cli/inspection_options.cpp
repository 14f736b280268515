#include "kiosk/cli/inspection_options.h"

#include "kiosk/cli/options.h"

namespace eimza::cli {

void InspectionOptions::add_to(CLI::App& options) {
    add_config_option(options, config_file);
    // One value per occurrence, so that a file after --trust is not taken as
    // a second anchor.
    options.add_option("--trust", trust)->allow_extra_args(false);
    options.add_option("--allow-host", allowed_hosts)->allow_extra_args(false);
    options.add_flag("--offline", offline);
}

std::optional<InspectionSettings> InspectionOptions::load(Settings& config, bool other_time) const {
    if (!load_cli_settings(config_file, config)) return std::nullopt;
    InspectionSettings settings = inspection_settings(config);
    settings.extra_trust = trust;
    for (const auto& host : allowed_hosts) settings.verdict.revocation.allowed_hosts.push_back(host);
    if (offline || other_time) {
        settings.verdict.revocation.enabled = false;
        settings.revocation_off = offline ? hw::RevocationGap::offline : hw::RevocationGap::other_time;
    }
    return settings;
}

}  // namespace eimza::cli
