// The admin screen: what IT needs to see on the spot (readers, printer,
// trust anchors, CRL cache, content, clock, disk) and the few actions that
// fix things there. Never anything personal: the last card is an ATR.
#include <imgui.h>

#include <cstdio>

#include "hw/base/time_text.h"
#include "hw/token/token_snapshot.h"
#include "kiosk/admin/diagnostics.h"
#include "screens/widgets/widgets.h"

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

void section(const Ui& ui, const std::string& title, float width) {
    ImGui::Dummy(ImVec2(0, ui.px(10.0f)));
    text_block(ui, ui.fonts.strong, title, palette::primary, width);
}

void line(const Ui& ui, const std::string& text, float width, ImU32 colour = palette::text) {
    text_block(ui, ui.fonts.small, text, colour, width);
}

std::string printer_state_text(const Ui& ui, const hw::PrinterStatus& p) {
    if (!p.found) return ui.t("admin.printer.missing");
    const char* key = p.state == 3 ? "admin.printer.idle" : p.state == 4 ? "admin.printer.processing" : "admin.printer.stopped";
    std::string text = ui.t(key);
    if (!p.accepting) text += ", " + ui.t("admin.printer.rejecting");
    if (!p.reasons.empty() && p.reasons != "none") text += " (" + p.reasons + ")";
    return text;
}

// The USB readers and the drivers that list them: what R01 and R02 are about.
void draw_usb(const Ui& ui, const hw::ReaderScan& scan, float width) {
    if (scan.usb.empty()) line(ui, ui.t("admin.usb.none"), width, palette::text_muted);
    for (const auto& reader : scan.usb) {
        char id[16];
        std::snprintf(id, sizeof id, "%04x:%04x", reader.vendor, reader.product);
        line(ui, "• " + ui.t("admin.usb.reader", {{"port", reader.port}, {"id", id}, {"name", reader.name},
                                                  {"driver", reader.driver.empty() ? ui.t("admin.usb.no_driver") : reader.driver}}),
             width, reader.driver.empty() ? palette::bad : palette::text);
    }
    if (scan.drivers.empty()) {
        line(ui, ui.t("admin.drivers.none"), width, palette::bad);
        return;
    }
    std::string drivers;
    for (const auto& driver : scan.drivers)
        drivers += (drivers.empty() ? "" : ", ") + driver.name + " (" + std::to_string(driver.ids) + ")";
    line(ui, ui.t("admin.drivers", {{"drivers", drivers}}), width, palette::text_muted);
}

