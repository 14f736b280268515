// One step of a process per screen: numbered, with the facts of the step
// (account, fees, receipt description, phones, e-mails) large and every URL
// also as a QR code; Back, Home and Next (or the answers) always in place.
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "kiosk/model/person_form.h"
#include "kiosk/model/process_flow.h"
#include "screens/widgets/qr_code.h"
#include "screens/widgets/widgets.h"

namespace eimza::screens {

namespace {

// One "label  value" line; the value column wraps.
void fact(const Ui& ui, const std::string& label, const std::string& value, float width, ImFont* value_font) {
    const float label_width = ui.px(300.0f);
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const float baseline_shift = (value_font->FontSize - ui.fonts.body->FontSize) * 0.6f;
    ImGui::SetCursorScreenPos(ImVec2(start.x, start.y + std::max(0.0f, baseline_shift)));
    text_block(ui, ui.fonts.body, label, palette::text_muted, label_width - ui.px(16.0f));
    const float after_label = ImGui::GetCursorScreenPos().y;
    ImGui::SetCursorScreenPos(ImVec2(start.x + label_width, start.y));
    text_block(ui, value_font, value, palette::text, width - label_width);
    ImGui::SetCursorScreenPos(ImVec2(start.x, std::max(after_label, ImGui::GetCursorScreenPos().y) + ui.px(4.0f)));
}

std::string fee_line(const Ui& ui, const content::Fee& fee) {
    if (!fee.amount) return fee.covers.in(ui.lang) + " — " + ui.t("process.fee_see_list");
    char amount[32];
    std::snprintf(amount, sizeof amount, "%.2f", *fee.amount);
    return fee.covers.in(ui.lang) + ": " + amount + " " + fee.currency + " (" + ui.t("process.as_of", {{"date", fee.as_of}}) +
           ")";
}

void draw_facts(const State& state, const Ui& ui, const content::Step& step, float width) {
    const content::Content& content = *state.content;
    if (auto it = content.accounts.find(step.account); it != content.accounts.end()) {
        const content::Account& a = it->second;
        fact(ui, ui.t("process.bank"), a.bank + (a.branch.empty() ? "" : ", " + a.branch), width, ui.fonts.strong);
        if (!a.account_name.empty()) fact(ui, ui.t("process.account_name"), a.account_name, width, ui.fonts.strong);
        fact(ui, "IBAN", content::group_in_fours(a.iban), width, ui.fonts.heading);
    }
    // Several fees are one row, a line each: one label, not the same label twice.
    std::string fees;
    for (const auto& id : step.fees)
        if (auto it = content.fees.find(id); it != content.fees.end())
            fees += (fees.empty() ? "" : "\n") + fee_line(ui, it->second);
    if (!fees.empty()) fact(ui, ui.t(step.fees.size() > 1 ? "process.fees" : "process.fee"), fees, width, ui.fonts.strong);
    const std::string receipt = receipt_description(state, step, ui.lang);
    if (!receipt.empty()) fact(ui, ui.t("process.receipt"), receipt, width, ui.fonts.heading);
    if (step.query_tckn) fact(ui, ui.t("process.query_tckn"), tckn_to_write(state, ui.lang), width, ui.fonts.heading);
    if (!receipt.empty() || step.query_tckn) {
        if (receipt_can_reveal_tckn(state, step)) {
            const ImVec2 at = ImGui::GetCursorScreenPos();
            ImGui::SetCursorScreenPos(ImVec2(at.x + ui.px(300.0f), at.y));
            if (big_button(ui, "##receipt_reveal", ui.t("process.receipt_reveal"), ButtonStyle::secondary,
                           ImVec2(std::min(width - ui.px(300.0f), ui.px(560.0f)), 0)))
                ui.emit(RevealTckn{});
            ImGui::SetCursorScreenPos(ImVec2(at.x, ImGui::GetCursorScreenPos().y + ui.px(8.0f)));
        }
    }
    // Who and where, as far as IT filled it in: the person the papers go to, their room and hours.
    const std::string& to = step.who.empty() ? step.deliver_to : step.who;
    if (auto it = content.institutions.find(to); it != content.institutions.end()) {
        const content::Institution& in = it->second;
        for (const auto& [key, value] : {std::pair{"process.contact", &in.contact}, {"process.room", &in.room},
                                         {"process.hours", &in.hours}, {"process.postal_address", &in.postal_address}})
            if (!value->empty()) fact(ui, ui.t(key), *value, width, ui.fonts.strong);
    }
    for (const auto& phone : step.phones) fact(ui, ui.t("process.phone"), phone, width, ui.fonts.title);
    for (const auto& email : step.emails) fact(ui, ui.t("process.email"), email, width, ui.fonts.heading);
}

// Payment channels side by side, each in its own panel, and the step's rule
// (e.g. no EFT) as a warning above them.
void draw_channels(const Ui& ui, const content::Step& step, float width) {
    const float x = ImGui::GetCursorScreenPos().x;
    if (!step.caution.tr.empty()) {
        status_badge(ui, BadgeIcon::warning, palette::warn, step.caution.in(ui.lang), width);
        ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y + ui.px(12.0f)));
    }
    if (step.channels.empty()) return;
    const float gap = ui.px(24.0f), pad = ui.px(16.0f);
    const float columns = static_cast<float>(step.channels.size());
    const float column = (width - gap * (columns - 1)) / columns;
    const float top = ImGui::GetCursorScreenPos().y;
    float bottom = top;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    // Texts first (their height sets the panels'), on a channel split under the panels.
    draw->ChannelsSplit(2);
    draw->ChannelsSetCurrent(1);
    for (std::size_t i = 0; i < step.channels.size(); ++i) {
        const float left = x + static_cast<float>(i) * (column + gap);
        ImGui::SetCursorScreenPos(ImVec2(left + pad, top + pad));
        text_block(ui, ui.fonts.strong, ui.t("process.channel", {{"n", std::to_string(i + 1)}}) + " " +
                                            step.channels[i].title.in(ui.lang),
                   palette::text, column - 2 * pad);
        ImGui::SetCursorScreenPos(ImVec2(left + pad, ImGui::GetCursorScreenPos().y));
        text_block(ui, ui.fonts.body, step.channels[i].body.in(ui.lang), palette::text, column - 2 * pad);
        bottom = std::max(bottom, ImGui::GetCursorScreenPos().y + pad);
    }
    draw->ChannelsSetCurrent(0);
    for (std::size_t i = 0; i < step.channels.size(); ++i) {
        const float left = x + static_cast<float>(i) * (column + gap);
        fill_rounded_rect(draw, ImVec2(left, top), ImVec2(left + column, bottom), palette::surface, ui.px(12.0f));
    }
    draw->ChannelsMerge();
    ImGui::SetCursorScreenPos(ImVec2(x, bottom + ui.px(16.0f)));
}

}  // namespace

