#pragma once
// What the voice guide says for a State: a pure function, like a screen's
// drawing, but to words. Every line is a text key of assets/i18n (the
// screen's own texts, or a spoken one in speech.yaml) with its values, so
// both languages are checked like every other text. Only what the screen
// shows is said, and the TCKN only masked, even when the screen shows it.
#include <map>
#include <string>
#include <vector>

#include "kiosk/base/i18n.h"
#include "kiosk/model/state.h"

namespace eimza::speech {

struct Line {
    std::string key;
    std::map<std::string, std::string> values;
    bool label = false;  // a row's name: the next line is its value ("Validity: …")
};

struct Script {
    // Said again only when this changes: a countdown's passing seconds do
    // not restart it, a new screen or a new verdict does.
    std::string topic;
    std::vector<Line> lines;
};

Script screen_script(const State& state, TimePoint now, std::chrono::system_clock::time_point wall_now);

// The lines in one language, one sentence after another.
std::string render(const Script& script, const Texts& texts, Lang lang);
std::string render(const Line& line, const Texts& texts, Lang lang);

// Spoken forms: characters one by one in groups ("TR12 0001" -> "T R 1 2, 0 0 0 1"),
// so that a number is heard digit by digit and the groups as on screen.
std::string spell_groups(const std::string& text);

}  // namespace eimza::speech
