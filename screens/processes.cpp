// Every process, as big buttons: for people without a card, or who want
// another process than the one recommended.
#include <imgui.h>

#include <algorithm>

#include "kiosk/content/content.h"
#include "screens/widgets/widgets.h"

namespace eimza::screens {

void draw_processes(const State& state, const Ui& ui) {
    begin_screen("processes");
    top_bar(state, ui);
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float m = margin(ui);
    const float width = display.x - 2 * m;
    text_block(ui, ui.fonts.title, ui.t("processes.title"), palette::text, width);
    ImGui::SetCursorScreenPos(ImVec2(m, ImGui::GetCursorScreenPos().y + ui.px(16.0f)));
    if (!state.content) {
        text_block(ui, ui.fonts.body, ui.t("processes.no_content"), palette::bad, width);
    } else {
        const int columns = display.x > display.y ? 2 : 1;
        const float gap = ui.px(24.0f);
        const float button_width = (width - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
        float top = ImGui::GetCursorScreenPos().y;
        // On a tall screen the list sits low, within reach, just above Back.
        if (columns == 1) {
            const auto shown = std::count_if(content::process_ids().begin(), content::process_ids().end(),
                                             [&](const std::string& id) { return state.content->process(id); });
            const float list_height = static_cast<float>(shown) * ui.px(150.0f) - ui.px(30.0f);
            top = std::max(top, display.y - ui.px(96.0f) - m / 2 - ui.px(40.0f) - list_height);
        }
        int index = 0;
        for (const auto& id : content::process_ids()) {
            const content::Process* process = state.content->process(id);
            if (!process) continue;
            const float x = m + static_cast<float>(index % columns) * (button_width + gap);
            const float y = top + static_cast<float>(index / columns) * ui.px(150.0f);
            ImGui::SetCursorScreenPos(ImVec2(x, y));
            if (big_button(ui, ("##process_" + id).c_str(), process->title.in(ui.lang), ButtonStyle::secondary,
                           ImVec2(button_width, ui.px(120.0f))))
                ui.emit(OpenProcess{id});
            ++index;
        }
        ImGui::SetCursorScreenPos(ImVec2(m, top + static_cast<float>((index + columns - 1) / columns) * ui.px(150.0f)));
    }
    const float button_width = ui.px(360.0f);
    const float y = std::max(ImGui::GetCursorScreenPos().y + ui.px(16.0f), display.y - ui.px(96.0f) - m / 2);
    ImGui::SetCursorScreenPos(ImVec2(m, y));
    if (big_button(ui, "##back", ui.t("nav.back"), ButtonStyle::secondary, ImVec2(button_width, ui.px(96.0f))))
        ui.emit(ProcessBack{});
    end_screen(ui, "processes");
}

}  // namespace eimza::screens
