// Home: asks for the card while a reader works and none is in it. Otherwise
// it says why no card can be read (R01..R03, docs/reader-triage.md), or
// points out a card left in the reader after a session ended.
#include <imgui.h>

#include <optional>
#include <string>
#include <utility>

#include "screens/widgets/widgets.h"

namespace eimza::screens {

namespace {

// A card sliding into a reader, drawn rather than loaded so it scales and
// needs no image files.
void draw_card_illustration(const Ui& ui, ImVec2 centre, bool arrow) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float w = ui.px(300.0f), h = ui.px(190.0f);
    const ImVec2 card_min(centre.x - w / 2, centre.y - h / 2 - ui.px(40.0f));
    fill_rounded_rect(draw, card_min, ImVec2(card_min.x + w, card_min.y + h), palette::primary, ui.px(16.0f));
    const ImVec2 chip(card_min.x + ui.px(36.0f), card_min.y + ui.px(60.0f));
    fill_rounded_rect(draw, chip, ImVec2(chip.x + ui.px(64.0f), chip.y + ui.px(50.0f)), IM_COL32(230, 190, 90, 255),
                      ui.px(8.0f));
    for (int i = 1; i < 3; ++i) {
        const float y = chip.y + ui.px(50.0f) * static_cast<float>(i) / 3;
        draw->AddLine(ImVec2(chip.x, y), ImVec2(chip.x + ui.px(64.0f), y), IM_COL32(160, 120, 40, 255), ui.px(2.0f));
    }
    const float reader_w = w + ui.px(80.0f);
    const ImVec2 slot_min(centre.x - reader_w / 2, card_min.y + h - ui.px(50.0f));
    fill_rounded_rect(draw, slot_min, ImVec2(slot_min.x + reader_w, slot_min.y + ui.px(90.0f)), palette::neutral,
                      ui.px(14.0f));
    fill_rounded_rect(draw, ImVec2(slot_min.x + ui.px(24.0f), slot_min.y + ui.px(14.0f)),
                      ImVec2(slot_min.x + reader_w - ui.px(24.0f), slot_min.y + ui.px(26.0f)), IM_COL32(30, 30, 30, 255),
                      ui.px(4.0f));
    // Arrow pointing down into the slot, only when a card is wanted.
    if (!arrow) return;
    const float ax = centre.x + w / 2 + ui.px(90.0f);
    const float ay = card_min.y + ui.px(10.0f);
    draw->AddLine(ImVec2(ax, ay), ImVec2(ax, ay + ui.px(130.0f)), palette::primary, ui.px(10.0f));
    draw->AddTriangleFilled(ImVec2(ax - ui.px(28.0f), ay + ui.px(120.0f)), ImVec2(ax + ui.px(28.0f), ay + ui.px(120.0f)),
                            ImVec2(ax, ay + ui.px(165.0f)), palette::primary);
}

// What Home can say about the reader chain. It asks for a card only when a
// reader works and no card is in one (docs/reader-triage.md).
enum class Mode { ready, card_left, checking, broken };

Mode mode_of(const State& state, const std::optional<hw::Triage>& triage) {
    if (!state.cards_present.empty() && !state.token()) return Mode::card_left;
    if (!triage) return Mode::checking;
    return triage->code == hw::TriageCode::no_card ? Mode::ready : Mode::broken;
}

}  // namespace

