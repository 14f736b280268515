// eimza-kiosk system-update-source: where the whole-system update bundle comes
// from, for the image's eimza-system-update (docs/fleet.md), so that script
// reads the one validated configuration instead of parsing YAML itself.
#include <cstdio>

#include "kiosk/cli/options.h"
#include "kiosk/content/content_update.h"
#include "kiosk/base/settings.h"

namespace eimza::cli {

int system_update_source(const Args& args) {
    std::string config_file;
    const char* usage =
        "Usage: eimza-kiosk system-update-source [--config FILE]\n"
        "Prints url=content_update.system_bundle_url and ca_file=content_update.ca_file,\n"
        "one per line (url= empty: system updates are off). FILE defaults to\n"
        "/etc/eimza-kiosk/kiosk.yaml.\n"
        "Exit codes: 0 printed, 2 usage or configuration error.\n";
    CLI::App options{"", "system-update-source"};
    add_config_option(options, config_file);
    if (const auto exit = parse_options(options, args, usage_text(usage))) return *exit;
    config_file = config_file_or_default(config_file);
    Settings config;
    if (!load_cli_settings(config_file, config)) return 2;
    const content::ContentUpdateSettings& update = config.content_update;
    std::printf("url=%s\nca_file=%s\n", update.system_bundle_url.c_str(), update.ca_file.c_str());
    return 0;
}

}  // namespace eimza::cli
