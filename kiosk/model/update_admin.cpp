// IT's admin screens: the hidden entry, the PIN and its lockout, the tasks.
#include "kiosk/admin/lockout.h"
#include "kiosk/model/update_areas.h"

namespace eimza::update_area {

namespace {

void run_task(State& state, AdminTask task, Effects& fx) {
    state.admin->running = task;
    fx.commands.push_back(RunAdminTask{task, state.last_card ? std::optional(state.last_card->atr) : std::nullopt, state.lang()});
}

}  // namespace

void on(State& state, const OpenAdmin&, Effects& fx) {
    // Only from an empty Home: nothing personal may be on screen.
    if (!state.admin_policy.enabled || state.screen != ScreenId::home || state.token()) return;
    state.admin = AdminSession{};
    state.screen = ScreenId::admin_pin;
    fx.info("admin", "admin PIN asked");
}

void on(State& state, const AdminKey& a, Effects&) {
    if (!state.admin || state.admin->unlocked || state.admin->checking) return;
    if (a.digit < '0' || a.digit > '9' || state.admin->entered.size() >= 12) return;
    state.admin->entered += a.digit;
    state.admin->wrong = false;
}

void on(State& state, const AdminErase&, Effects&) {
    if (state.admin && !state.admin->entered.empty()) state.admin->entered.pop_back();
}

void on(State& state, const AdminSubmit&, Effects& fx) {
    if (!state.admin || state.admin->unlocked || state.admin->checking || state.admin->entered.empty()) return;
    if (fx.now < state.admin_policy.locked_until) return;
    state.admin->checking = true;
    fx.commands.push_back(CheckAdminPin{std::move(state.admin->entered)});
    state.admin->entered.clear();
}

void on(State& state, const AdminRun& a, Effects& fx) {
    if (!state.admin || !state.admin->unlocked || state.admin->running) return;
    run_task(state, a.task, fx);
}

void on(State& state, const AdminRestart&, Effects& fx) {
    if (!state.admin || !state.admin->unlocked) return;
    fx.info("admin", "restart asked from the admin screen");
    state.restart_requested = true;
}

void on(State& state, const AdminPinChecked& e, Effects& fx) {
    if (!state.admin || !state.admin->checking) return;
    state.admin->checking = false;
    if (!e.ok) {
        ++state.admin_policy.failures;
        state.admin_policy.locked_until = fx.now + admin::lockout_after(state.admin_policy.failures);
        state.admin->wrong = true;
        fx.warning("admin", "wrong admin PIN (" + std::to_string(state.admin_policy.failures) + " in a row)");
        return;
    }
    state.admin_policy.failures = 0;
    state.admin->unlocked = true;
    state.screen = ScreenId::admin;
    fx.info("admin", "admin screen opened");
    run_task(state, AdminTask::refresh_diagnostics, fx);
}

void on(State& state, const AdminTaskDone& done, Effects&) {
    if (done.content) state.content = done.content;
    if (!state.admin) return;
    state.admin->running.reset();
    state.admin->last_result = done.result;
    if (done.diagnostics) state.admin->diagnostics = done.diagnostics;
}

}  // namespace eimza::update_area
