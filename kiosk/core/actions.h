#pragma once
// What a person can ask for on screen. Screens return these; update() turns
// them into the next State.
#include <string>
#include <variant>

#include "kiosk/core/i18n.h"

namespace eimza {

struct SetLanguage { Lang lang; };
struct GoHome {};
struct RevealTckn {};      // the person explicitly shows their full TCKN
struct StayActive {};      // "I'm still here" on the idle countdown
struct DemoInsertCard { std::string profile; };  // demo panel only
struct DemoRemoveCard {};

using Action = std::variant<SetLanguage, GoHome, RevealTckn, StayActive, DemoInsertCard, DemoRemoveCard>;

}  // namespace eimza
