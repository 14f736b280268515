#pragma once
// What a person can switch on for themselves from any screen: the voice
// guide and the display mode. Both are the session's, so they end with it
// and the next person starts with IT's defaults.
#include <optional>

#include "kiosk/base/display_mode.h"

namespace eimza {

struct Accessibility {
    bool guide = false;                // speech: what each screen shows is said
    std::optional<DisplayMode> mode;   // nullopt: IT's default (State::default_mode)
};

}  // namespace eimza
