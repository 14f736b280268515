// The admin screen: what IT needs to see on the spot (readers, printer,
// trust anchors, CRL cache, content, clock, disk) and the few actions that
// fix things there. Never anything personal: the last card is an ATR.
#include <imgui.h>

#include "screens/admin_lines.h"
#include "screens/widgets/widgets.h"

namespace eimza::screens {

namespace {

ImU32 colour_of(AdminTone tone) {
    switch (tone) {
        case AdminTone::section: return palette::primary;
        case AdminTone::muted: return palette::text_muted;
        case AdminTone::warn: return palette::warn;
        case AdminTone::bad: return palette::bad;
        case AdminTone::normal: break;
    }
    return palette::text;
}

void draw_diagnostics(const State& state, const Ui& ui, float width) {
    for (const auto& line : admin_lines(state, ui)) {
        if (line.tone == AdminTone::section) {
            ImGui::Dummy(ImVec2(0, ui.px(10.0f)));
            text_block(ui, ui.fonts.strong, line.text, colour_of(line.tone), width);
        } else {
            text_block(ui, ui.fonts.small, line.text, colour_of(line.tone), width);
        }
    }
}

}  // namespace

void draw_admin(const State& state, const Ui& ui) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float m = margin(ui);
    const float width = display.x - 2 * m;
    const bool landscape = display.x > display.y;
    const float actions_width = landscape ? ui.px(460.0f) : width;
    const float gap = ui.px(32.0f);
    const float info_width = landscape ? width - actions_width - gap : width;
    const AdminSession& admin = *state.admin;

    const float top = ImGui::GetCursorScreenPos().y;
    text_block(ui, ui.fonts.heading, ui.t("admin.title"), palette::text, info_width);
    const float button_h = ui.px(80.0f), button_gap = ui.px(14.0f);
    // Six actions (two per row in portrait) and Leave on its own row.
    const int rows = landscape ? 7 : 4;
    const float actions_height = static_cast<float>(rows) * (button_h + button_gap) + ui.px(48.0f);
    const float info_top = ImGui::GetCursorScreenPos().y;
    const float info_bottom = landscape ? display.y - m / 2 : display.y - actions_height - m;
    ImGui::SetCursorScreenPos(ImVec2(m, info_top));
    ImGui::BeginChild("##diagnostics", ImVec2(info_width, info_bottom - info_top), false);
    draw_diagnostics(state, ui, info_width - ui.px(16.0f));
    ImGui::EndChild();

    const float actions_x = landscape ? m + info_width + gap : m;
    float y = landscape ? top : info_bottom + ui.px(8.0f);
    const float columns = landscape ? 1.0f : 2.0f;
    const float button_w = (actions_width - (columns - 1) * button_gap) / columns;
    const struct {
        const char* id;
        const char* label;
        std::optional<AdminTask> task;
    } actions[] = {
        {"##admin_refresh", "admin.action.refresh", AdminTask::refresh_diagnostics},
        {"##admin_test_page", "admin.action.test_page", AdminTask::print_test_page},
        {"##admin_reload", "admin.action.reload_content", AdminTask::reload_content},
        {"##admin_crl_refresh", "admin.action.refresh_crls", AdminTask::refresh_crls},
        {"##admin_crl_clear", "admin.action.clear_crls", AdminTask::clear_crls},
        {"##admin_restart", "admin.action.restart", std::nullopt},
    };
    int index = 0;
    for (const auto& action : actions) {
        const float x = actions_x + static_cast<float>(index % static_cast<int>(columns)) * (button_w + button_gap);
        ImGui::SetCursorScreenPos(ImVec2(x, y));
        const bool busy = admin.running && action.task && *admin.running == *action.task;
        const std::string label = busy ? ui.t("admin.running") : ui.t(action.label);
        if (big_button(ui, action.id, label, ButtonStyle::secondary, ImVec2(button_w, button_h)) && !admin.running) {
            if (action.task) ui.emit(AdminRun{*action.task});
            else ui.emit(AdminRestart{});
        }
        ++index;
        if (index % static_cast<int>(columns) == 0) y += button_h + button_gap;
    }
    ImGui::SetCursorScreenPos(ImVec2(actions_x, y));
    if (big_button(ui, "##admin_leave", ui.t("admin.action.leave"), ButtonStyle::primary, ImVec2(actions_width, button_h)))
        ui.emit(GoHome{});
    if (const AdminLine result = admin_result_line(state, ui); !result.text.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(actions_x, y + button_h + button_gap));
        text_block(ui, ui.fonts.small, result.text, colour_of(result.tone), actions_width);
    }
}

}  // namespace eimza::screens
