// The admin PIN: a numeric pad, dots for the digits, and the lockout after
// wrong tries. Reached only by the hidden corner of Home; for IT, not for
// the public, so it says plainly what it is.
#include <imgui.h>

#include "screens/widgets/keyboard.h"
#include "screens/widgets/widgets.h"

namespace eimza::screens {

void draw_admin_pin(const State& state, const Ui& ui) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float m = margin(ui);
    const float width = display.x - 2 * m;
    const AdminSession& admin = *state.admin;

    text_block(ui, ui.fonts.title, ui.t("admin.pin.title"), palette::text, width, true);
    ImGui::SetCursorScreenPos(ImVec2(m, ImGui::GetCursorScreenPos().y + ui.px(12.0f)));

    const auto locked_for = std::chrono::ceil<std::chrono::seconds>(state.admin_policy.locked_until - ui.now);
    std::string message;
    ImU32 colour = palette::text_muted;
    if (admin.checking) {
        message = ui.t("admin.pin.checking");
    } else if (locked_for.count() > 0) {
        message = ui.t("admin.pin.locked", {{"seconds", std::to_string(locked_for.count())}});
        colour = palette::bad;
    } else if (admin.wrong) {
        message = ui.t("admin.pin.wrong");
        colour = palette::bad;
    } else {
        message = ui.t("admin.pin.body");
    }
    text_block(ui, ui.fonts.body, message, colour, width, true);

    // One dot per digit typed: the count helps, the digits stay hidden.
    const float dots_y = ImGui::GetCursorScreenPos().y + ui.px(36.0f);
    const float dot = ui.px(14.0f), gap = ui.px(40.0f);
    const float dots_width = static_cast<float>(admin.entered.size()) * gap;
    for (std::size_t i = 0; i < admin.entered.size(); ++i)
        ImGui::GetWindowDrawList()->AddCircleFilled(
            ImVec2(display.x / 2 - dots_width / 2 + gap / 2 + static_cast<float>(i) * gap, dots_y), dot, palette::text);

    const float pad_width = std::min(width, ui.px(520.0f));
    const float pad_x = (display.x - pad_width) / 2;
    ImGui::SetCursorScreenPos(ImVec2(pad_x, dots_y + ui.px(48.0f)));
    if (const auto key = keyboard(ui, KeyboardLayout::numeric, false, pad_width, 88.0f)) {
        if (key->kind == KeyPress::Kind::backspace) ui.emit(AdminErase{});
        else if (key->text.size() == 1) ui.emit(AdminKey{key->text[0]});
    }

    const float gap_x = ui.px(24.0f);
    const float half = (pad_width - gap_x) / 2;
    const float y = ImGui::GetCursorScreenPos().y + ui.px(16.0f);
    ImGui::SetCursorScreenPos(ImVec2(pad_x, y));
    if (big_button(ui, "##admin_cancel", ui.t("admin.pin.cancel"), ButtonStyle::secondary, ImVec2(half, ui.px(96.0f))))
        ui.emit(GoHome{});
    ImGui::SetCursorScreenPos(ImVec2(pad_x + half + gap_x, y));
    if (big_button(ui, "##admin_enter", ui.t("admin.pin.enter"), ButtonStyle::primary, ImVec2(half, ui.px(96.0f))))
        ui.emit(AdminSubmit{});
}

}  // namespace eimza::screens
