// eimza-kiosk allowed-hosts: the hosts the kiosk may contact, one per line, for
// the image's firewall (image/rootfs/usr/local/sbin/eimza-firewall-hosts) so
// the outbound rules follow the configuration instead of a second list.
#include <cstdio>
#include <set>

#include "hw/cert/revocation.h"
#include "kiosk/cli/options.h"
#include "kiosk/content/content_update.h"
#include "kiosk/base/settings.h"

namespace eimza::cli {

int allowed_hosts(const Args& args) {
    std::string config_file;
    const char* usage =
        "Usage: eimza-kiosk allowed-hosts [--config FILE]\n"
        "Prints host[:port] of every server the configuration lets the kiosk contact\n"
        "(OCSP/CRL/AIA allow-list, content and system update servers), one per line. FILE\n"
        "defaults to /etc/eimza-kiosk/kiosk.yaml. Exit codes: 0 printed, 2 usage or configuration error.\n";
    CLI::App options{"", "allowed-hosts"};
    add_config_option(options, config_file);
    if (const auto exit = parse_options(options, args, usage_text(usage))) return *exit;
    config_file = config_file_or_default(config_file);
    Settings config;
    if (!load_cli_settings(config_file, config)) return 2;
    const hw::VerdictConfig& verdict = config.verdict;
    const content::ContentUpdateSettings& update = config.content_update;
    std::set<std::string> hosts;
    if (verdict.revocation.enabled) hosts.insert(verdict.revocation.allowed_hosts.begin(), verdict.revocation.allowed_hosts.end());
    if (!update.url.empty()) hosts.insert(hw::url_authority(update.url));
    if (!update.system_bundle_url.empty()) hosts.insert(hw::url_authority(update.system_bundle_url));
    for (const auto& host : hosts) std::printf("%s\n", host.c_str());
    return 0;
}

}  // namespace eimza::cli