void draw_diagnostics(const State& state, const Ui& ui, float width) {
    const auto now = ui.wall_now;
    const AdminSession& admin = *state.admin;
    const char* service = state.reader_service == ReaderService::ok            ? "admin.pcsc.ok"
                          : state.reader_service == ReaderService::unavailable ? "admin.pcsc.unavailable"
                                                                               : "admin.pcsc.starting";
    // Which site's configuration is in force (eimza-kiosk provision).
    if (!state.site_name.empty()) line(ui, ui.t("admin.site", {{"site", state.site_name}}), width);
    section(ui, ui.t("admin.section.cards"), width);
    // The reader triage first: the code a person read out, and what was found.
    if (const auto triage = reader_triage(state))
        line(ui, ui.t("admin.triage", {{"code", hw::triage_code(triage->code)}, {"detail", triage->detail}}), width,
             hw::triage_failure(triage->code) ? palette::bad : palette::text);
    else
        line(ui, ui.t("admin.triage.unknown"), width, palette::text_muted);
    line(ui, ui.t(service), width, state.reader_service == ReaderService::ok ? palette::text : palette::bad);
    if (state.readers.empty()) line(ui, ui.t("admin.readers.none"), width, palette::bad);
    for (const auto& reader : state.readers) line(ui, "• " + reader, width);
    if (admin.diagnostics) draw_usb(ui, admin.diagnostics->readers, width);
    if (state.last_card) {
        std::string module = admin.diagnostics ? admin.diagnostics->last_card_module : std::string();
        line(ui, ui.t("admin.last_card", {{"atr", state.last_card->atr.empty() ? "-" : hw::to_hex(state.last_card->atr)},
                                           {"outcome", ui.t("admin.outcome." + state.last_card->outcome)},
                                           {"module", module.empty() ? "-" : module}}),
             width);
        if (const auto& t = state.last_card->triage; t && t->code != hw::TriageCode::ok)
            line(ui, ui.t("admin.last_card.triage", {{"code", hw::triage_code(t->code)}, {"detail", t->detail}}), width,
                 palette::bad);
    }
    if (!admin.diagnostics) {
        section(ui, ui.t("admin.collecting"), width);
        return;
    }
    const admin::Diagnostics& d = *admin.diagnostics;

    section(ui, ui.t("admin.section.printer"), width);
    line(ui, d.print_queue + ": " + printer_state_text(ui, d.printer), width,
         hw::printer_ok(d.printer) ? palette::text : palette::bad);

    section(ui, ui.t("admin.section.trust"), width);
    for (const auto& problem : d.anchor_problems) line(ui, problem, width, palette::bad);
    for (const auto& anchor : d.anchors) {
        const auto days = std::chrono::duration_cast<std::chrono::hours>(anchor.not_after - now).count() / 24;
        line(ui, anchor.subject + " — " + local_time_text(anchor.not_after) + " (" + std::to_string(days) + " " + ui.t("admin.days") + ")",
             width, days < 90 ? palette::warn : palette::text);
    }

    section(ui, ui.t("admin.section.crl"), width);
    if (d.crls.empty()) line(ui, ui.t("admin.crl.empty"), width, palette::text_muted);
    for (const auto& crl : d.crls) {
        if (!crl.readable) {
            line(ui, crl.file + ": " + ui.t("admin.crl.unreadable"), width, palette::bad);
            continue;
        }
        const auto age = std::chrono::duration_cast<std::chrono::seconds>(now - crl.this_update);
        const bool expired = crl.next_update < now;
        line(ui, ui.t("admin.crl.entry", {{"issuer", crl.issuer}, {"age", duration_text(ui, age)},
                                           {"next", local_time_text(crl.next_update)}}),
             width, expired ? palette::bad : palette::text);
    }

    section(ui, ui.t("admin.section.system"), width);
    line(ui, ui.t("admin.content", {{"version", state.content ? state.content->version : "-"}}), width);
    if (d.content_update) {
        const auto& u = *d.content_update;
        line(ui, ui.t("admin.content_update", {{"result", content::to_string(u.result)}, {"when", local_time_text(u.last_attempt)},
                                               {"message", u.message}}),
             width, content::succeeded(u.result) ? palette::text : palette::bad);
    } else {
        line(ui, ui.t("admin.content_update.never"), width, palette::text_muted);
    }
    line(ui, ui.t("admin.system_slot", {{"slot", d.system.slot.empty() ? "-" : d.system.slot},
                                         {"version", d.system.version.empty() ? "-" : d.system.version}}),
         width);
    if (d.system.last_update) {
        const auto& u = *d.system.last_update;
        line(ui, ui.t("admin.system_update", {{"result", u.result}, {"when", local_time_text(u.when)}, {"version", u.version},
                                              {"slot", u.slot}, {"message", u.message}}),
             width, fleet::needs_attention(u) ? palette::bad : palette::text);
    } else {
        line(ui, ui.t("admin.system_update.never"), width, palette::text_muted);
    }
    line(ui, ui.t(d.clock_synchronised ? "admin.clock.synced" : "admin.clock.unsynced", {{"now", local_time_text(now)}}), width,
         d.clock_synchronised ? palette::text : palette::bad);
    line(ui, ui.t("admin.disk", {{"free", bytes_text(d.disk_free_bytes)}, {"total", bytes_text(d.disk_total_bytes)}}), width,
         d.disk_total_bytes > 0 && d.disk_free_bytes * 20 < d.disk_total_bytes ? palette::bad : palette::text);
    line(ui, ui.t("admin.uptime", {{"uptime", duration_text(ui, d.system_uptime)}, {"version", d.app_version}}), width);
}

}  // namespace

