// Picks the screen for the State from the screen table and draws the
// overlays above it.
#include <imgui.h>

#include <array>

#include "screens/ui.h"
#include "screens/widgets/widgets.h"

namespace eimza::screens {

namespace {

struct ScreenEntry {
    ScreenId id;
    const char* name;  // the screen's window (and its overflow reports)
    // What the screen draws from; a State without it shows Home instead.
    bool (*has_what_it_draws)(const State& state);
    void (*draw)(const State& state, const Ui& ui);
};

bool always(const State&) { return true; }
bool has_token(const State& state) { return state.token() != nullptr; }
bool has_printing(const State& state) { return state.session && state.session->printing; }
bool has_process(const State& state) { return state.session && state.session->process; }
bool has_admin(const State& state) { return state.admin.has_value(); }
bool admin_unlocked(const State& state) { return state.admin && state.admin->unlocked; }

// One row per ScreenId, in the enum's order (checked below).
constexpr std::array kScreens{
    ScreenEntry{ScreenId::home, "home", always, draw_home},
    ScreenEntry{ScreenId::token, "token", has_token, draw_token},
    ScreenEntry{ScreenId::processes, "processes", always, draw_processes},
    ScreenEntry{ScreenId::process, "process", has_process, draw_process},
    ScreenEntry{ScreenId::details, "details", has_process, draw_details},
    ScreenEntry{ScreenId::printing, "printing", has_printing, draw_printing},
    ScreenEntry{ScreenId::admin_pin, "admin_pin", has_admin, draw_admin_pin},
    ScreenEntry{ScreenId::admin, "admin", admin_unlocked, draw_admin},
};

constexpr bool table_complete() {
    for (std::size_t i = 0; i < kScreens.size(); ++i)
        if (static_cast<std::size_t>(kScreens[i].id) != i) return false;
    return static_cast<std::size_t>(ScreenId::admin) + 1 == kScreens.size();
}
static_assert(table_complete(), "every ScreenId has its row in kScreens, in order");

}  // namespace

void draw_frame(const State& state, const Ui& ui) {
    if (!state.site_configured) {
        draw_setup(ui);
        return;
    }
    const ScreenEntry& chosen = kScreens[static_cast<std::size_t>(state.screen)];
    const ScreenEntry& screen = chosen.has_what_it_draws(state) ? chosen : kScreens[0];
    // The frame every screen shares: its full-screen window and the top bar.
    begin_screen(screen.name);
    top_bar(state, ui);
    screen.draw(state, ui);
    end_screen(ui, screen.name);
    if (state.demo) draw_demo_panel(state, ui);
    if (const auto left = state.idle_countdown_left(ui.now)) draw_idle_countdown(state, ui, *left);
}

}  // namespace eimza::screens
