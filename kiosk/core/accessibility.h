#pragma once
// What a person can switch on for themselves from any screen: the voice
// guide and the display mode. Both go back to IT's defaults when the
// session ends, like the language.
namespace eimza {

enum class DisplayMode { normal, large, high_contrast };

const char* to_string(DisplayMode mode);
bool parse_display_mode(const char* text, DisplayMode& out);

struct Accessibility {
    bool guide = false;  // speech: what each screen shows is said
    DisplayMode mode = DisplayMode::normal;
    DisplayMode default_mode = DisplayMode::normal;  // IT's choice (kiosk.display.mode)
};

}  // namespace eimza
