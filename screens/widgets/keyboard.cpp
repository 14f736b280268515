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
// e-mail addresses and postal addresses need.
const std::array<Row, 4> kTurkishRows = {{
    {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "-"},
    {"q", "w", "e", "r", "t", "y", "u", "ı", "o", "p", "ğ", "ü"},
    {"a", "s", "d", "f", "g", "h", "j", "k", "l", "ş", "i", "@"},
    {"z", "x", "c", "v", "b", "n", "m", "ö", "ç", ".", ",", "/"},
}};

const std::array<Row, 4> kNumericRows = {{
    {"1", "2", "3"},
    {"4", "5", "6"},
    {"7", "8", "9"},
    {"", "0", ""},
}};

bool key(const Ui& ui, const std::string& id, const std::string& label, ImVec2 size, ButtonStyle style) {
    return big_button(ui, id.c_str(), label, style, size);
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

std::optional<KeyPress> keyboard(const Ui& ui, KeyboardLayout layout, bool shift, float width, float key_height_1080p) {
    std::optional<KeyPress> pressed;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float gap = ui.px(8.0f);
    const auto& rows = layout == KeyboardLayout::numeric ? kNumericRows : kTurkishRows;
    const std::size_t columns = layout == KeyboardLayout::numeric ? 3 : 12;
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
                if (key(ui, "##key" + std::to_string(r) + "_" + std::to_string(c), label, ImVec2(key_width, key_height),
                        ButtonStyle::secondary))
                    pressed = KeyPress{KeyPress::Kind::text, label};
            }
            x += key_width + gap;
        }
        y += key_height + gap;
    }
    // Bottom row: Shift, space and backspace for text; backspace for digits.
    const std::string backspace = ui.t("keyboard.backspace");
    if (layout == KeyboardLayout::turkish_q) {
        const float side = key_width * 2 + gap;
        ImGui::SetCursorScreenPos(ImVec2(origin.x, y));
        if (key(ui, "##shift", ui.t("keyboard.shift"), ImVec2(side, key_height),
                shift ? ButtonStyle::primary : ButtonStyle::secondary))
            pressed = KeyPress{KeyPress::Kind::text, kShiftKey};
        ImGui::SetCursorScreenPos(ImVec2(origin.x + side + gap, y));
        if (key(ui, "##space", ui.t("keyboard.space"), ImVec2(width - 2 * (side + gap), key_height), ButtonStyle::secondary))
            pressed = KeyPress{KeyPress::Kind::text, " "};
        ImGui::SetCursorScreenPos(ImVec2(origin.x + width - side, y));
        if (key(ui, "##backspace", backspace, ImVec2(side, key_height), ButtonStyle::secondary))
            pressed = KeyPress{KeyPress::Kind::backspace, {}};
    } else {
        ImGui::SetCursorScreenPos(ImVec2(origin.x + (key_width + gap) * 2, y - key_height - gap));
        if (key(ui, "##backspace", backspace, ImVec2(key_width, key_height), ButtonStyle::secondary))
            pressed = KeyPress{KeyPress::Kind::backspace, {}};
        y -= key_height + gap;
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x, y + key_height + gap));
    ImGui::Dummy(ImVec2(width, 0));
    return pressed;
}

}  // namespace eimza::screens
