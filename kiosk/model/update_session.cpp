// The person's session: language, accessibility, Home, the demo card,
// activity and the idle timeout.
#include "kiosk/model/update_areas.h"

namespace eimza::update_area {

void on(State& state, const SetLanguage& a, Effects&) {
    // The default language at rest is nothing of the person's yet.
    if (state.session || a.lang != state.default_lang) open_session(state).lang = a.lang;
}

void on(State& state, const GoHome&, Effects& fx) { end_session(state, fx.commands); }

void on(State& state, const RevealTckn&, Effects&) { open_session(state).tckn_revealed = true; }

void on(State&, const StayActive&, Effects&) {}

void on(State& state, const ToggleGuide&, Effects&) {
    Session& session = open_session(state);
    session.access.guide = !session.access.guide;
}

void on(State& state, const NextDisplayMode&, Effects&) {
    const DisplayMode now_shown = state.display_mode();
    open_session(state).access.mode = now_shown == DisplayMode::normal  ? DisplayMode::large
                                      : now_shown == DisplayMode::large ? DisplayMode::high_contrast
                                                                        : DisplayMode::normal;
}

void on(State&, const DemoInsertCard& a, Effects& fx) { fx.commands.push_back(RunDemoCard{a.profile}); }

void on(State&, const DemoRemoveCard&, Effects& fx) { fx.commands.push_back(RunDemoCard{}); }

void on(State& state, const Tick&, Effects& fx) {
    token_deadlines(state, fx);
    if (!state.at_rest() && fx.now >= state.last_activity + state.idle.timeout) {
        fx.info("session", "idle timeout: session wiped");
        end_session(state, fx.commands);
    }
}

void on(State& state, const UserActivity&, Effects& fx) { state.last_activity = fx.now; }

}  // namespace eimza::update_area
