// The token screen: reading, then the verdict — a big badge, the holder,
// days left in words, chain, revocation and PIN lines, the certificates.
#include <imgui.h>

#include <ctime>

#include "screens/widgets/widgets.h"

namespace eimza::screens {

namespace {

using hw::Overall;

struct BadgeLook {
    BadgeIcon icon;
    ImU32 colour;
};

BadgeLook look_of(Overall overall) {
    switch (overall) {
        case Overall::valid: return {BadgeIcon::check, palette::good};
        case Overall::renew_soon: return {BadgeIcon::warning, palette::warn};
        case Overall::not_yet_valid:
        case Overall::untrusted: return {BadgeIcon::warning, palette::warn};
        case Overall::expired:
        case Overall::revoked:
        case Overall::pin_blocked: return {BadgeIcon::cross, palette::bad};
        case Overall::no_certificate:
        case Overall::unreadable: return {BadgeIcon::question, palette::neutral};
    }
    return {BadgeIcon::question, palette::neutral};
}

std::string date_text(const Ui& ui, hw::SystemTime when) {
    const std::time_t t = std::chrono::system_clock::to_time_t(when);
    std::tm local{};
    localtime_r(&t, &local);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, ui.lang == Lang::tr ? "%d.%m.%Y" : "%Y-%m-%d", &local);
    return buffer;
}

std::string days_text(const Ui& ui, const hw::CertificateVerdict& cert) {
    if (ui.wall_now < cert.not_before) return ui.t("token.valid_from", {{"date", date_text(ui, cert.not_before)}});
    if (cert.days_left > 0) return ui.t("token.expires_in", {{"days", std::to_string(cert.days_left)}});
    if (cert.days_left == 0 && ui.wall_now < cert.not_after) return ui.t("token.expires_today");
    return ui.t("token.expired_ago", {{"days", std::to_string(-cert.days_left)}});
}

std::string age_text(const Ui& ui, hw::SystemTime then) {
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(ui.wall_now - then).count();
    if (minutes < 1) return ui.t("token.age.now");
    if (minutes < 120) return ui.t("token.age.minutes", {{"n", std::to_string(minutes)}});
    if (minutes < 48 * 60) return ui.t("token.age.hours", {{"n", std::to_string(minutes / 60)}});
    return ui.t("token.age.days", {{"n", std::to_string(minutes / (24 * 60))}});
}

std::string revocation_text(const Ui& ui, const hw::Revocation& r, ImU32& colour) {
    colour = palette::text;
    if (r.pending && r.status == hw::RevocationStatus::unknown) return ui.t("token.revocation.checking");
    std::string text;
    switch (r.status) {
        case hw::RevocationStatus::good: text = ui.t("token.revocation.good"); break;
        case hw::RevocationStatus::revoked: colour = palette::bad; text = ui.t("token.revocation.revoked"); break;
        case hw::RevocationStatus::unknown: colour = palette::warn; text = ui.t("token.revocation.unknown"); break;
    }
    if (r.checked_at) text += " · " + age_text(ui, *r.checked_at);
    return text;
}

std::string chain_text(const Ui& ui, hw::ChainStatus chain, ImU32& colour) {
    colour = chain == hw::ChainStatus::ok ? palette::text : palette::warn;
    return ui.t(std::string("token.chain.") + hw::to_string(chain));
}

std::string pin_text(const Ui& ui, hw::PinState pin, ImU32& colour) {
    colour = pin == hw::PinState::locked ? palette::bad
             : (pin == hw::PinState::final_try || pin == hw::PinState::count_low) ? palette::warn
                                                                                   : palette::text;
    return ui.t(std::string("token.pin.") + hw::to_string(pin));
}

// One "label   value" row; the value wraps within its column.
void info_row(const Ui& ui, const std::string& label, const std::string& value, ImU32 colour, float width) {
    const float label_width = ui.px(360.0f);
    const ImVec2 start = ImGui::GetCursorScreenPos();
    text_block(ui, ui.fonts.body, label, palette::text_muted, label_width - ui.px(16.0f));
    const float after_label = ImGui::GetCursorScreenPos().y;
    ImGui::SetCursorScreenPos(ImVec2(start.x + label_width, start.y));
    text_block(ui, ui.fonts.strong, value, colour, width - label_width);
    const float after_value = ImGui::GetCursorScreenPos().y;
    ImGui::SetCursorScreenPos(ImVec2(start.x, std::max(after_label, after_value) + ui.px(10.0f)));
}

const hw::CertificateVerdict* find_role(const hw::Verdict& verdict, hw::CertRole role) {
    for (const auto& cert : verdict.certificates)
        if (cert.role == role) return &cert;
    return nullptr;
}

void draw_reading(const TokenSession& session, const Ui& ui, float m, float width) {
    ImGui::Dummy(ImVec2(0, ui.px(120.0f)));
    ImGui::SetCursorScreenPos(ImVec2(m, ImGui::GetCursorScreenPos().y));
    text_block(ui, ui.fonts.title, ui.t("token.reading.title"), palette::text, width, true);
    ImGui::SetCursorScreenPos(ImVec2(m, ImGui::GetCursorScreenPos().y + ui.px(16.0f)));
    text_block(ui, ui.fonts.body, ui.t("token.reading.body"), palette::text_muted, width, true);
    if (ui.now - session.inserted_at >= kSpinnerDelay) {
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        spinner(ui, ImVec2(m + width / 2, pos.y + ui.px(120.0f)), ui.px(56.0f));
        ImGui::Dummy(ImVec2(0, ui.px(200.0f)));
    }
}

// Why the card could not be read (R05..R08) and what the person can do,
// with the code to read out to staff (docs/reader-triage.md).
void draw_failed(const State& state, const Ui& ui, float m, float width) {
    const auto triage = reader_triage(state);
    const std::string code =
        hw::triage_code(triage && hw::triage_card_failure(triage->code) ? triage->code : hw::TriageCode::token_not_recognised);
    status_badge(ui, BadgeIcon::question, palette::neutral, ui.t("triage." + code + ".title"), width);
    ImGui::SetCursorScreenPos(ImVec2(m, ImGui::GetCursorScreenPos().y + ui.px(24.0f)));
    text_block(ui, ui.fonts.heading, ui.t("triage." + code + ".body"), palette::text, width);
    ImGui::SetCursorScreenPos(ImVec2(m, ImGui::GetCursorScreenPos().y + ui.px(24.0f)));
    text_block(ui, ui.fonts.body, ui.t("triage.code", {{"code", code}}), palette::text_muted, width);
}

void draw_verdict(const State& state, const TokenSession& session, const Ui& ui, float m, float width) {
    const hw::Verdict& verdict = *session.verdict;
    const BadgeLook look = look_of(verdict.overall);
    status_badge(ui, look.icon, look.colour, ui.t(std::string("token.overall.") + hw::to_string(verdict.overall)), width);
    ImGui::SetCursorScreenPos(ImVec2(m, ImGui::GetCursorScreenPos().y + ui.px(24.0f)));

    if (verdict.holder) {
        text_block(ui, ui.fonts.heading, verdict.holder->name, palette::text, width);
        const ImVec2 row = ImGui::GetCursorScreenPos();
        const std::string tckn = state.tckn_revealed ? verdict.holder->tckn : verdict.holder->tckn_masked;
        text_block(ui, ui.fonts.body, ui.t("token.tckn", {{"tckn", tckn}}), palette::text_muted, width * 0.6f);
        if (!state.tckn_revealed) {
            ImGui::SetCursorScreenPos(ImVec2(m + width - ui.px(300.0f), row.y - ui.px(20.0f)));
            if (big_button(ui, "##reveal", ui.t("token.reveal_tckn"), ButtonStyle::secondary, ImVec2(ui.px(300.0f), 0)))
                ui.emit(RevealTckn{});
        }
        ImGui::SetCursorScreenPos(ImVec2(m, std::max(ImGui::GetCursorScreenPos().y, row.y + ui.px(56.0f))));
    }

    ImGui::SetCursorScreenPos(ImVec2(m, ImGui::GetCursorScreenPos().y + ui.px(12.0f)));
    ImU32 colour = palette::text;
    if (const auto* nes = find_role(verdict, hw::CertRole::nes)) {
        info_row(ui, ui.t("token.row.validity"),
                 days_text(ui, *nes) + " (" + date_text(ui, nes->not_after) + ")", palette::text, width);
        const std::string chain = chain_text(ui, nes->chain, colour);
        info_row(ui, ui.t("token.row.chain"), chain, colour, width);
        const std::string revocation = revocation_text(ui, nes->revocation, colour);
        info_row(ui, ui.t("token.row.revocation"), revocation, colour, width);
    }
    const std::string pin = pin_text(ui, verdict.pin, colour);
    info_row(ui, ui.t("token.row.pin"), pin, colour, width);
    if (const auto* registrar = find_role(verdict, hw::CertRole::registrar))
        info_row(ui, ui.t("token.row.registrar"), days_text(ui, *registrar), palette::text, width);
    if (session.snapshot && !session.snapshot->model.empty())
        info_row(ui, ui.t("token.row.model"), session.snapshot->model, palette::text_muted, width);
    if (verdict.clock_suspect) info_row(ui, ui.t("token.row.clock"), ui.t("token.clock_suspect"), palette::warn, width);

    for (const auto& reason : verdict.reasons) {
        ImGui::SetCursorScreenPos(ImVec2(m, ImGui::GetCursorScreenPos().y + ui.px(6.0f)));
        text_block(ui, ui.fonts.body, "• " + ui.t(reason.key, reason.values), palette::text, width);
    }
}

}  // namespace

