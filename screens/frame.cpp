// Picks the screen for the State and draws the overlays above it.
#include <imgui.h>

#include "screens/ui.h"

namespace eimza::screens {

void draw_frame(const State& state, const Ui& ui) {
    switch (state.screen) {
        case ScreenId::home: draw_home(state, ui); break;
        case ScreenId::token:
            if (state.token()) draw_token(state, ui);
            else draw_home(state, ui);
            break;
        case ScreenId::processes: draw_processes(state, ui); break;
        case ScreenId::printing:
            if (state.session && state.session->printing) draw_printing(state, ui);
            else draw_home(state, ui);
            break;
        case ScreenId::details:
            if (state.session && state.session->process) draw_details(state, ui);
            else draw_home(state, ui);
            break;
        case ScreenId::process:
            if (state.session && state.session->process) draw_process(state, ui);
            else draw_home(state, ui);
            break;
        case ScreenId::admin_pin:
            if (state.admin) draw_admin_pin(state, ui);
            else draw_home(state, ui);
            break;
        case ScreenId::admin:
            if (state.admin && state.admin->unlocked) draw_admin(state, ui);
            else draw_home(state, ui);
            break;
    }
    if (state.demo) draw_demo_panel(state, ui);
    if (const auto left = state.idle_countdown_left(ui.now)) draw_idle_countdown(state, ui, *left);
}

}  // namespace eimza::screens
