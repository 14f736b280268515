#pragma once
// Walking a content process: the current step, the position shown to the
// person, and the questions the kiosk can answer by itself.
#include <optional>

#include "kiosk/model/state.h"
#include "kiosk/documents/route.h"

namespace eimza {

const content::Process* current_process(const State& state);
const content::Step* current_step(const State& state);

struct StepPosition {
    int number = 0;  // 1-based
    int total = 0;   // steps seen + the longest way still ahead
};
StepPosition step_position(const State& state);

// What the kiosk knows now of the facts automatic questions ask: the one
// source of the process flow's answers and of the printed route's.
content::KnownFacts known_facts(const State& state);
// The answer to an automatic question: true selects the first answer,
// false the second; nullopt (also for a question the person answers) means
// the person must be asked.
std::optional<bool> automatic_answer(const State& state, const content::Step& step);

// Starts a process at its first step (answering what it can).
void start_process(State& state, const std::string& id);
void follow(State& state, const std::string& next_step);
void step_back(State& state);

// This person's papers as the kiosk would print them now: their details,
// language and route, and what it knows of the route's remaining questions.
documents::Request print_request(const State& state);
// What printing makes for this person's route, as the kiosk knows it now:
// shown before they print and after.
documents::Plan print_plan(const State& state);
// The first step of the route after the current one that is a task (not a
// question): what the person does next once the kiosk part is over.
const content::Step* next_task(const State& state);

// The receipt description for this person: the content's pattern with their
// name and, once they chose to show it, their full TCKN from the card; blanks
// that say what to write otherwise. Never the masked number.
std::string receipt_description(const State& state, const content::Step& step, Lang lang);
// The TCKN as the person writes or types it: the full number once they chose
// to show it, otherwise a blank saying what goes there.
std::string tckn_to_write(const State& state, Lang lang);
// The card's TCKN is known but hidden, and this step's receipt or payment query needs it.
bool receipt_can_reveal_tckn(const State& state, const content::Step& step);

}  // namespace eimza
