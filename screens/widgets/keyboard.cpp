#include "screens/widgets/keyboard.h"

#include <imgui.h>

#include <array>
#include <string_view>
#include <vector>

#include "screens/widgets/widgets.h"

namespace eimza::screens {

namespace {

using Row = std::vector<std::string_view>;

// Turkish Q, as printed on keyboards sold in Turkey, plus the characters
// e-mail addresses (ad_soyad@…, ad+etiket@…) and postal addresses need.
const std::array<Row, 4> kTurkishRows = {{
    {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "-", "_"},
    {"q", "w", "e", "r", "t", "y", "u", "ı", "o", "p", "ğ", "ü"},
    {"a", "s", "d", "f", "g", "h", "j", "k", "l", "ş", "i", "@"},
    {"z", "x", "c", "v", "b", "n", "m", "ö", "ç", ".", ",", "/"},
}};

// The bottom row of the Turkish layout, in key widths: Shift, signs that
// did not fit above (titles and institutions use & ( ), addresses and names
// the apostrophe), the space bar and backspace.
struct WideKey {
    std::string_view text;  // kShiftKey, " ", "" for backspace, or a sign
    int columns;
};
const std::array<WideKey, 8> kTurkishBottom = {{
    {kShiftKey, 2}, {"+", 1}, {"'", 1}, {"&", 1}, {" ", 3}, {"(", 1}, {")", 1}, {"", 2},
}};

const std::array<Row, 4> kNumericRows = {{
    {"1", "2", "3"},
    {"4", "5", "6"},
    {"7", "8", "9"},
    {"", "0", ""},
}};

// International numbers start with +90.
const std::array<Row, 4> kPhoneRows = {{
    {"1", "2", "3"},
    {"4", "5", "6"},
    {"7", "8", "9"},
    {"+", "0", ""},
}};

const std::array<Row, 4>& rows_of(KeyboardLayout layout) {
    switch (layout) {
        case KeyboardLayout::numeric: return kNumericRows;
        case KeyboardLayout::phone: return kPhoneRows;
        case KeyboardLayout::turkish_q: break;
    }
    return kTurkishRows;
}

bool key(const Ui& ui, const std::string& id, const std::string& label, ImVec2 size, ButtonStyle style) {
    return big_button(ui, id.c_str(), label, style, size);
}

std::string key_id(std::size_t row, std::size_t column) {
    return "##key" + std::to_string(row) + "_" + std::to_string(column);
}

}  // namespace

std::string turkish_upper(const std::string& letter) {
    static const std::array<std::pair<std::string_view, std::string_view>, 7> special = {{
        {"i", "İ"}, {"ı", "I"}, {"ğ", "Ğ"}, {"ü", "Ü"}, {"ş", "Ş"}, {"ö", "Ö"}, {"ç", "Ç"},
    }};
    for (const auto& [lower, upper] : special)
        if (letter == lower) return std::string(upper);
    if (letter.size() == 1 && letter[0] >= 'a' && letter[0] <= 'z')
        return std::string(1, static_cast<char>(letter[0] - 'a' + 'A'));
    return letter;
}

std::optional<std::string> keyboard_key_id(KeyboardLayout layout, const std::string& text) {
    const auto& rows = rows_of(layout);
    for (std::size_t r = 0; r < rows.size(); ++r)
        for (std::size_t c = 0; c < rows[r].size(); ++c)
            if (!text.empty() && rows[r][c] == text) return key_id(r, c);
    if (layout == KeyboardLayout::turkish_q) {
        for (std::size_t c = 0; c < kTurkishBottom.size(); ++c)
            if (!text.empty() && kTurkishBottom[c].text == text)
                return text == " " ? "##space" : text == kShiftKey ? "##shift" : key_id(rows.size(), c);
    }
    return std::nullopt;
}

std::optional<KeyPress> keyboard(const Ui& ui, KeyboardLayout layout, bool shift, float width, float key_height_1080p,
                                 float row_gap_1080p) {
    std::optional<KeyPress> pressed;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float gap = ui.px(8.0f);
    const float row_gap = ui.px(row_gap_1080p);
    const auto& rows = rows_of(layout);
    const bool text_layout = layout == KeyboardLayout::turkish_q;
    const std::size_t columns = text_layout ? 12 : 3;
    const float key_width = (width - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    const float key_height = ui.px(key_height_1080p);
    float y = origin.y;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const Row& row = rows[r];
        // Rows shorter than the widest are centred, as on a real keyboard.
        float x = origin.x + (width - (key_width + gap) * static_cast<float>(row.size()) + gap) / 2;
        for (std::size_t c = 0; c < row.size(); ++c) {
            const std::string base(row[c]);
            if (!base.empty()) {
                const std::string label = shift ? turkish_upper(base) : base;
                ImGui::SetCursorScreenPos(ImVec2(x, y));
                if (key(ui, key_id(r, c), label, ImVec2(key_width, key_height), ButtonStyle::secondary))
                    pressed = KeyPress{KeyPress::Kind::text, label};
            }
            x += key_width + gap;
        }
        y += key_height + row_gap;
    }
    const std::string backspace = ui.t("keyboard.backspace");
    if (text_layout) {
        float x = origin.x;
        for (std::size_t c = 0; c < kTurkishBottom.size(); ++c) {
            const WideKey& wide = kTurkishBottom[c];
            const float w = key_width * static_cast<float>(wide.columns) + gap * static_cast<float>(wide.columns - 1);
            ImGui::SetCursorScreenPos(ImVec2(x, y));
            if (wide.text == kShiftKey) {
                if (key(ui, "##shift", ui.t("keyboard.shift"), ImVec2(w, key_height),
                        shift ? ButtonStyle::primary : ButtonStyle::secondary))
                    pressed = KeyPress{KeyPress::Kind::text, kShiftKey};
            } else if (wide.text == " ") {
                if (key(ui, "##space", ui.t("keyboard.space"), ImVec2(w, key_height), ButtonStyle::secondary))
                    pressed = KeyPress{KeyPress::Kind::text, " "};
            } else if (wide.text.empty()) {
                if (key(ui, "##backspace", backspace, ImVec2(w, key_height), ButtonStyle::secondary))
                    pressed = KeyPress{KeyPress::Kind::backspace, {}};
            } else if (key(ui, key_id(rows.size(), c), std::string(wide.text), ImVec2(w, key_height),
                           ButtonStyle::secondary)) {
                pressed = KeyPress{KeyPress::Kind::text, std::string(wide.text)};
            }
            x += w + gap;
        }
    } else {
        ImGui::SetCursorScreenPos(ImVec2(origin.x + (key_width + gap) * 2, y - key_height - row_gap));
        if (key(ui, "##backspace", backspace, ImVec2(key_width, key_height), ButtonStyle::secondary))
            pressed = KeyPress{KeyPress::Kind::backspace, {}};
        y -= key_height + row_gap;
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x, y + key_height + row_gap));
    ImGui::Dummy(ImVec2(width, 0));
    return pressed;
}

}  // namespace eimza::screens
