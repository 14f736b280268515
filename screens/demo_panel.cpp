// Demo mode only: insert and remove the virtual cards, so the kiosk can be
// tried without a reader. Never drawn in a production kiosk.
#include <imgui.h>

#include <iterator>

#include "screens/widgets/widgets.h"

namespace eimza::screens {

namespace {

// The virtual card profiles tests/vcard/card.sh knows.
const char* const kProfiles[] = {"valid",         "renewal_due", "expired",   "not_yet_valid", "revoked",
                                 "pin_final_try", "pin_locked",  "registrar", "no_pkcs15",     "garbage"};

}  // namespace

void draw_demo_panel(const State& state, const Ui& ui) {
    const float width = ui.px(460.0f);
    // Two buttons a row, in a corner no button of the screen is in: on Home
    // top left under the top bar (the card picture is centred, the buttons for
    // people without a card at the bottom), elsewhere bottom left.
    const bool home = state.screen == ScreenId::home;
    const float y = home ? ui.px(130.0f) : ImGui::GetIO().DisplaySize.y - ui.px(8.0f);
    ImGui::SetNextWindowPos(ImVec2(ui.px(8.0f), y), ImGuiCond_Always, ImVec2(0.0f, home ? 0.0f : 1.0f));
    ImGui::SetNextWindowSize(ImVec2(width, 0));
    ImGui::SetNextWindowBgAlpha(0.92f);
    ImGui::Begin(ui.t("demo.title").c_str(), nullptr,
                 ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::PushFont(ui.fonts.small);
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const ImVec2 button((width - ImGui::GetStyle().WindowPadding.x * 2 - spacing) / 2, ui.px(44.0f));
    for (std::size_t i = 0; i < std::size(kProfiles); ++i) {
        if (i % 2) ImGui::SameLine();
        if (ImGui::Button(ui.t(std::string("demo.profile.") + kProfiles[i]).c_str(), button))
            ui.emit(DemoInsertCard{kProfiles[i]});
    }
    ImGui::Separator();
    if (ImGui::Button(ui.t("demo.remove").c_str(), ImVec2(button.x * 2 + spacing, button.y))) ui.emit(DemoRemoveCard{});
    ImGui::PopFont();
    ImGui::End();
}

}  // namespace eimza::screens