void draw_home(const State& state, const Ui& ui) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float m = margin(ui);
    const float width = display.x - 2 * m;

    const float top = ImGui::GetCursorScreenPos().y;
    const auto triage = reader_triage(state);
    const Mode mode = mode_of(state, triage);
    const std::string code = triage ? hw::triage_code(triage->code) : "";
    if (mode == Mode::card_left || mode == Mode::broken) {
        // A card left behind, or a reader that does not work, replaces the
        // illustration: it is the one thing the next person must notice.
        const bool left = mode == Mode::card_left;
        status_badge(ui, BadgeIcon::warning, left ? palette::warn : palette::bad,
                     left ? ui.t("home.card_left") : ui.t("triage." + code + ".title"), width);
        ImGui::SetCursorScreenPos(ImVec2(m, ImGui::GetCursorScreenPos().y + ui.px(32.0f)));
        text_block(ui, ui.fonts.heading, left ? ui.t("home.card_left.body") : ui.t("triage." + code + ".body"),
                   palette::text, width, true);
    } else {
        const float illustration_height = ui.px(300.0f);
        const bool ready = mode == Mode::ready;
        draw_card_illustration(ui, ImVec2(display.x / 2, top + illustration_height / 2), ready);
        ImGui::SetCursorScreenPos(ImVec2(m, top + illustration_height + ui.px(24.0f)));
        text_block(ui, ui.fonts.title, ui.t(ready ? "home.title" : "triage.checking.title"), palette::text, width, true);
        ImGui::Dummy(ImVec2(0, ui.px(16.0f)));
        ImGui::SetCursorScreenPos(ImVec2(m, ImGui::GetCursorScreenPos().y));
        text_block(ui, ui.fonts.body, ui.t(ready ? "home.body" : "triage.checking.body"), palette::text_muted, width, true);
    }

    // The paths that need no card.
    if (state.content) {
        const bool landscape = display.x > display.y;
        const float gap = ui.px(24.0f);
        const float row_height = ui.px(110.0f);
        // The three processes a person without a card most often needs, and
        // the list of every process for the rest.
        const std::pair<const char*, const char*> paths[] = {
            {"lost_stolen", "home.lost_stolen"}, {"first_application", "home.first_application"},
            {"card_reader", "home.card_reader"}, {"", "home.all_processes"}};
        constexpr int kPaths = 4;
        const int columns = landscape ? kPaths : 1;
        const float button_width = (width - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
        const int rows = kPaths / columns;
        const float block_top = display.y - ui.px(150.0f) - static_cast<float>(rows) * (row_height + gap) - ui.px(56.0f);
        ImGui::SetCursorScreenPos(ImVec2(m, std::max(ImGui::GetCursorScreenPos().y + ui.px(24.0f), block_top)));
        text_block(ui, ui.fonts.strong, ui.t("home.no_card"), palette::text, width);
        const float buttons_top = ImGui::GetCursorScreenPos().y + ui.px(8.0f);
        for (int i = 0; i < kPaths; ++i) {
            const std::string id = paths[i].first;
            if (!id.empty() && !state.content->process(id)) continue;
            ImGui::SetCursorScreenPos(ImVec2(m + static_cast<float>(i % columns) * (button_width + gap),
                                             buttons_top + static_cast<float>(i / columns) * (row_height + gap)));
            if (big_button(ui, ("##" + (id.empty() ? std::string("all_processes") : id)).c_str(), ui.t(paths[i].second),
                           ButtonStyle::secondary, ImVec2(button_width, row_height)))
                ui.emit(id.empty() ? Action{ShowProcesses{}} : Action{OpenProcess{id}});
        }
        ImGui::SetCursorScreenPos(ImVec2(m, buttons_top + static_cast<float>(rows) * (row_height + gap)));
    }

    // The footer: at rest, what to do if a card goes unnoticed; otherwise
    // the code a person can read out to staff.
    std::string line;
    if (mode == Mode::ready) line = ui.t("triage.R04.body") + " (" + code + ")";
    else if (mode == Mode::broken) line = ui.t("triage.code", {{"code", code}});
    const float line_y = display.y - ui.px(mode == Mode::ready ? 120.0f : 96.0f);
    if (ImGui::GetCursorScreenPos().y < line_y) ImGui::SetCursorScreenPos(ImVec2(m, line_y));
    if (!line.empty()) text_block(ui, ui.fonts.body, line, palette::text_muted, width, true);

    // IT's hidden entry: holding the top-left corner (the kiosk's name) for a
    // few seconds asks for the admin PIN. Nothing shows it to passers-by.
    if (state.admin_policy.enabled) {
        const ImVec2 keep = ImGui::GetCursorScreenPos();
        ImGui::SetCursorScreenPos(ImVec2(0, 0));
        touch_target(ui, "##admin_corner", ImVec2(ui.px(160.0f), ui.px(120.0f)));
        const ImGuiIO& io = ImGui::GetIO();
        const float hold = static_cast<float>(state.admin_policy.hold.count());
        if (ImGui::IsItemActive() && io.MouseDownDuration[0] >= hold && io.MouseDownDurationPrev[0] < hold)
            ui.emit(OpenAdmin{});
        ImGui::SetCursorScreenPos(keep);
    }
}

}  // namespace eimza::screens
