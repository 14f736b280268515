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

    // The box fits its texts: in large text they take more lines.
    const float box_width = std::min(display.x - 2 * margin(ui), ui.px(1100.0f));
    const float pad = ui.px(48.0f);
    const float inner = box_width - 2 * pad;
    const float button_height = ui.px(96.0f);
    const std::string title = ui.t("idle.title");
    const std::string left = ui.t("idle.left", {{"n", std::to_string(seconds_left)}});
    const std::string body = ui.t("idle.body");
    const std::string extend = ui.t("idle.extend");
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    auto height_of = [&](ImFont* font, const std::string& text) {
        return static_cast<float>(text_line_count(font, text, inner)) * text_line_height(font) + spacing;
    };
    const float box_height = 2 * pad + height_of(ui.fonts.heading, title) + height_of(ui.fonts.title, left) +
                             height_of(ui.fonts.strong, body) + height_of(ui.fonts.body, extend) + 3 * ui.px(8.0f) +
                             ui.px(24.0f) + button_height;
    const ImVec2 box_min((display.x - box_width) / 2, std::max(0.0f, (display.y - box_height) / 2));
    fill_rounded_rect(ImGui::GetWindowDrawList(), box_min, ImVec2(box_min.x + box_width, box_min.y + box_height),
                      palette::surface, ui.px(24.0f));
    ImGui::SetCursorScreenPos(ImVec2(box_min.x + pad, box_min.y + pad));
    text_block(ui, ui.fonts.heading, title, palette::text, inner, true);
    ImGui::SetCursorScreenPos(ImVec2(box_min.x + pad, ImGui::GetCursorScreenPos().y + ui.px(8.0f)));
    text_block(ui, ui.fonts.title, left, palette::warn, inner, true);
    ImGui::SetCursorScreenPos(ImVec2(box_min.x + pad, ImGui::GetCursorScreenPos().y + ui.px(8.0f)));
    text_block(ui, ui.fonts.strong, body, palette::text, inner, true);
    ImGui::SetCursorScreenPos(ImVec2(box_min.x + pad, ImGui::GetCursorScreenPos().y + ui.px(8.0f)));
    text_block(ui, ui.fonts.body, extend, palette::text_muted, inner, true);
    const float button_width = ui.px(440.0f);
    ImGui::SetCursorScreenPos(ImVec2(box_min.x + (box_width - button_width) / 2, ImGui::GetCursorScreenPos().y + ui.px(24.0f)));
    if (big_button(ui, "##stay", ui.t("idle.stay"), ButtonStyle::primary, ImVec2(button_width, button_height)))
        ui.emit(StayActive{});
    if (ImGui::GetCursorScreenPos().y > display.y + 1.0f) ui.report_overflow("idle countdown", "below the bottom edge");

    ImGui::End();
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor();
}

}  // namespace eimza::screens