void draw_admin(const State& state, const Ui& ui) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float m = margin(ui);
    const float width = display.x - 2 * m;
    const bool landscape = display.x > display.y;
    const float actions_width = landscape ? ui.px(460.0f) : width;
    const float gap = ui.px(32.0f);
    const float info_width = landscape ? width - actions_width - gap : width;
    const AdminSession& admin = *state.admin;

    const float top = ImGui::GetCursorScreenPos().y;
    text_block(ui, ui.fonts.heading, ui.t("admin.title"), palette::text, info_width);
    const float button_h = ui.px(80.0f), button_gap = ui.px(14.0f);
    // Six actions (two per row in portrait) and Leave on its own row.
    const int rows = landscape ? 7 : 4;
    const float actions_height = static_cast<float>(rows) * (button_h + button_gap) + ui.px(48.0f);
    const float info_top = ImGui::GetCursorScreenPos().y;
    const float info_bottom = landscape ? display.y - m / 2 : display.y - actions_height - m;
    ImGui::SetCursorScreenPos(ImVec2(m, info_top));
    ImGui::BeginChild("##diagnostics", ImVec2(info_width, info_bottom - info_top), false);
    draw_diagnostics(state, ui, info_width - ui.px(16.0f));
    ImGui::EndChild();

    const float actions_x = landscape ? m + info_width + gap : m;
    float y = landscape ? top : info_bottom + ui.px(8.0f);
    const float columns = landscape ? 1.0f : 2.0f;
    const float button_w = (actions_width - (columns - 1) * button_gap) / columns;
    const struct {
        const char* id;
        const char* label;
        std::optional<AdminTask> task;
    } actions[] = {
        {"##admin_refresh", "admin.action.refresh", AdminTask::refresh_diagnostics},
        {"##admin_test_page", "admin.action.test_page", AdminTask::print_test_page},
        {"##admin_reload", "admin.action.reload_content", AdminTask::reload_content},
        {"##admin_crl_refresh", "admin.action.refresh_crls", AdminTask::refresh_crls},
        {"##admin_crl_clear", "admin.action.clear_crls", AdminTask::clear_crls},
        {"##admin_restart", "admin.action.restart", std::nullopt},
    };
    int index = 0;
    for (const auto& action : actions) {
        const float x = actions_x + static_cast<float>(index % static_cast<int>(columns)) * (button_w + button_gap);
        ImGui::SetCursorScreenPos(ImVec2(x, y));
        const bool busy = admin.running && action.task && *admin.running == *action.task;
        const std::string label = busy ? ui.t("admin.running") : ui.t(action.label);
        if (big_button(ui, action.id, label, ButtonStyle::secondary, ImVec2(button_w, button_h)) && !admin.running) {
            if (action.task) ui.emit(AdminRun{*action.task});
            else ui.emit(AdminRestart{});
        }
        ++index;
        if (index % static_cast<int>(columns) == 0) y += button_h + button_gap;
    }
    ImGui::SetCursorScreenPos(ImVec2(actions_x, y));
    if (big_button(ui, "##admin_leave", ui.t("admin.action.leave"), ButtonStyle::primary, ImVec2(actions_width, button_h)))
        ui.emit(GoHome{});
    if (!admin.last_result.key.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(actions_x, y + button_h + button_gap));
        text_block(ui, ui.fonts.small, ui.t(admin.last_result.key, admin.last_result.values), palette::text_muted,
                   actions_width);
    }
}

}  // namespace eimza::screens
