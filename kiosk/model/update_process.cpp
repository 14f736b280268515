// Walking a process and printing its papers.
#include "kiosk/model/process_flow.h"
#include "kiosk/model/update_areas.h"

namespace eimza::update_area {

void on(State& state, const ShowProcesses&, Effects&) {
    if (state.session) state.session->process.reset();
    state.screen = ScreenId::processes;
}

void on(State& state, const OpenProcess& a, Effects&) { start_process(state, a.id); }

void on(State& state, const ProcessNext&, Effects&) {
    if (const content::Step* step = current_step(state); step && !step->next.empty()) follow(state, step->next);
}

void on(State& state, const ProcessAnswer& a, Effects&) {
    const content::Step* step = current_step(state);
    if (!step || a.index >= step->answers.size()) return;
    const content::Answer answer = step->answers[a.index];
    PersonRole role;
    if (parse_person_role(answer.sets_role, role)) state.session->process->role = role;
    follow(state, answer.next);
}

void on(State& state, const ProcessBack&, Effects&) {
    if (state.session && state.session->process) step_back(state);
    else state.screen = state.token() ? ScreenId::token : ScreenId::home;
}

void on(State& state, const PrintDocuments&, Effects& fx) {
    if (!state.session || !state.session->process) return;
    Session& session = *state.session;
    if (session.printing && session.printing->stage == PrintStatus::Stage::printing) return;
    const bool mailed = session.printing && session.printing->form_mail == "sent";
    session.printing = PrintStatus{};
    if (mailed) session.printing->form_mail = "sent";
    state.screen = ScreenId::printing;
    fx.commands.push_back(StartPrint{state.content, print_request(state), !mailed});
}

void on(State& state, const PrintFinished& e, Effects&) {
    if (!state.session || !state.session->printing) return;
    state.session->printing->stage = e.ok ? PrintStatus::Stage::done : PrintStatus::Stage::failed;
    state.session->printing->outcome = e.outcome;
    if (!e.form_mail.empty()) state.session->printing->form_mail = e.form_mail;
    // Printed: the person's details have done their job.
    if (e.ok) wipe(state.session->person);
}

void on(State& state, const ContentLoaded& e, Effects&) {
    if (e.content) state.content = e.content;
}

}  // namespace eimza::update_area
