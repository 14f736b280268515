// Not yet set up: the generic image without a site's configuration. It
// tells IT what is missing and how to provide it, and offers the public
// nothing, so no half-configured kiosk (no trust anchors, no printer) ever
// judges a card or prints.
#include <imgui.h>

#include "screens/widgets/widgets.h"

namespace eimza::screens {

void draw_setup(const Ui& ui) {
    begin_screen("setup");
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float m = margin(ui);
    const float width = display.x - 2 * m;
    ImGui::SetCursorScreenPos(ImVec2(m, m + ui.px(40.0f)));
    text_block(ui, ui.fonts.title, ui.t("setup.title"), palette::warn, width, true);
    ImGui::SetCursorScreenPos(ImVec2(m, ImGui::GetCursorScreenPos().y + ui.px(16.0f)));
    text_block(ui, ui.fonts.body, ui.t("setup.public"), palette::text, width, true);
    ImGui::SetCursorScreenPos(ImVec2(m, ImGui::GetCursorScreenPos().y + ui.px(48.0f)));
    text_block(ui, ui.fonts.heading, ui.t("setup.for_it"), palette::text, width);
    ImGui::SetCursorScreenPos(ImVec2(m, ImGui::GetCursorScreenPos().y + ui.px(8.0f)));
    text_block(ui, ui.fonts.body, ui.t("setup.how"), palette::text_muted, width);
    ImGui::SetCursorScreenPos(ImVec2(m, ImGui::GetCursorScreenPos().y + ui.px(24.0f)));
    text_block(ui, ui.fonts.small, ui.t("setup.version", {{"version", EIMZA_VERSION}}), palette::text_muted, width);
    end_screen(ui, "setup");
}

}  // namespace eimza::screens
