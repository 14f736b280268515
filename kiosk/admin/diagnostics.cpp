#include "kiosk/admin/diagnostics.h"

#include <sys/statvfs.h>
#include <sys/sysinfo.h>
#include <sys/timex.h>


#include "hw/cert/certificate.h"
#include "hw/cert/verdict_engine.h"
#include "hw/token/atr_catalog.h"
#include "kiosk/base/log.h"

namespace eimza::admin {
namespace {

// The part after "CN=" in an RFC 2253 name, else the whole name.
std::string common_name(const std::string& subject) {
    const auto at = subject.find("CN=");
    if (at == std::string::npos) return subject;
    const auto end = subject.find(',', at);
    return subject.substr(at + 3, end == std::string::npos ? std::string::npos : end - at - 3);
}

}  // namespace

Diagnostics collect_diagnostics(const DiagnosticsSources& sources) {
    Diagnostics d;
    d.collected_at = std::chrono::system_clock::now();
    d.app_version = EIMZA_VERSION;
    if (sources.last_atr) d.last_card_module = hw::AtrCatalog(sources.token).module(*sources.last_atr);
    d.readers = hw::scan_readers(sources.reader_paths);

    d.print_queue = sources.print_queue;
    d.printer = hw::printer_status(sources.print_queue);

    d.trust_dir = sources.trust_dir;
    const hw::TrustStore trust = hw::TrustStore::load({sources.trust_dir}, {}, d.anchor_problems);
    for (const auto& problem : d.anchor_problems) log_warning("admin", "trust anchor: " + problem);
    for (const auto& der : trust.anchors) {
        if (const auto parsed = hw::parse_certificate(der)) d.anchors.push_back({common_name(parsed->subject), parsed->not_after});
    }

    d.crls = hw::list_crl_cache(sources.crl_cache_dir);

    timex tx{};
    d.clock_synchronised = ntp_adjtime(&tx) != TIME_ERROR;
    std::error_code ec;
    // systemd-timesyncd touches this file once it has set the clock from a server.
    d.timesyncd_synchronised = std::filesystem::exists("/run/systemd/timesync/synchronized", ec);

    struct statvfs fs {};
    if (statvfs(sources.state_dir.c_str(), &fs) == 0) {
        d.disk_free_bytes = static_cast<std::uint64_t>(fs.f_bavail) * fs.f_frsize;
        d.disk_total_bytes = static_cast<std::uint64_t>(fs.f_blocks) * fs.f_frsize;
    }
    d.content_update = content::read_update_status(content::update_status_path(sources.state_dir));
    d.system = fleet::read_system_slot();
    struct sysinfo info {};
    if (sysinfo(&info) == 0) d.system_uptime = std::chrono::seconds(info.uptime);
    return d;
}

}  // namespace eimza::admin
