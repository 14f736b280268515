#pragma once
// Font discovery (fontconfig) and the ImGui atlas. Turkish letters are a
// hard requirement: a font lacking any of them is a start-up error, never a
// silent '?' on screen.
#include <string>

struct ImFont;

namespace eimza::screens {

struct Fonts {
    ImFont* small = nullptr;    // secondary lines
    ImFont* body = nullptr;     // ≥ 28 px at 1080p
    ImFont* strong = nullptr;   // body size, bold
    ImFont* heading = nullptr;  // step and section titles
    ImFont* title = nullptr;    // the one big line of a screen
};

struct FontFiles {
    std::string regular;
    std::string bold;
};

// Finds Noto Sans, else DejaVu Sans, both covering Turkish. Returns false
// with a message in error when neither is installed.
bool find_font_files(FontFiles& files, std::string& error);

// How much larger the large-text mode's letters are.
inline constexpr float kLargeTextFactor = 1.25f;

// Adds the fonts at the given scale (1.0 = 1080p), and the large-text mode's,
// to the current ImGui context's atlas, builds it with FreeType and checks
// every Turkish glyph.
bool load_fonts(const FontFiles& files, float scale, Fonts& fonts, Fonts& large, std::string& error);

// The letters checked at start and by the tests.
inline constexpr char kTurkishLetters[] = "İıĞğŞşÇçÖöÜü";

}  // namespace eimza::screens
