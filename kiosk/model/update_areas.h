#pragma once
// update()'s handlers, by area, each area in its own file. Every action and
// every event has its own overload of `on`: update.cpp visits the variants
// through this one name, so an alternative added without its handler does
// not compile. For update.cpp and the area files only.
#include <string>
#include <vector>

#include "kiosk/model/update.h"

namespace eimza::update_area {

// What one update() hands back besides the State, and when it happens.
struct Effects {
    TimePoint now;
    std::vector<Command>& commands;
    std::vector<LogLine>& log;

    void info(std::string kind, std::string message) { log.push_back({Severity::info, std::move(kind), std::move(message)}); }
    void warning(std::string kind, std::string message) {
        log.push_back({Severity::warning, std::move(kind), std::move(message)});
    }
};

// The person's session (update_session.cpp): language, accessibility, Home,
// the demo card, activity and the idle timeout.
void on(State& state, const SetLanguage& action, Effects& fx);
void on(State& state, const GoHome& action, Effects& fx);
void on(State& state, const RevealTckn& action, Effects& fx);
void on(State& state, const StayActive& action, Effects& fx);
void on(State& state, const ToggleGuide& action, Effects& fx);
void on(State& state, const NextDisplayMode& action, Effects& fx);
void on(State& state, const DemoInsertCard& action, Effects& fx);
void on(State& state, const DemoRemoveCard& action, Effects& fx);
void on(State& state, const Tick& event, Effects& fx);
void on(State& state, const UserActivity& event, Effects& fx);

// Processes and printing (update_process.cpp).
void on(State& state, const ShowProcesses& action, Effects& fx);
void on(State& state, const OpenProcess& action, Effects& fx);
void on(State& state, const ProcessNext& action, Effects& fx);
void on(State& state, const ProcessAnswer& action, Effects& fx);
void on(State& state, const ProcessBack& action, Effects& fx);
void on(State& state, const PrintDocuments& action, Effects& fx);
void on(State& state, const PrintFinished& event, Effects& fx);
void on(State& state, const ContentLoaded& event, Effects& fx);

// The personal-details form (update_form.cpp).
void on(State& state, const OpenDetails& action, Effects& fx);
void on(State& state, const ShowFormProblems& action, Effects& fx);
void on(State& state, const FocusField& action, Effects& fx);
void on(State& state, const TypeText& action, Effects& fx);
void on(State& state, const EraseChar& action, Effects& fx);
void on(State& state, const ToggleShift& action, Effects& fx);
void on(State& state, const CloseDetails& action, Effects& fx);

// IT's admin screens (update_admin.cpp).
void on(State& state, const OpenAdmin& action, Effects& fx);
void on(State& state, const AdminKey& action, Effects& fx);
void on(State& state, const AdminErase& action, Effects& fx);
void on(State& state, const AdminSubmit& action, Effects& fx);
void on(State& state, const AdminRun& action, Effects& fx);
void on(State& state, const AdminRestart& action, Effects& fx);
void on(State& state, const AdminPinChecked& event, Effects& fx);
void on(State& state, const AdminTaskDone& event, Effects& fx);

// Readers and the token (update_token.cpp).
void on(State& state, const hw::ReaderEvent& event, Effects& fx);
void on(State& state, const TokenReadDone& event, Effects& fx);
void on(State& state, const TokenReadFailed& event, Effects& fx);
void on(State& state, const VerdictUpdated& event, Effects& fx);
void on(State& state, const ReadersScanned& event, Effects& fx);
// What the passing of time does to the card and the readers: the
// revocation wait, the mute card's grace, the next look at the bus.
void token_deadlines(State& state, Effects& fx);
// pcscd heard from and no reader listed: the bus tells which link is broken.
bool readers_missing(const State& state);

}  // namespace eimza::update_area
