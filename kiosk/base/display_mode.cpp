#include "kiosk/base/display_mode.h"

#include <string_view>

namespace eimza {

const char* to_string(DisplayMode mode) {
    switch (mode) {
        case DisplayMode::normal: return "normal";
        case DisplayMode::large: return "large";
        case DisplayMode::high_contrast: return "high-contrast";
    }
    return "normal";
}

bool parse_display_mode(const char* text, DisplayMode& out) {
    for (const DisplayMode mode : {DisplayMode::normal, DisplayMode::large, DisplayMode::high_contrast})
        if (std::string_view(text) == to_string(mode)) {
            out = mode;
            return true;
        }
    return false;
}

}  // namespace eimza