std::string printed_documents(const State& state, const Ui& ui) {
    const documents::Plan plan = print_plan(state);
    std::string list;
    const auto add = [&list](const std::string& item) { list += (list.empty() ? "" : ", ") + item; };
    // Letters counted per addressee: two to one person read as one item.
    std::vector<std::pair<std::string, int>> letters;
    for (const auto& letter : plan.letters) {
        auto same = std::find_if(letters.begin(), letters.end(), [&](const auto& l) { return l.first == letter.to; });
        if (same == letters.end()) letters.push_back({letter.to, 1});
        else ++same->second;
    }
    for (const auto& [to, count] : letters) {
        auto it = state.content->institutions.find(to);
        const std::string name = it == state.content->institutions.end() ? to : it->second.name.in(ui.lang);
        add(count == 1 ? ui.t("process.doc.cover_letter", {{"to", name}})
                       : ui.t("process.doc.cover_letters", {{"to", name}, {"n", std::to_string(count)}}));
    }
    if (plan.payment_details) add(ui.t("process.doc.payment"));
    if (plan.details_summary) add(ui.t("process.doc.summary"));
    add(ui.t("process.doc.checklist"));
    if (plan.form_001_003 && state.form_mail_enabled) add(ui.t("process.doc.form_mail"));
    return list;
}