void draw_token(const State& state, const Ui& ui) {
    begin_screen("token");
    top_bar(state, ui);
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float m = margin(ui);
    const float width = display.x - 2 * m;
    const float top = ImGui::GetCursorScreenPos().y;
    ImGui::SetCursorScreenPos(ImVec2(m, top - ui.px(16.0f)));

    const TokenSession& session = *state.token;
    switch (session.phase) {
        case TokenSession::Phase::reading: draw_reading(session, ui, m, width); break;
        case TokenSession::Phase::failed: draw_failed(state, ui, m, width); break;
        case TokenSession::Phase::ready:
            if (session.verdict) draw_verdict(state, session, ui, m, width);
            break;
    }

    // The bottom row never moves: other processes, the recommended one, and
    // the way out at the right.
    const float gap = ui.px(24.0f);
    const float finish_width = ui.px(300.0f);
    const float other_width = ui.px(380.0f);
    const ImVec2 content_end = ImGui::GetCursorScreenPos();
    // Portrait screens are narrow: the recommended process gets its own row.
    const bool landscape = display.x > display.y;
    const float row = ui.px(96.0f) + gap;
    const float button_y = std::max(content_end.y + gap + (landscape ? 0 : row), display.y - ui.px(96.0f) - m / 2);
    ImGui::SetCursorScreenPos(ImVec2(display.x - m - finish_width, button_y));
    if (big_button(ui, "##finish", ui.t("token.finish"), ButtonStyle::secondary, ImVec2(finish_width, ui.px(96.0f))))
        ui.emit(GoHome{});
    if (state.content && session.phase != TokenSession::Phase::reading) {
        ImGui::SetCursorScreenPos(ImVec2(m, button_y));
        if (big_button(ui, "##other", ui.t("token.other_processes"), ButtonStyle::secondary,
                       ImVec2(other_width, ui.px(96.0f))))
            ui.emit(ShowProcesses{});
        const hw::Process recommended = session.verdict ? session.verdict->recommended_process : hw::Process::none;
        if (const content::Process* process =
                recommended == hw::Process::none ? nullptr : state.content->process(hw::to_string(recommended))) {
            const float x = landscape ? m + other_width + gap : m;
            const float w = landscape ? display.x - m - finish_width - gap - x : width;
            ImGui::SetCursorScreenPos(ImVec2(x, landscape ? button_y : button_y - row));
            if (big_button(ui, "##recommended", ui.t("token.recommended", {{"process", process->title.in(ui.lang)}}),
                           ButtonStyle::primary, ImVec2(w, ui.px(96.0f))))
                ui.emit(OpenProcess{process->id});
        }
    }
    end_screen(ui, "token");
}

}  // namespace eimza::screens
