// Every process, as big buttons: for people without a card, or who want
// another process than the one recommended.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "kiosk/content/content.h"
#include "screens/widgets/widgets.h"

namespace eimza::screens {

void draw_processes(const State& state, const Ui& ui) {
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
        // The title, and the content's summary of who the process is for.
        // One height for every tile: the tallest title and summary, in the
        // letters of the display mode, as far as the rows fit above Back; a
        // summary that does not fit its tile then is left out (the process's
        // first step says it too). Whole pixels, as a fill's rows are.
        const float text_width = button_width - ui.px(48.0f);
        const auto needed = [&](const content::Process& process) {
            return ui.px(24.0f) +
                   text_line_height(ui.fonts.strong) *
                       static_cast<float>(text_line_count(ui.fonts.strong, process.title.in(ui.lang), text_width)) +
                   text_line_height(ui.fonts.small) *
                       static_cast<float>(text_line_count(ui.fonts.small, process.summary.in(ui.lang), text_width));
        };
        std::vector<const content::Process*> processes;
        for (const auto& id : content::process_ids())
            if (const content::Process* process = state.content->process(id)) processes.push_back(process);
        float top = std::round(ImGui::GetCursorScreenPos().y);
        const int rows = (static_cast<int>(processes.size()) + columns - 1) / columns;
        const float back_top = display.y - ui.px(96.0f) - m / 2 - ui.px(16.0f);
        // On a tall screen the list stays within reach, in the lower two thirds.
        const float reach_top = columns == 1 ? std::max(top, std::ceil(display.y / 3)) : top;
        const float room = rows > 0 ? (back_top - reach_top) / static_cast<float>(rows) - gap : 0;
        float tallest = 0;
        for (const auto* process : processes) tallest = std::max(tallest, needed(*process));
        const float tile_height = std::floor(std::max(ui.px(120.0f), std::min(tallest, room)));
        // There it sits low, just above Back.
        if (columns == 1) top = std::max(top, std::floor(back_top - static_cast<float>(rows) * (tile_height + gap)));
        for (std::size_t i = 0; i < processes.size(); ++i) {
            const content::Process& process = *processes[i];
            const int index = static_cast<int>(i);
            const float x = m + static_cast<float>(index % columns) * (button_width + gap);
            const float y = top + static_cast<float>(index / columns) * (tile_height + gap);
            ImGui::SetCursorScreenPos(ImVec2(x, y));
            const std::string summary = needed(process) <= tile_height ? process.summary.in(ui.lang) : std::string();
            if (big_button(ui, ("##process_" + process.id).c_str(), process.title.in(ui.lang), ButtonStyle::secondary,
                           ImVec2(button_width, tile_height), summary))
                ui.emit(OpenProcess{process.id});
        }
        ImGui::SetCursorScreenPos(ImVec2(m, top + static_cast<float>(rows) * (tile_height + gap)));
    }
    const float button_width = ui.px(360.0f);
    const float y = std::max(ImGui::GetCursorScreenPos().y + ui.px(16.0f), display.y - ui.px(96.0f) - m / 2);
    ImGui::SetCursorScreenPos(ImVec2(m, y));
    if (big_button(ui, "##back", ui.t("nav.back"), ButtonStyle::secondary, ImVec2(button_width, ui.px(96.0f))))
        ui.emit(ProcessBack{});
}

}  // namespace eimza::screens
