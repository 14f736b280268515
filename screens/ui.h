#pragma once
// What every screen gets to draw with: texts in the chosen language, the
// fonts, the scale and the clock. Screens read State and push Actions; they
// never do I/O.
#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/model/actions.h"
#include "kiosk/base/i18n.h"
#include "kiosk/model/state.h"
#include "screens/fonts.h"

namespace eimza::screens {

// Text that did not fit where it was drawn, or a text key with no text.
// Widgets report here instead of failing silently; the tests fail on any.
struct LayoutProblem {
    std::string where;
    std::string text;
};

// Where a frame put something a finger presses, in pixels: for the tests of
// size and reach.
struct TouchTarget {
    std::string id;
    float x, y, width, height;
};

struct Ui {
    const Texts& texts;
    Lang lang;
    Fonts fonts;
    float scale = 1.0f;
    TimePoint now{};
    std::chrono::system_clock::time_point wall_now{};  // for dates and "checked 2 min ago"
    std::vector<Action>* actions = nullptr;
    std::vector<LayoutProblem>* layout_problems = nullptr;
    // The keys of the texts a frame shows, when a test asks which they are.
    std::vector<std::string>* texts_shown = nullptr;
    // The touch targets a frame has, when a test asks where they are.
    std::vector<TouchTarget>* touch_targets = nullptr;
    // The normal mode's fonts: the top bar's controls keep their size in
    // every mode, so that they stay where a person learnt to find them.
    Fonts bar_fonts{};

    std::string t(std::string_view key) const {
        if (layout_problems && !texts.has(key)) layout_problems->push_back({"missing text", std::string(key)});
        if (texts_shown) texts_shown->emplace_back(key);
        return texts.get(key, lang);
    }
    std::string t(std::string_view key, const std::map<std::string, std::string>& values) const {
        return format(t(key), values);
    }
    float px(float at_1080p) const { return at_1080p * scale; }
    void emit(Action action) const {
        if (actions) actions->push_back(std::move(action));
    }
    void report_overflow(std::string where, std::string text) const {
        if (layout_problems) layout_problems->push_back({std::move(where), std::move(text)});
    }
};

// Draws the whole frame for the State: the current screen plus overlays
// (idle countdown, demo panel). Fills ui.actions with what was pressed.
void draw_frame(const State& state, const Ui& ui);

// One function per screen, each in its own file: what the screen shows
// below the top bar. draw_frame() opens the screen's window, draws the top
// bar and closes it (screens/frame.cpp's table).
void draw_home(const State& state, const Ui& ui);
void draw_token(const State& state, const Ui& ui);
void draw_admin_pin(const State& state, const Ui& ui);
void draw_admin(const State& state, const Ui& ui);
void draw_processes(const State& state, const Ui& ui);
void draw_process(const State& state, const Ui& ui);
void draw_details(const State& state, const Ui& ui);
void draw_printing(const State& state, const Ui& ui);
void draw_idle_countdown(const State& state, const Ui& ui, int seconds_left);
void draw_demo_panel(const State& state, const Ui& ui);
void draw_setup(const Ui& ui);

// The documents printing makes on this route, as one line: shown before
// printing (process) and after (printing).
std::string printed_documents(const State& state, const Ui& ui);

}  // namespace eimza::screens
