// Shown over any screen during the last seconds before the idle wipe.
#include <imgui.h>

#include "screens/widgets/widgets.h"

namespace eimza::screens {

void draw_idle_countdown(const State&, const Ui& ui, int seconds_left) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(display);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.05f, 0.07f, 0.1f, 0.78f));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    ImGui::Begin("idle_countdown", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBackground);
    // The dimming drawn here rather than as the window's background, which
    // ImGui fills as a fan (see fill_convex).
    fill_rounded_rect(ImGui::GetWindowDrawList(), ImVec2(0, 0), display,
                      ImGui::GetColorU32(ImGuiCol_WindowBg), ImGui::GetStyle().WindowRounding);

    const float box_width = std::min(display.x - 2 * margin(ui), ui.px(1100.0f));
    const float box_height = ui.px(520.0f);
    const ImVec2 box_min((display.x - box_width) / 2, (display.y - box_height) / 2);
    fill_rounded_rect(ImGui::GetWindowDrawList(), box_min, ImVec2(box_min.x + box_width, box_min.y + box_height),
                      palette::surface, ui.px(24.0f));
    const float inner = box_width - ui.px(96.0f);
    ImGui::SetCursorScreenPos(ImVec2(box_min.x + ui.px(48.0f), box_min.y + ui.px(48.0f)));
    text_block(ui, ui.fonts.heading, ui.t("idle.title"), palette::text, inner, true);
    ImGui::SetCursorScreenPos(ImVec2(box_min.x + ui.px(48.0f), ImGui::GetCursorScreenPos().y + ui.px(8.0f)));
    text_block(ui, ui.fonts.title, std::to_string(seconds_left), palette::warn, inner, true);
    ImGui::SetCursorScreenPos(ImVec2(box_min.x + ui.px(48.0f), ImGui::GetCursorScreenPos().y + ui.px(8.0f)));
    text_block(ui, ui.fonts.body, ui.t("idle.body"), palette::text_muted, inner, true);
    const float button_width = ui.px(440.0f);
    ImGui::SetCursorScreenPos(
        ImVec2(box_min.x + (box_width - button_width) / 2, box_min.y + box_height - ui.px(96.0f) - ui.px(40.0f)));
    if (big_button(ui, "##stay", ui.t("idle.stay"), ButtonStyle::primary, ImVec2(button_width, ui.px(96.0f))))
        ui.emit(StayActive{});

    ImGui::End();
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor();
}

}  // namespace eimza::screens
