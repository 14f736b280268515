#pragma once
// On-screen keyboards for a touch kiosk with no physical keys: a Turkish Q
// layout (with ğ ü ş ı ö ç İ and the signs e-mail addresses, postal
// addresses and titles use: _ + - . , / @ ' & ( )), a numeric pad for the
// TCKN and dates, and the pad with + for phone numbers.
#include <optional>
#include <string>

#include "screens/ui.h"

namespace eimza::screens {

struct KeyPress {
    enum class Kind { text, backspace } kind = Kind::text;
    std::string text;  // UTF-8, for Kind::text
};

enum class KeyboardLayout { turkish_q, numeric, phone };

// Draws the keyboard across width at the cursor; returns the key tapped
// this frame. shift is the caller's state (Turkish upper case: i→İ, ı→I);
// the Shift key itself comes back as a press of text "\x0f".
std::optional<KeyPress> keyboard(const Ui& ui, KeyboardLayout layout, bool shift, float width,
                                 float key_height_1080p = 96.0f, float row_gap_1080p = 8.0f);

inline constexpr const char* kShiftKey = "\x0f";

// The ImGui id of the key that types text (lower case) on the layout, for
// tests and tools that tap it; nullopt when the layout has no such key.
std::optional<std::string> keyboard_key_id(KeyboardLayout layout, const std::string& text);

// Upper-cases one Turkish letter (i→İ, ı→I, ğ→Ğ …); others unchanged.
std::string turkish_upper(const std::string& letter);

}  // namespace eimza::screens