void draw_process(const State& state, const Ui& ui) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float m = margin(ui);
    const float width = display.x - 2 * m;
    const content::Process* process = current_process(state);
    const content::Step* step = current_step(state);
    if (!process || !step) {
        return;
    }
    const StepPosition position = step_position(state);
    const float top = ImGui::GetCursorScreenPos().y - ui.px(16.0f);
    ImGui::SetCursorScreenPos(ImVec2(m, top));
    text_block(ui, ui.fonts.body,
               process->title.in(ui.lang) + " · " +
                   ui.t("process.step_of", {{"n", std::to_string(position.number)}, {"total", std::to_string(position.total)}}),
               palette::text_muted, width);
    // Progress bar: where the person is, at a glance.
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 bar = ImGui::GetCursorScreenPos();
    const float fraction = position.total > 0 ? static_cast<float>(position.number) / static_cast<float>(position.total) : 0;
    fill_rounded_rect(draw, bar, ImVec2(bar.x + width, bar.y + ui.px(12.0f)), palette::secondary, ui.px(6.0f));
    fill_rounded_rect(draw, bar, ImVec2(bar.x + width * fraction, bar.y + ui.px(12.0f)), palette::primary, ui.px(6.0f));
    ImGui::SetCursorScreenPos(ImVec2(m, bar.y + ui.px(28.0f)));

    // The buttons keep their place at the bottom; the step's text scrolls
    // above them when it is longer than the room (large letters).
    const float nav_height = ui.px(96.0f);
    const float gap = ui.px(24.0f);
    const float nav_y = display.y - nav_height - m / 2;
    const auto rows_above_nav = static_cast<float>(step->answers.size() + (step->details ? 1 : 0));
    const float buttons_top = nav_y - rows_above_nav * (nav_height + gap);
    const ScrollRegion region = begin_scroll_region(
        ui, "##step", process->id + ":" + step->id,
        ImVec2(width, buttons_top - gap - ImGui::GetCursorScreenPos().y));
    const float inner = region.content_width;
    const float x0 = region.pos.x;
    if (step->warning) {
        status_badge(ui, BadgeIcon::warning, palette::bad, step->title.in(ui.lang), inner);
        ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + ui.px(16.0f)));
    } else {
        text_block(ui, ui.fonts.heading, step->title.in(ui.lang), palette::text, inner);
    }

    const bool landscape = display.x > display.y;
    const float qr_size = ui.px(260.0f);
    const float text_width = !step->urls.empty() && landscape ? inner - qr_size - ui.px(48.0f) : inner;
    const ImVec2 text_start = ImGui::GetCursorScreenPos();
    text_block(ui, ui.fonts.body, step->body.in(ui.lang), palette::text, text_width);
    ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + ui.px(12.0f)));
    draw_channels(ui, *step, text_width);
    draw_facts(state, ui, *step, text_width);

    // QR codes: beside the text on a landscape screen, below it otherwise.
    float qr_y = landscape ? text_start.y : ImGui::GetCursorScreenPos().y;
    const float qr_x = landscape ? x0 + inner - qr_size : x0;
    float text_end = ImGui::GetCursorScreenPos().y;
    for (const auto& url : step->urls) {
        ImGui::SetCursorScreenPos(ImVec2(qr_x, qr_y));
        qr_code(ui, url, qr_size);
        ImGui::SetCursorScreenPos(ImVec2(qr_x, ImGui::GetCursorScreenPos().y + ui.px(4.0f)));
        url_block(ui, ui.fonts.small, url, palette::text_muted, landscape ? qr_size : inner);
        qr_y = ImGui::GetCursorScreenPos().y + ui.px(16.0f);
        if (!landscape) text_end = qr_y;
    }
    if (landscape) text_end = std::max(text_end, qr_y);
    ImGui::SetCursorScreenPos(ImVec2(x0, text_end));
    if (step->details) {
        // Where the kiosk's part ends: what printing makes, and that the rest takes days.
        ImGui::SetCursorScreenPos(ImVec2(x0, text_end + ui.px(8.0f)));
        text_block(ui, ui.fonts.strong, ui.t("process.will_print", {{"list", printed_documents(state, ui)}}), palette::text,
                   inner);
    }
    end_scroll_region(region);

    // Answers as big buttons, or the navigation row.
    const float third = (width - 2 * gap) / 3;
    for (std::size_t i = 0; i < step->answers.size(); ++i) {
        ImGui::SetCursorScreenPos(ImVec2(m, buttons_top + static_cast<float>(i) * (nav_height + gap)));
        if (big_button(ui, ("##answer" + std::to_string(i)).c_str(), step->answers[i].label.in(ui.lang),
                       ButtonStyle::primary, ImVec2(width, nav_height)))
            ui.emit(ProcessAnswer{i});
    }
    if (step->details) {
        // The printed forms need the person's details: one tap to the form.
        const float details_y = nav_y - nav_height - gap;
        ImGui::SetCursorScreenPos(ImVec2(m, details_y));
        const bool entered = person_complete(state.session->person) && !state.session->person.tckn.empty();
        const float half = (width - gap) / 2;
        // One primary action: printing, through the details form while they are missing.
        if (big_button(ui, "##details", ui.t(entered ? "process.details_done" : "process.enter_details"),
                       entered ? ButtonStyle::secondary : ButtonStyle::primary, ImVec2(entered ? half : width, nav_height)))
            ui.emit(OpenDetails{});
        if (entered) {
            ImGui::SetCursorScreenPos(ImVec2(m + half + gap, details_y));
            if (big_button(ui, "##print", ui.t("process.print"), ButtonStyle::primary, ImVec2(half, nav_height)))
                ui.emit(PrintDocuments{});
        }
    }
    const float row_y = nav_y;
    ImGui::SetCursorScreenPos(ImVec2(m, row_y));
    if (big_button(ui, "##back", ui.t("nav.back"), ButtonStyle::secondary, ImVec2(third, nav_height)))
        ui.emit(ProcessBack{});
    ImGui::SetCursorScreenPos(ImVec2(m + third + gap, row_y));
    if (big_button(ui, "##home", ui.t("nav.home"), ButtonStyle::secondary, ImVec2(third, nav_height))) ui.emit(GoHome{});
    if (step->answers.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(m + 2 * (third + gap), row_y));
        const bool last = step->next.empty();
        // Where printing helps, printing is the one primary action.
        if (big_button(ui, "##next", ui.t(last ? "nav.finish" : "nav.next"),
                       step->details ? ButtonStyle::secondary : ButtonStyle::primary, ImVec2(third, nav_height)))
            ui.emit(last ? Action{GoHome{}} : Action{ProcessNext{}});
    }
}

}  // namespace eimza::screens
