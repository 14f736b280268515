// eimza-kiosk allowed-hosts: the hosts the kiosk may contact, one per line, for
// the image's firewall (image/rootfs/usr/local/sbin/eimza-firewall-hosts) so
// the outbound rules follow the configuration instead of a second list.
#include <cstdio>
#include <set>

#include "hw/cert/revocation.h"
#include "kiosk/cli/commands.h"
#include "kiosk/content/content_update.h"
#include "kiosk/core/settings.h"

namespace eimza::cli {

int allowed_hosts(const Args& args) {
    std::string config_file;
    const int usage_exit = parse_config_option(
        args,
        "Usage: eimza-kiosk allowed-hosts [--config FILE]\n"
        "Prints host[:port] of every server the configuration lets the kiosk contact\n"
        "(OCSP/CRL/AIA allow-list, content and system update servers), one per line. FILE defaults to\n"
        "/etc/eimza-kiosk/kiosk.yaml. Exit codes: 0 printed, 2 usage or configuration error.\n",
        config_file);
    if (usage_exit >= 0) return usage_exit;
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
