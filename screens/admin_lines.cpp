#include "screens/admin_lines.h"

#include <cstdio>

#include "hw/base/time_text.h"
#include "hw/token/token_snapshot.h"
#include "kiosk/admin/diagnostics.h"

namespace eimza::screens {

namespace {

std::string duration_text(const Ui& ui, std::chrono::seconds s) {
    const long long total = s.count();
    const auto n = [](long long value) { return std::to_string(value); };
    if (total >= 86400) return ui.t("admin.duration.days", {{"d", n(total / 86400)}, {"h", n(total % 86400 / 3600)}});
    if (total >= 3600) return ui.t("admin.duration.hours", {{"h", n(total / 3600)}, {"m", n(total % 3600 / 60)}});
    return ui.t("admin.duration.minutes", {{"m", n(total / 60)}, {"s", n(total % 60)}});
}

std::string bytes_text(std::uint64_t bytes) {
    char text[32];
    if (bytes >= 1'000'000'000) std::snprintf(text, sizeof text, "%.1f GB", static_cast<double>(bytes) / 1e9);
    else std::snprintf(text, sizeof text, "%.0f MB", static_cast<double>(bytes) / 1e6);
    return text;
}

std::string printer_state_text(const Ui& ui, const hw::PrinterStatus& p) {
    if (!p.found) return ui.t("admin.printer.missing");
    const char* key = p.state == 3 ? "admin.printer.idle" : p.state == 4 ? "admin.printer.processing" : "admin.printer.stopped";
    std::string text = ui.t(key);
    if (!p.accepting) text += ", " + ui.t("admin.printer.rejecting");
    for (const auto& code : p.reason_codes) text += "; " + printer_reason_text(ui, code);
    return text;
}

// The system update's result is a word from the image's eimza-system-status;
// one it does not list is shown as it came.
std::string system_result_text(const Ui& ui, const std::string& result) {
    const std::string key = "admin.system_update.result." + result;
    return ui.texts.has(key) ? ui.t(key) : ui.t("admin.system_update.result.other", {{"result", result}});
}

class Lines {
public:
    explicit Lines(const Ui& ui) : ui_(ui) {}
    void section(const char* key) { lines_.push_back({key, ui_.t(key), AdminTone::section}); }
    void add(const char* key, AdminTone tone = AdminTone::normal) { lines_.push_back({key, ui_.t(key), tone}); }
    void add(const char* key, const std::map<std::string, std::string>& values, AdminTone tone = AdminTone::normal) {
        lines_.push_back({key, ui_.t(key, values), tone});
    }
    void data(std::string text, AdminTone tone = AdminTone::normal) { lines_.push_back({{}, std::move(text), tone}); }
    std::vector<AdminLine> take() { return std::move(lines_); }

private:
    const Ui& ui_;
    std::vector<AdminLine> lines_;
};

// The USB readers and the drivers that list them: what R01 and R02 are about.
void usb_lines(Lines& out, const Ui& ui, const hw::ReaderScan& scan) {
    if (scan.usb.empty()) out.add("admin.usb.none", AdminTone::muted);
    for (const auto& reader : scan.usb) {
        char id[16];
        std::snprintf(id, sizeof id, "%04x:%04x", reader.vendor, reader.product);
        out.add("admin.usb.reader",
                {{"port", reader.port}, {"id", id}, {"name", reader.name},
                 {"driver", reader.driver.empty() ? ui.t("admin.usb.no_driver") : reader.driver}},
                reader.driver.empty() ? AdminTone::bad : AdminTone::normal);
    }
    if (scan.drivers.empty()) {
        out.add("admin.drivers.none", AdminTone::bad);
        return;
    }
    std::string drivers;
    for (const auto& driver : scan.drivers)
        drivers += (drivers.empty() ? "" : ", ") + driver.name + " (" + std::to_string(driver.ids) + ")";
    out.add("admin.drivers", {{"drivers", drivers}}, AdminTone::muted);
}

// A triage code in IT's words; its detail (paths, IDs) is in the journal.
std::map<std::string, std::string> triage_values(const Ui& ui, hw::TriageCode code) {
    return {{"code", hw::triage_code(code)}, {"what", ui.t(std::string("admin.triage.") + hw::triage_code(code))}};
}

}  // namespace

std::string printer_reason_text(const Ui& ui, const hw::PrinterReasonCode& code) {
    if (code.reason == hw::PrinterReason::other) return ui.t("admin.printer.reason.other", {{"keyword", code.keyword}});
    return ui.t(std::string("admin.printer.reason.") + hw::to_string(code.reason));
}

std::vector<AdminLine> admin_lines(const State& state, const Ui& ui) {
    Lines out(ui);
    const auto now = ui.wall_now;
    const AdminSession& admin = *state.admin;
    // Which site's configuration is in force (eimza-kiosk provision).
    if (!state.site_name.empty()) out.add("admin.site", {{"site", state.site_name}});
    out.section("admin.section.cards");
    // The reader triage first: the code a person read out, and what it means.
    if (const auto triage = reader_triage(state))
        out.add("admin.triage", triage_values(ui, triage->code),
                hw::triage_failure(triage->code) ? AdminTone::bad : AdminTone::normal);
    else
        out.add("admin.triage.unknown", AdminTone::muted);
    const char* service = state.reader_service == ReaderService::ok            ? "admin.pcsc.ok"
                          : state.reader_service == ReaderService::unavailable ? "admin.pcsc.unavailable"
                                                                               : "admin.pcsc.starting";
    out.add(service, state.reader_service == ReaderService::ok ? AdminTone::normal : AdminTone::bad);
    if (state.readers.empty()) out.add("admin.readers.none", AdminTone::bad);
    for (const auto& reader : state.readers) out.data("• " + reader);
    if (admin.diagnostics) usb_lines(out, ui, admin.diagnostics->readers);
    if (state.last_card) {
        const std::string module = admin.diagnostics ? admin.diagnostics->last_card_module : std::string();
        out.add("admin.last_card", {{"atr", state.last_card->atr.empty() ? "-" : hw::to_hex(state.last_card->atr)},
                                    {"outcome", ui.t("admin.outcome." + state.last_card->outcome)},
                                    {"module", module.empty() ? "-" : module}});
        if (const auto& t = state.last_card->triage; t && t->code != hw::TriageCode::ok)
            out.add("admin.last_card.triage", triage_values(ui, t->code), AdminTone::bad);
    }
    if (!admin.diagnostics) {
        out.section("admin.collecting");
        return out.take();
    }
    const admin::Diagnostics& d = *admin.diagnostics;

    out.section("admin.section.printer");
    out.add("admin.printer", {{"queue", d.print_queue}, {"state", printer_state_text(ui, d.printer)}},
            hw::printer_ok(d.printer) ? AdminTone::normal : AdminTone::bad);

    out.section("admin.section.trust");
    if (d.anchors.empty()) out.add("admin.trust.none", {{"dir", d.trust_dir}}, AdminTone::bad);
    if (!d.anchor_problems.empty())
        out.add("admin.trust.problems", {{"n", std::to_string(d.anchor_problems.size())}}, AdminTone::bad);
    for (const auto& anchor : d.anchors) {
        const auto days = std::chrono::duration_cast<std::chrono::hours>(anchor.not_after - now).count() / 24;
        out.add("admin.trust.anchor",
                {{"subject", anchor.subject}, {"until", local_time_text(anchor.not_after)}, {"days", std::to_string(days)}},
                days < 90 ? AdminTone::warn : AdminTone::normal);
    }

    out.section("admin.section.crl");
    if (d.crls.empty()) out.add("admin.crl.empty", AdminTone::muted);
    for (const auto& crl : d.crls) {
        if (!crl.readable) {
            out.add("admin.crl.unreadable", {{"file", crl.file}}, AdminTone::bad);
            continue;
        }
        const auto age = std::chrono::duration_cast<std::chrono::seconds>(now - crl.this_update);
        out.add("admin.crl.entry",
                {{"issuer", crl.issuer}, {"age", duration_text(ui, age)}, {"next", local_time_text(crl.next_update)}},
                crl.next_update < now ? AdminTone::bad : AdminTone::normal);
    }

    out.section("admin.section.system");
    out.add("admin.content", {{"version", state.content ? state.content->version : "-"}});
    if (d.content_update) {
        const auto& u = *d.content_update;
        out.add("admin.content_update",
                {{"result", ui.t(std::string("admin.content_update.result.") + content::to_string(u.result))},
                 {"when", local_time_text(u.last_attempt)}},
                content::succeeded(u.result) ? AdminTone::normal : AdminTone::bad);
    } else {
        out.add("admin.content_update.never", AdminTone::muted);
    }
    out.add("admin.system_slot", {{"slot", d.system.slot.empty() ? "-" : d.system.slot},
                                  {"version", d.system.version.empty() ? "-" : d.system.version}});
    if (d.system.last_update) {
        const auto& u = *d.system.last_update;
        out.add("admin.system_update",
                {{"result", system_result_text(ui, u.result)}, {"when", local_time_text(u.when)}, {"version", u.version},
                 {"slot", u.slot}},
                fleet::needs_attention(u) ? AdminTone::bad : AdminTone::normal);
    } else {
        out.add("admin.system_update.never", AdminTone::muted);
    }
    out.add(d.clock_synchronised ? "admin.clock.synced" : "admin.clock.unsynced", {{"now", local_time_text(now)}},
            d.clock_synchronised ? AdminTone::normal : AdminTone::bad);
    out.add("admin.disk", {{"free", bytes_text(d.disk_free_bytes)}, {"total", bytes_text(d.disk_total_bytes)}},
            d.disk_total_bytes > 0 && d.disk_free_bytes * 20 < d.disk_total_bytes ? AdminTone::bad : AdminTone::normal);
    out.add("admin.uptime", {{"uptime", duration_text(ui, d.system_uptime)}, {"version", d.app_version}});
    return out.take();
}

AdminLine admin_result_line(const State& state, const Ui& ui) {
    const hw::Reason& result = state.admin->last_result;
    if (result.key.empty()) return {};
    return {result.key, ui.t(result.key, result.values), AdminTone::muted};
}

}  // namespace eimza::screens
