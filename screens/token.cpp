// The token screen: reading, then the verdict — a big badge, the holder,
// days left in words, chain, revocation (with how fresh the answer is), the
// issuing CA and PIN lines; for a revoked card, the question why.
#include <imgui.h>

#include <ctime>

#include "hw/base/time_text.h"
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
        case Overall::untrusted:
        case Overall::unconfirmed: return {BadgeIcon::warning, palette::warn};
        case Overall::expired:
        case Overall::revoked:
        case Overall::ca_invalid:
        case Overall::pin_blocked: return {BadgeIcon::cross, palette::bad};
        // Nothing is green, nor red, before the evidence is in.
        case Overall::checking:
        case Overall::no_certificate:
        case Overall::unreadable: return {BadgeIcon::question, palette::neutral};
    }
    return {BadgeIcon::question, palette::neutral};
}

std::string date_text(const Ui& ui, hw::SystemTime when) {
    return local_time_text(when, ui.lang == Lang::tr ? kDottedDate : kIsoDate);
}

// hh:mm, with the day when it is not today: how fresh a CRL or an answer is.
std::string moment_text(const Ui& ui, hw::SystemTime when) {
    const bool same_day = local_time_text(when, "%Y-%j") == local_time_text(ui.wall_now, "%Y-%j");
    return local_time_text(when, same_day ? "%H:%M" : (ui.lang == Lang::tr ? "%d.%m %H:%M" : "%m-%d %H:%M"));
}

std::string days_text(const Ui& ui, const hw::CertificateVerdict& cert) {
    if (ui.wall_now < cert.not_before) return ui.t("token.valid_from", {{"date", date_text(ui, cert.not_before)}});
    if (cert.days_left > 0) return ui.t("token.expires_in", {{"days", std::to_string(cert.days_left)}});
    if (cert.days_left == 0 && ui.wall_now < cert.not_after) return ui.t("token.expires_today");
    return ui.t("token.expired_ago", {{"days", std::to_string(-cert.days_left)}});
}

std::string ago_text(const Ui& ui, hw::SystemTime then) {
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(ui.wall_now - then).count();
    const auto minutes = seconds / 60;
    if (seconds < 60) return ui.t("token.ago.now");
    if (minutes < 120) return ui.t("token.ago.minutes", {{"n", std::to_string(minutes)}});
    if (minutes < 48 * 60) return ui.t("token.ago.hours", {{"n", std::to_string(minutes / 60)}});
    return ui.t("token.ago.days", {{"n", std::to_string(minutes / (24 * 60))}});
}

// How fresh an answer is: the OCSP answer's time, or the CRL's date and
// its next update.
std::string freshness_text(const Ui& ui, const hw::Revocation& r) {
    if (r.source == hw::RevocationSource::crl && r.this_update)
        return ui.t("token.fresh.crl", {{"time", moment_text(ui, *r.this_update)},
                                        {"next", r.next_update ? moment_text(ui, *r.next_update) : "?"}});
    if (r.source == hw::RevocationSource::ocsp && r.checked_at)
        return ui.t("token.fresh.ocsp", {{"time", moment_text(ui, *r.checked_at)}, {"age", ago_text(ui, *r.checked_at)}});
    return {};
}

std::string revocation_text(const Ui& ui, const hw::Revocation& r, ImU32& colour) {
    colour = palette::text;
    if (r.pending) {
        colour = palette::text_muted;
        std::string text = ui.t("token.revocation.checking");
        if (r.source == hw::RevocationSource::cache && r.checked_at)
            text += " · " + ui.t("token.fresh.cache", {{"age", ago_text(ui, *r.checked_at)}});
        return text;
    }
    if (r.status == hw::RevocationStatus::revoked) {
        colour = palette::bad;
        std::string text = ui.t("token.revocation.revoked");
        if (r.source == hw::RevocationSource::cache && r.checked_at)
            text += " · " + ui.t("token.fresh.cache", {{"age", ago_text(ui, *r.checked_at)}});
        else if (const std::string fresh = freshness_text(ui, r); !fresh.empty())
            text += " · " + fresh;
        return text;
    }
    if (hw::confirmed(r, ui.wall_now)) return ui.t("token.revocation.good") + " · " + freshness_text(ui, r);
    // Not confirmed now: said in amber, with the age of the last real answer.
    colour = palette::warn;
    if (r.source == hw::RevocationSource::cache && r.checked_at)
        return ui.t("token.revocation.cached_good", {{"age", ago_text(ui, *r.checked_at)}});
    return ui.t("token.revocation.unknown");
}

