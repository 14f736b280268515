// Printing: under way, then "take your documents", or what went wrong in
// plain words and what to do, with a retry.
#include <imgui.h>

#include "kiosk/model/process_flow.h"
#include "screens/widgets/widgets.h"

namespace eimza::screens {

void draw_printing(const State& state, const Ui& ui) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float m = margin(ui);
    const float width = display.x - 2 * m;
    const PrintStatus& status = *state.session->printing;
    ImGui::SetCursorScreenPos(ImVec2(m, ImGui::GetCursorScreenPos().y + ui.px(40.0f)));
    switch (status.stage) {
        case PrintStatus::Stage::printing: {
            text_block(ui, ui.fonts.title, ui.t("print.printing"), palette::text, width, true);
            const ImVec2 pos = ImGui::GetCursorScreenPos();
            spinner(ui, ImVec2(m + width / 2, pos.y + ui.px(120.0f)), ui.px(56.0f));
            ImGui::SetCursorScreenPos(ImVec2(m, pos.y + ui.px(220.0f)));
            text_block(ui, ui.fonts.body, ui.t("print.wait"), palette::text_muted, width, true);
            break;
        }
        case PrintStatus::Stage::done:
            status_badge(ui, BadgeIcon::check, palette::good, ui.t("print.done"), width);
            ImGui::SetCursorScreenPos(ImVec2(m, ImGui::GetCursorScreenPos().y + ui.px(24.0f)));
            // What came out, what to do first, and the card: the end of the kiosk's part.
            text_block(ui, ui.fonts.body, ui.t("print.done_list", {{"list", printed_documents(state, ui)}}), palette::text,
                       width);
            if (const content::Step* next = next_task(state))
                text_block(ui, ui.fonts.strong, ui.t("print.next", {{"step", next->title.in(ui.lang)}}), palette::text, width);
            text_block(ui, ui.fonts.body, ui.t("print.done_body"), palette::text, width);
            if (state.token()) text_block(ui, ui.fonts.heading, ui.t("print.take_card"), palette::warn, width);
            break;
        case PrintStatus::Stage::failed:
            status_badge(ui, BadgeIcon::cross, palette::bad, ui.t("print.failed"), width);
            ImGui::SetCursorScreenPos(ImVec2(m, ImGui::GetCursorScreenPos().y + ui.px(24.0f)));
            text_block(ui, ui.fonts.body, ui.t("print.reason." + status.outcome), palette::text, width);
            break;
    }
    if (!status.form_mail.empty() && status.stage != PrintStatus::Stage::printing) {
        ImGui::SetCursorScreenPos(ImVec2(m, ImGui::GetCursorScreenPos().y + ui.px(24.0f)));
        const bool sent = status.form_mail == "sent";
        const bool off = status.form_mail == "disabled";
        status_badge(ui, sent ? BadgeIcon::check : BadgeIcon::warning, sent ? palette::good : palette::warn,
                     ui.t(sent ? "print.form_mail.sent" : off ? "print.form_mail.off" : "print.form_mail.not_sent"), width);
        ImGui::SetCursorScreenPos(ImVec2(m, ImGui::GetCursorScreenPos().y + ui.px(12.0f)));
        text_block(ui, ui.fonts.body, ui.t(sent ? "print.form_mail.sent_body" : "print.form_mail.not_sent_body"),
                   palette::text, width);
        // What the file's columns are, as content says (the kiosk's own layout
        // until IT puts the template's in).
        if (sent && state.content)
            text_block(ui, ui.fonts.small, state.content->documents.form_note.in(ui.lang), palette::text_muted, width);
    }
    if (status.stage != PrintStatus::Stage::printing) {
        const float gap = ui.px(24.0f);
        const float half = (width - gap) / 2;
        const float y = display.y - ui.px(96.0f) - m / 2;
        // After a fault the person's details are still here: trying again
        // is the way forward (primary, on the right), finishing erases them.
        const bool failed = status.stage == PrintStatus::Stage::failed;
        ImGui::SetCursorScreenPos(ImVec2(failed ? m : m + half + gap, y));
        if (big_button(ui, "##finish", ui.t("nav.finish"), failed ? ButtonStyle::secondary : ButtonStyle::primary,
                       ImVec2(half, ui.px(96.0f))))
            ui.emit(GoHome{});
        ImGui::SetCursorScreenPos(ImVec2(m + half + gap, y));
        if (failed && big_button(ui, "##retry", ui.t("print.retry"), ButtonStyle::primary, ImVec2(half, ui.px(96.0f))))
            ui.emit(PrintDocuments{});
    }
}

}  // namespace eimza::screens
