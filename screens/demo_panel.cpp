// Demo mode only: insert and remove the virtual cards, so the kiosk can be
// tried without a reader. Never drawn in a production kiosk.
#include <imgui.h>

#include "screens/widgets/widgets.h"

namespace eimza::screens {

namespace {

// The virtual card profiles tests/vcard/card.sh knows.
const char* const kProfiles[] = {"valid",         "renewal_due", "expired",   "not_yet_valid", "revoked",
                                 "pin_final_try", "pin_locked",  "registrar", "no_pkcs15",     "garbage"};

}  // namespace

void draw_demo_panel(const State&, const Ui& ui) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float width = ui.px(330.0f);
    // Bottom left: the corner no screen puts a button in.
    ImGui::SetNextWindowPos(ImVec2(ui.px(8.0f), display.y - ui.px(8.0f)), ImGuiCond_Always, ImVec2(0.0f, 1.0f));
    ImGui::SetNextWindowSize(ImVec2(width, 0));
    ImGui::SetNextWindowBgAlpha(0.92f);
    ImGui::Begin(ui.t("demo.title").c_str(), nullptr,
                 ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::PushFont(ui.fonts.small);
    const ImVec2 button(width - ImGui::GetStyle().WindowPadding.x * 2, ui.px(44.0f));
    for (const char* profile : kProfiles) {
        if (ImGui::Button(ui.t(std::string("demo.profile.") + profile).c_str(), button))
            ui.emit(DemoInsertCard{profile});
    }
    ImGui::Separator();
    if (ImGui::Button(ui.t("demo.remove").c_str(), button)) ui.emit(DemoRemoveCard{});
    ImGui::PopFont();
    ImGui::End();
}

}  // namespace eimza::screens
