// The personal-details form: the fields (name and TCKN pre-filled from the
// card), an on-screen keyboard fitting the focused field, the problem with
// that field in plain words, and the whole of a value too long for its box.
#include <imgui.h>

#include <cmath>

#include "kiosk/model/person_form.h"
#include "screens/widgets/keyboard.h"
#include "screens/widgets/widgets.h"

namespace eimza::screens {

namespace {

bool field_box(const Ui& ui, int index, const std::string& label, const std::string& value, bool focused, bool problem,
               ImVec2 size, bool& cut) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool clicked = touch_target(ui, ("##field" + std::to_string(index)).c_str(), size);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 border = problem ? palette::bad : focused ? palette::primary : palette::border;
    fill_rounded_rect(draw, pos, ImVec2(pos.x + size.x, pos.y + size.y), palette::surface, ui.px(10.0f));
    draw->AddRect(pos, ImVec2(pos.x + size.x, pos.y + size.y), border, ui.px(10.0f), 0, ui.px(focused ? 4.0f : 2.0f));
    const float pad = ui.px(12.0f);
    draw->AddText(ui.fonts.small, ui.fonts.small->FontSize, ImVec2(pos.x + pad, pos.y + ui.px(4.0f)),
                  problem ? palette::bad : palette::text_muted, label.c_str());
    std::string shown = text_start(ui.fonts.body, value + (focused ? "|" : ""), size.x - 2 * pad, cut);
    // A cut value shows no cursor here: it is shown whole under the fields.
    if (cut && focused) shown = text_start(ui.fonts.body, value, size.x - 2 * pad, cut);
    draw->AddText(ui.fonts.body, ui.fonts.body->FontSize,
                  ImVec2(pos.x + pad, pos.y + size.y - ui.fonts.body->FontSize - ui.px(6.0f)), palette::text,
                  shown.c_str());
    return clicked;
}

// The KVKK notice, starting with the data controller when the hospital
// named one (none is made up when it did not).
std::string privacy_notice(const Ui& ui, const std::string& controller, const char* body_key) {
    if (controller.empty()) return ui.t(body_key);
    return ui.t("form.data_controller", {{"controller", controller}}) + " " + ui.t(body_key);
}

}  // namespace

