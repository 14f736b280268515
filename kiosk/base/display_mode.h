#pragma once
// How the screens are drawn: IT's default for every session, and what a
// person may switch to for their own (kiosk/model/accessibility.h).

namespace eimza {

enum class DisplayMode { normal, large, high_contrast };

const char* to_string(DisplayMode mode);
bool parse_display_mode(const char* text, DisplayMode& out);

}  // namespace eimza