std::string chain_text(const Ui& ui, hw::ChainStatus chain, ImU32& colour) {
    colour = chain == hw::ChainStatus::ok ? palette::text
             : (chain == hw::ChainStatus::ca_expired || chain == hw::ChainStatus::ca_not_yet_valid ||
                chain == hw::ChainStatus::ca_revoked)
                 ? palette::bad
                 : palette::warn;
    return ui.t(std::string("token.chain.") + hw::to_string(chain));
}

// The issuing CA (the first certificate above the holder's, when it is not
// the anchor IT installed): its dates and its own revocation answer.
// Its name is in the reasons when it matters; the row keeps to one line.
std::string issuer_text(const Ui& ui, const hw::PathCertificate& ca, ImU32& colour) {
    colour = palette::text;
    std::string text;
    switch (ca.validity) {
        case hw::CaValidity::ok:
            text = ui.t("token.ca.valid_until", {{"date", date_text(ui, ca.not_after)}});
            break;
        case hw::CaValidity::expired:
            colour = palette::bad;
            return ui.t("token.ca.expired_on", {{"date", date_text(ui, ca.not_after)}});
        case hw::CaValidity::not_yet_valid:
            colour = palette::bad;
            return ui.t("token.ca.valid_from", {{"date", date_text(ui, ca.not_before)}});
    }
    if (ca.anchor) return text;
    ImU32 revocation_colour = palette::text;
    text += " · " + revocation_text(ui, ca.revocation, revocation_colour);
    colour = revocation_colour == palette::text_muted ? palette::text : revocation_colour;
    return text;
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
    ImGui::SetCursorScreenPos(ImVec2(start.x, std::max(after_label, after_value) + ui.px(4.0f)));
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

// "Why was it revoked?": the answer decides the process. The three named
// processes' titles come from the content; any other reason opens the list.
// Drawn in the bottom rows, where the other screens offer their process.
void draw_revoked_answers(const State& state, const Ui& ui, ImVec2 at, float width, int columns) {
    const char* ids[] = {"lost_stolen", "pin_puk_block", "identity_update"};
    const float gap = ui.px(24.0f);
    const float w = (width - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    const float h = ui.px(96.0f);
    for (int i = 0; i < 4; ++i) {
        ImGui::SetCursorScreenPos(ImVec2(at.x + static_cast<float>(i % columns) * (w + gap),
                                         at.y + static_cast<float>(i / columns) * (h + gap)));
        const std::string id = "##why" + std::to_string(i);
        if (i < 3) {
            const content::Process* process = state.content->process(ids[i]);
            if (!process) continue;
            if (big_button(ui, id.c_str(), process->title.in(ui.lang), ButtonStyle::primary, ImVec2(w, h)))
                ui.emit(OpenProcess{process->id});
        } else if (big_button(ui, id.c_str(), ui.t("token.revoked.other"), ButtonStyle::secondary, ImVec2(w, h))) {
            ui.emit(ShowProcesses{});
        }
    }
}

// "Show number": beside the masked TCKN on a wide screen; on a tall one with
// the buttons at the bottom, within reach (draw_token).
bool tckn_hidden(const State& state, const TokenReady& ready) {
    return ready.verdict.holder && !state.session->tckn_revealed;
}
void reveal_button(const Ui& ui, ImVec2 at) {
    ImGui::SetCursorScreenPos(at);
    if (big_button(ui, "##reveal", ui.t("token.reveal_tckn"), ButtonStyle::secondary, ImVec2(ui.px(300.0f), 0)))
        ui.emit(RevealTckn{});
}

void draw_verdict(const State& state, const TokenReady& ready, const Ui& ui, float m, float width) {
    const hw::Verdict& verdict = ready.verdict;
    const bool large_text = ui.bar_fonts.body && ui.fonts.body != ui.bar_fonts.body;
    BadgeLook look = look_of(verdict.overall);
    std::string headline = ui.t(std::string("token.overall.") + hw::to_string(verdict.overall));
    // The last PIN try outweighs a good certificate: one guess blocks the card.
    if (verdict.pin == hw::PinState::final_try &&
        (verdict.overall == Overall::valid || verdict.overall == Overall::renew_soon)) {
        look = {BadgeIcon::warning, palette::warn};
        headline = ui.t("token.overall.pin_final_try");
    }
    status_badge(ui, look.icon, look.colour, headline, width);
    ImGui::SetCursorScreenPos(ImVec2(m, ImGui::GetCursorScreenPos().y + ui.px(24.0f)));

    if (verdict.holder) {
        text_block(ui, ui.fonts.heading, verdict.holder->name, palette::text, width);
        const ImVec2 row = ImGui::GetCursorScreenPos();
        const bool revealed = state.session->tckn_revealed;
        const std::string tckn = revealed ? verdict.holder->tckn : verdict.holder->tckn_masked;
        text_block(ui, ui.fonts.body, ui.t("token.tckn", {{"tckn", tckn}}), palette::text_muted, width * 0.6f);
        const ImVec2 display = ImGui::GetIO().DisplaySize;
        if (!revealed && display.x > display.y) reveal_button(ui, ImVec2(m + width - ui.px(300.0f), row.y - ui.px(20.0f)));
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
        if (!nes->path.empty()) {
            const std::string issuer = issuer_text(ui, nes->path.front(), colour);
            // Large letters leave room for what matters: an issuer in order is
            // not said, a problem with it still is (and in the reasons).
            if (!large_text || colour != palette::text) info_row(ui, ui.t("token.row.issuer"), issuer, colour, width);
        }
    }
    // A revoked certificate makes its PIN moot: the room goes to the question why.
    if (verdict.overall != Overall::revoked) {
        const std::string pin = pin_text(ui, verdict.pin, colour);
        info_row(ui, ui.t("token.row.pin"), pin, colour, width);
    }
    if (const auto* registrar = find_role(verdict, hw::CertRole::registrar))
        info_row(ui, ui.t("token.row.registrar"),
                 days_text(ui, *registrar) + " (" + date_text(ui, registrar->not_after) + ")", palette::text, width);
    if (!ready.snapshot.model.empty() && verdict.overall != Overall::revoked && !large_text)
        info_row(ui, ui.t("token.row.model"), ready.snapshot.model, palette::text_muted, width);
    if (verdict.clock_suspect) info_row(ui, ui.t("token.row.clock"), ui.t("token.clock_suspect"), palette::warn, width);

    for (const auto& reason : verdict.reasons) {
        ImGui::SetCursorScreenPos(ImVec2(m, ImGui::GetCursorScreenPos().y + ui.px(6.0f)));
        text_block(ui, ui.fonts.body, "• " + ui.t(reason.key, reason.values), palette::text, width);
    }
    // A blocked PIN: what the PUK can do and what follows if it is blocked
    // too, in the content's words (IT can correct them).
    if (verdict.overall == Overall::pin_blocked && state.content)
        if (const content::Process* process = state.content->process("pin_puk_block")) {
            ImGui::SetCursorScreenPos(ImVec2(m, ImGui::GetCursorScreenPos().y + ui.px(6.0f)));
            text_block(ui, ui.fonts.body, "• " + process->summary.in(ui.lang), palette::text, width);
        }
    if (verdict.overall == Overall::revoked && state.content) {
        ImGui::SetCursorScreenPos(ImVec2(m, ImGui::GetCursorScreenPos().y + ui.px(16.0f)));
        text_block(ui, ui.fonts.heading, ui.t("token.revoked.why"), palette::text, width);
    }
}

}  // namespace

void draw_token(const State& state, const Ui& ui) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float m = margin(ui);
    const float width = display.x - 2 * m;
    const float top = ImGui::GetCursorScreenPos().y;
    ImGui::SetCursorScreenPos(ImVec2(m, top - ui.px(16.0f)));

    const TokenSession& session = *state.token();
    const TokenReady* ready = session.ready();
    if (ready) draw_verdict(state, *ready, ui, m, width);
    else if (session.failed()) draw_failed(state, ui, m, width);
    else draw_reading(session, ui, m, width);

    // The bottom row never moves: other processes, the recommended one, and
    // the way out at the right.
    const float gap = ui.px(24.0f);
    const float finish_width = ui.px(300.0f);
    const float other_width = ui.px(380.0f);
    const ImVec2 content_end = ImGui::GetCursorScreenPos();
    // Portrait screens are narrow: the recommended process gets its own row.
    const bool landscape = display.x > display.y;
    const float row = ui.px(96.0f) + gap;
    const bool revoked = state.content && ready && ready->verdict.overall == Overall::revoked;
    // Portrait: the revoked card's four answers take two rows of their own;
    // "Show number" comes down, within reach, into a row above the others
    // (beside Finish on a revoked card's, where the left is free).
    const hw::Process recommended = ready ? ready->verdict.recommended_process : hw::Process::none;
    const content::Process* recommended_process = recommended == hw::Process::none || !state.content
                                                      ? nullptr
                                                      : state.content->process(hw::to_string(recommended));
    const bool reveal_low = !landscape && ready && tckn_hidden(state, *ready);
    const float rows_above =
        landscape ? 0 : (revoked ? 2 * row : row) + (reveal_low && !revoked && recommended_process ? row : 0);
    const float button_y = std::max(content_end.y + gap + rows_above, display.y - ui.px(96.0f) - m / 2);
    if (reveal_low)
        reveal_button(ui, revoked ? ImVec2(m, button_y)
                                  : ImVec2(display.x - m - ui.px(300.0f), button_y - (recommended_process ? 2 : 1) * row));
    ImGui::SetCursorScreenPos(ImVec2(display.x - m - finish_width, button_y));
    // While the card is read there is nothing to finish yet: the way out cancels.
    const bool reading = !ready && !session.failed();
    if (big_button(ui, "##finish", ui.t(reading ? "token.cancel" : "token.finish"), ButtonStyle::secondary,
                   ImVec2(finish_width, ui.px(96.0f))))
        ui.emit(GoHome{});
    if (revoked) {
        // "Another reason" opens the list: no separate "other processes".
        if (landscape)
            draw_revoked_answers(state, ui, ImVec2(m, button_y), width - finish_width - gap, 4);
        else
            draw_revoked_answers(state, ui, ImVec2(m, content_end.y + gap), width, 2);
    } else if (state.content && !session.reading()) {
        ImGui::SetCursorScreenPos(ImVec2(m, button_y));
        if (big_button(ui, "##other", ui.t("token.other_processes"), ButtonStyle::secondary,
                       ImVec2(other_width, ui.px(96.0f))))
            ui.emit(ShowProcesses{});
        if (const content::Process* process = recommended_process) {
            const float x = landscape ? m + other_width + gap : m;
            const float w = landscape ? display.x - m - finish_width - gap - x : width;
            ImGui::SetCursorScreenPos(ImVec2(x, landscape ? button_y : button_y - row));
            // A blocked PIN has more than one way out (the PUK first): the
            // process is offered, not recommended as the only way.
            const std::string label =
                recommended == hw::Process::pin_puk_block
                    ? ui.t("token.pin_blocked.next")
                    : ui.t("token.recommended", {{"process", process->title.in(ui.lang)}});
            if (big_button(ui, "##recommended", label, ButtonStyle::primary, ImVec2(w, ui.px(96.0f))))
                ui.emit(OpenProcess{process->id});
        }
    }
}

}  // namespace eimza::screens