void draw_details(const State& state, const Ui& ui) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float m = margin(ui);
    const float width = display.x - 2 * m;
    const bool landscape = display.x > display.y;
    const int columns = landscape ? 3 : 2;
    const float gap = ui.px(10.0f);
    // A field's label over its value (4 px above, 6 px below), each in the
    // mode's letters.
    const float field_height =
        std::max(ui.px(66.0f), ui.fonts.small->FontSize + ui.fonts.body->FontSize + ui.px(10.0f));
    const float line = text_line_height(ui.fonts.body);
    const float nav_height = ui.px(96.0f);

    // What the form is and what it is for, and the one explanation of the
    // mark that required fields' labels carry.
    const float title_top = ImGui::GetCursorScreenPos().y - ui.px(40.0f);
    const std::string mark_note = ui.t("form.required_note");
    const float note_width =
        ui.fonts.small->CalcTextSizeA(ui.fonts.small->FontSize, FLT_MAX, 0, mark_note.c_str()).x;
    ImGui::SetCursorScreenPos(ImVec2(m + width - note_width,
                                     title_top + text_line_height(ui.fonts.strong) - text_line_height(ui.fonts.small)));
    text_block(ui, ui.fonts.small, mark_note, palette::text_muted, note_width + 1);
    ImGui::SetCursorScreenPos(ImVec2(m, title_top));
    text_block(ui, ui.fonts.strong, ui.t("form.title"), palette::text, width - note_width - gap);

    const auto& fields = person_fields();
    const int rows = (static_cast<int>(fields.size()) + columns - 1) / columns;
    // The cell the grid leaves free is the KVKK notice: who holds the
    // details (the data controller, when the hospital named it), what for
    // and how long, the long way where it fits a field's height, else the
    // short way. The short way keeps the controller, the part the law asks
    // for, and makes the last row taller where even it does not fit.
    const int last = static_cast<int>(fields.size());
    const bool notice_cell = last % columns != 0;
    struct Notice {
        std::string text;
        float extra = 0;  // the last row's height beyond a field's
    };
    const auto fit_notice = [&](float cell_width) {
        const float text_width = cell_width - ui.px(8.0f);
        const auto height = [&](const std::string& text) {
            return ui.fonts.small->CalcTextSizeA(ui.fonts.small->FontSize, FLT_MAX, text_width, text.c_str()).y;
        };
        Notice notice{privacy_notice(ui, state.site_data_controller, "form.privacy")};
        if (height(notice.text) > field_height)
            notice.text = privacy_notice(ui, state.site_data_controller, "form.privacy_short");
        const int lines = text_line_count(ui.fonts.small, notice.text, text_width);
        notice.extra = std::max(0.0f, text_line_height(ui.fonts.small) * static_cast<float>(lines) - field_height);
        return notice;
    };
    const auto cell_width = [&](float grid_width) {
        return (grid_width - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    };
    Notice notice = notice_cell ? fit_notice(cell_width(width)) : Notice{};
    float grid_height = static_cast<float>(rows) * (field_height + gap) + notice.extra;
    // Room kept under the fields for the message (more lines on a tall
    // screen) and the tallest keyboard, so that the fields do not move
    // when another field brings another keyboard.
    const float keyboard_room = 5.0f * (ui.px(76.0f) + ui.px(8.0f));
    const float fields_bottom =
        display.y - nav_height - m / 2 - ui.px(16.0f) - keyboard_room - line * (landscape ? 1.0f : 2.0f);
    float top = ImGui::GetCursorScreenPos().y;
    // On a tall screen the fields sit low, within reach, just above the keyboard.
    if (!landscape) top = std::max(top, fields_bottom - grid_height);
    // Where they do not all fit (large letters on a wide screen), they
    // scroll, opening at the focused one.
    const int focused = state.session->form.focused;
    const float row = field_height + gap;
    const float rows_in_room = std::max(1.0f, std::floor((fields_bottom - top + gap) / row));
    const float fields_room =
        (grid_height <= fields_bottom - top + gap ? grid_height : std::min(grid_height, rows_in_room * row)) - gap;
    // The last row's notice comes into view with its fields.
    const float focused_bottom =
        static_cast<float>(focused / columns + 1) * row - gap + (focused / columns == rows - 1 ? notice.extra : 0.0f);
    ImGui::SetCursorScreenPos(ImVec2(m, top));
    const ScrollRegion region =
        begin_scroll_region(ui, "##fields", "field " + std::to_string(focused), ImVec2(width, fields_room),
                            std::max(0.0f, focused_bottom - fields_room), row);
    const float field_width = cell_width(region.content_width);
    // Beside the scroll arrows the cell is narrower: the notice is fitted again.
    if (notice_cell && region.content_width < width) {
        grid_height -= notice.extra;
        notice = fit_notice(field_width);
        grid_height += notice.extra;
    }
    top = ImGui::GetCursorScreenPos().y;  // the grid's top, scrolled

    bool focused_cut = false;
    for (int i = 0; i < static_cast<int>(fields.size()); ++i) {
        const float x = m + static_cast<float>(i % columns) * (field_width + gap);
        const float y = top + static_cast<float>(i / columns) * (field_height + gap);
        ImGui::SetCursorScreenPos(ImVec2(x, y));
        const auto problem = check_field(state.session->person, i);
        const bool shown_problem =
            problem && (state.session->form.show_problems || !field_value(state.session->person, i).empty());
        bool cut = false;
        const FieldSpec& spec = fields[static_cast<std::size_t>(i)];
        if (field_box(ui, i, ui.t(std::string("form.field.") + spec.key) + (spec.required ? " *" : ""),
                      field_value(state.session->person, i), focused == i, shown_problem,
                      ImVec2(field_width, field_height), cut))
            ui.emit(FocusField{i});
        if (focused == i) focused_cut = cut;
    }
    if (notice_cell) {
        const float x = m + static_cast<float>(last % columns) * (field_width + gap);
        ImGui::SetCursorScreenPos(ImVec2(x + ui.px(4.0f), top + static_cast<float>(last / columns) * (field_height + gap)));
        text_block(ui, ui.fonts.small, notice.text, palette::text_muted, field_width - ui.px(8.0f));
    }
    ImGui::SetCursorScreenPos(ImVec2(m, top + grid_height - gap));
    end_scroll_region(region);
    float y = region.pos.y + fields_room + gap;

    const FieldKind kind = fields[static_cast<std::size_t>(state.session->form.focused)].kind;
    const bool numeric = kind == FieldKind::digits || kind == FieldKind::date || kind == FieldKind::phone;
    const KeyboardLayout layout = kind == FieldKind::phone ? KeyboardLayout::phone
                                  : numeric                ? KeyboardLayout::numeric
                                                           : KeyboardLayout::turkish_q;
    const int key_rows = numeric ? 4 : 5;
    // Room between the fields and the keyboard, which sits above the
    // navigation row: for the message and a long value.
    auto text_room_with = [&](float key_height_1080p, float row_gap_1080p) {
        const float keyboard_height = static_cast<float>(key_rows) * (ui.px(key_height_1080p) + ui.px(row_gap_1080p)) +
                                      (kind == FieldKind::date ? ui.px(72.0f) : 0.0f);
        return display.y - nav_height - m / 2 - ui.px(16.0f) - keyboard_height - y;
    };

    // What is wrong with the focused field, in words.
    const auto problem = check_field(state.session->person, state.session->form.focused);
    const std::string& value = field_value(state.session->person, state.session->form.focused);
    std::string message = ui.t("form.hint");
    ImU32 colour = palette::text_muted;
    if (problem && (state.session->form.show_problems || !value.empty())) {
        message = ui.t(problem->key, {{"word", problem->word}, {"full", problem->full}});
        colour = palette::bad;
    }
    // A value too long for its box is shown whole here, with the cursor, so
    // that the person can read back what they typed: in place of the hint,
    // or under the problem, in the lines there is room for (the newest).
    // With a problem too, a landscape screen makes that room from the keys
    // (down to the smallest touch target) and the gaps around them, as
    // it does when the message alone does not fit.
    const float spacing = ImGui::GetStyle().ItemSpacing.y;  // after a text block
    const int message_lines = colour == palette::bad ? text_line_count(ui.fonts.body, message, width) : 0;
    const int text_lines = focused_cut ? message_lines + 1 : text_line_count(ui.fonts.body, message, width);
    float key_height = 76.0f, row_gap = 8.0f, gap_above_keys = ui.px(8.0f);
    const float text_height = line * static_cast<float>(text_lines) + spacing;
    if (text_room_with(key_height, row_gap) < text_height) {
        key_height = 72.0f;
        row_gap = 6.0f;
        gap_above_keys = 0;
        while (key_height > kSmallestTouchTarget && text_room_with(key_height, row_gap) < text_height) key_height -= 1.0f;
    }
    const float text_top = y;
    ImGui::SetCursorScreenPos(ImVec2(m, y));
    if (focused_cut) {
        if (message_lines > 0) {
            text_block(ui, ui.fonts.body, message, colour, width);
            // The value reads as part of the message: no gap between them.
            ImGui::SetCursorScreenPos(ImVec2(m, text_top + line * static_cast<float>(message_lines)));
        }
        const float room = text_room_with(key_height, row_gap) + ui.px(8.0f) - gap_above_keys - spacing;
        const int lines = static_cast<int>(room / line) - message_lines;
        text_block_tail(ui, ui.fonts.body, value + "|", palette::text, width, std::max(1, lines));
    } else {
        text_block(ui, ui.fonts.body, message, colour, width);
    }
    y = ImGui::GetCursorScreenPos().y + gap_above_keys;

    const float keyboard_width = numeric ? std::min(width, ui.px(640.0f)) : width;
    ImGui::SetCursorScreenPos(ImVec2(m + (width - keyboard_width) / 2, y));
    if (const auto key = keyboard(ui, layout, state.session->form.shift, keyboard_width, key_height, row_gap)) {
        if (key->kind == KeyPress::Kind::backspace) ui.emit(EraseChar{});
        else if (key->text == kShiftKey) ui.emit(ToggleShift{});
        else ui.emit(TypeText{key->text});
    }
    if (kind == FieldKind::date) {
        // Dates need the dot the numeric pad lacks.
        ImGui::SetCursorScreenPos(ImVec2(m + (width - keyboard_width) / 2, ImGui::GetCursorScreenPos().y));
        if (big_button(ui, "##dot", ".", ButtonStyle::secondary, ImVec2(keyboard_width, ui.px(72.0f))))
            ui.emit(TypeText{"."});
    }

    const float row_y = std::max(ImGui::GetCursorScreenPos().y + ui.px(8.0f), display.y - nav_height - m / 2);
    const float half = (width - gap) / 2;
    ImGui::SetCursorScreenPos(ImVec2(m, row_y));
    if (big_button(ui, "##back", ui.t("nav.back"), ButtonStyle::secondary, ImVec2(half, nav_height)))
        ui.emit(CloseDetails{});
    ImGui::SetCursorScreenPos(ImVec2(m + half + gap, row_y));
    const auto missing = fields_with_problems(state.session->person);
    const bool complete = missing.empty();
    if (big_button(ui, "##done",
                   complete ? ui.t("form.done") : ui.t("form.incomplete", {{"n", std::to_string(missing.size())}}),
                   complete ? ButtonStyle::primary : ButtonStyle::secondary, ImVec2(half, nav_height)))
        ui.emit(complete ? Action{CloseDetails{}} : Action{ShowFormProblems{}});
}

}  // namespace eimza::screens
