// eimza-kiosk provision: makes a copy of the generic disk image a site's kiosk.
#include <cstdio>

#include "kiosk/cli/options.h"
#include "kiosk/fleet/provision.h"

namespace eimza::cli {

int provision(const Args& args) {
    const char* usage =
        "Usage: eimza-kiosk provision --config SITE.yaml [--trust DIR] DISK.IMG\n"
        "Writes the site's configuration onto the data partition of DISK.IMG (a copy of the\n"
        "generic image, before it is flashed): SITE.yaml as the kiosk's configuration, the\n"
        "trust anchors in DIR (default: trust/ beside SITE.yaml) and every other file the\n"
        "configuration names under /etc/eimza-kiosk, taken from beside SITE.yaml. The data\n"
        "partition is made afresh. Needs no root. See docs/fleet.md.\n"
        "Exit codes: 0 written, 1 the site or the disk has a problem, 2 usage.\n";
    fleet::ProvisionRequest request;
    CLI::App options{"", "provision"};
    options.add_option("--config", request.config)->required();
    options.add_option("--trust", request.trust);
    options.add_option("DISK.IMG", request.disk)->required();
    if (const auto exit = parse_options(options, args, usage_text(usage))) return *exit;
    std::vector<std::string> problems;
    if (!fleet::provision(request, problems)) {
        for (const auto& problem : problems) std::fprintf(stderr, "%s\n", problem.c_str());
        std::fprintf(stderr, "provision: %s not changed\n", request.disk.c_str());
        return 1;
    }
    std::printf("%s: site configuration written to its data partition\n", request.disk.c_str());
    return 0;
}

}  // namespace eimza::cli
