// The personal-details form: prefilled from the card, typed on the
// on-screen keyboard, its problems shown on request.
#include "kiosk/model/person_form.h"
#include "kiosk/model/update_areas.h"

namespace eimza::update_area {

void on(State& state, const OpenDetails&, Effects&) {
    if (!state.session || !state.session->process) return;
    // An identity update is for a changed identity: the card holds the old one.
    if (const TokenSession* token = state.token(); token && token->ready() && token->ready()->verdict.holder &&
                                                   state.session->process->id != "identity_update")
        prefill_from_card(state.session->person, *token->ready()->verdict.holder);
    state.session->form = FormState{};
    state.screen = ScreenId::details;
}

void on(State& state, const ShowFormProblems&, Effects&) {
    if (!state.session) return;
    FormState& form = state.session->form;
    form.show_problems = true;
    if (const auto fields = fields_with_problems(state.session->person); !fields.empty()) form.focused = fields.front();
}

void on(State& state, const FocusField& a, Effects&) {
    if (state.session && a.field >= 0 && a.field < static_cast<int>(person_fields().size()))
        state.session->form.focused = a.field;
}

void on(State& state, const TypeText& a, Effects&) {
    if (!state.session) return;
    type_into(state.session->person, state.session->form.focused, a.text);
    state.session->form.shift = false;  // one capital, as phone keyboards do
}

void on(State& state, const EraseChar&, Effects&) {
    if (state.session) erase_last(state.session->person, state.session->form.focused);
}

void on(State& state, const ToggleShift&, Effects&) {
    if (state.session) state.session->form.shift = !state.session->form.shift;
}

void on(State& state, const CloseDetails&, Effects&) {
    if (state.session && state.session->process) state.screen = ScreenId::process;
}

}  // namespace eimza::update_area
