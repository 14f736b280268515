#include "screens/style.h"

#include <imgui.h>

namespace eimza::screens {

void apply_kiosk_style(float scale) {
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    ImGui::StyleColorsLight(&style);
    style.WindowRounding = 12.0f;
    style.FrameRounding = 10.0f;
    style.GrabRounding = 10.0f;
    style.FramePadding = ImVec2(16.0f, 12.0f);
    style.ItemSpacing = ImVec2(16.0f, 12.0f);
    style.WindowPadding = ImVec2(20.0f, 16.0f);
    style.ScrollbarSize = 36.0f;
    style.TouchExtraPadding = ImVec2(6.0f, 6.0f);
    // Touch screens have no hover: make hovered look like normal so nothing
    // seems "selected" where a finger last lifted.
    style.Colors[ImGuiCol_ButtonHovered] = style.Colors[ImGuiCol_Button];
    style.Colors[ImGuiCol_ButtonActive] = ImVec4(0.02f, 0.18f, 0.37f, 1.0f);
    style.Colors[ImGuiCol_Text] = ImVec4(0.08f, 0.09f, 0.12f, 1.0f);
    style.ScaleAllSizes(scale);
    ImGui::GetIO().IniFilename = nullptr;  // no imgui.ini written on a read-only kiosk
}

}  // namespace eimza::screens
