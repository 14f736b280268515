#include "kiosk/model/update.h"

#include <algorithm>

#include "hw/base/overloaded.h"
#include "hw/cert/verdict.h"
#include "kiosk/admin/lockout.h"
#include "kiosk/model/person_form.h"
#include "kiosk/model/process_flow.h"

namespace eimza {

namespace {

void erase_value(std::vector<std::string>& values, const std::string& value) {
    values.erase(std::remove(values.begin(), values.end(), value), values.end());
}

void add_unique(std::vector<std::string>& values, const std::string& value) {
    if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
}

bool session_on(const State& state, const std::string& reader) { return state.token() && state.token()->reader == reader; }

// pcscd heard from and no reader listed: the bus tells which link is broken.
bool readers_missing(const State& state) {
    return state.reader_service != ReaderService::starting && state.readers.empty();
}

void forget_scan(State& state) {
    state.reader_scan.result.reset();
    state.reader_scan.answers = 0;
}

void ask_for_scan(State& state, TimePoint now, std::vector<Command>& commands) {
    if (state.reader_scan.running) return;
    state.reader_scan.running = true;
    state.reader_scan.asked_at = now;
    commands.push_back(ScanReaders{});
}

// A failure reported without its triage (none is, from the app) still gets
// the code its kind implies.
hw::Triage triage_of(const TokenReadFailed& failed) {
    if (failed.triage.code != hw::TriageCode::ok) return failed.triage;
    switch (failed.failure) {
        case hw::ReadFailure::timed_out: return {hw::TriageCode::read_timed_out, {}};
        case hw::ReadFailure::no_module: return {hw::TriageCode::module_missing, {}};
        case hw::ReadFailure::removed:
        case hw::ReadFailure::unreadable: break;
    }
    return {hw::TriageCode::token_not_recognised, {}};
}

void apply_action(State& state, const Action& action, TimePoint now, std::vector<Command>& commands,
                  std::vector<LogLine>& log) {
    state.last_activity = now;
    std::visit(Overloaded{
                   [&](const SetLanguage& a) {
                       // The default language at rest is nothing of the person's yet.
                       if (state.session || a.lang != state.default_lang) open_session(state).lang = a.lang;
                   },
                   [&](const GoHome&) { end_session(state, commands); },
                   [&](const RevealTckn&) { open_session(state).tckn_revealed = true; },
                   [&](const StayActive&) {},
                   [&](const ToggleGuide&) {
                       Session& session = open_session(state);
                       session.access.guide = !session.access.guide;
                   },
                   [&](const NextDisplayMode&) {
                       const DisplayMode now_shown = state.display_mode();
                       open_session(state).access.mode = now_shown == DisplayMode::normal  ? DisplayMode::large
                                                         : now_shown == DisplayMode::large ? DisplayMode::high_contrast
                                                                                           : DisplayMode::normal;
                   },
                   [&](const DemoInsertCard& a) { commands.push_back(RunDemoCard{a.profile}); },
                   [&](const DemoRemoveCard&) { commands.push_back(RunDemoCard{}); },
                   [&](const ShowProcesses&) {
                       if (state.session) state.session->process.reset();
                       state.screen = ScreenId::processes;
                   },
                   [&](const OpenProcess& a) { start_process(state, a.id); },
                   [&](const ProcessNext&) {
                       if (const content::Step* step = current_step(state); step && !step->next.empty())
                           follow(state, step->next);
                   },
                   [&](const ProcessAnswer& a) {
                       const content::Step* step = current_step(state);
                       if (!step || a.index >= step->answers.size()) return;
                       const content::Answer answer = step->answers[a.index];
                       PersonRole role;
                       if (parse_person_role(answer.sets_role, role)) state.session->process->role = role;
                       follow(state, answer.next);
                   },
                   [&](const OpenDetails&) {
                       if (!state.session || !state.session->process) return;
                       // An identity update is for a changed identity: the card holds the old one.
                       if (const TokenSession* token = state.token();
                           token && token->ready() && token->ready()->verdict.holder &&
                           state.session->process->id != "identity_update")
                           prefill_from_card(state.session->person, *token->ready()->verdict.holder);
                       state.session->form = FormState{};
                       state.screen = ScreenId::details;
                   },
                   [&](const ShowFormProblems&) {
                       if (!state.session) return;
                       FormState& form = state.session->form;
                       form.show_problems = true;
                       if (const auto fields = fields_with_problems(state.session->person); !fields.empty())
                           form.focused = fields.front();
                   },
                   [&](const FocusField& a) {
                       if (state.session && a.field >= 0 && a.field < static_cast<int>(person_fields().size()))
                           state.session->form.focused = a.field;
                   },
                   [&](const TypeText& a) {
                       if (!state.session) return;
                       type_into(state.session->person, state.session->form.focused, a.text);
                       state.session->form.shift = false;  // one capital, as phone keyboards do
                   },
                   [&](const EraseChar&) {
                       if (state.session) erase_last(state.session->person, state.session->form.focused);
                   },
                   [&](const ToggleShift&) {
                       if (state.session) state.session->form.shift = !state.session->form.shift;
                   },
                   [&](const CloseDetails&) {
                       if (state.session && state.session->process) state.screen = ScreenId::process;
                   },
                   [&](const PrintDocuments&) {
                       if (!state.session || !state.session->process) return;
                       Session& session = *state.session;
                       if (session.printing && session.printing->stage == PrintStatus::Stage::printing) return;
                       const bool mailed = session.printing && session.printing->form_mail == "sent";
                       session.printing = PrintStatus{};
                       if (mailed) session.printing->form_mail = "sent";
                       state.screen = ScreenId::printing;
                       commands.push_back(StartPrint{state.content, print_request(state), !mailed});
                   },
                   [&](const ProcessBack&) {
                       if (state.session && state.session->process) step_back(state);
                       else state.screen = state.token() ? ScreenId::token : ScreenId::home;
                   },
                   [&](const OpenAdmin&) {
                       // Only from an empty Home: nothing personal may be on screen.
                       if (!state.admin_policy.enabled || state.screen != ScreenId::home || state.token()) return;
                       state.admin = AdminSession{};
                       state.screen = ScreenId::admin_pin;
                       log.push_back({Severity::info, "admin", "admin PIN asked"});
                   },
                   [&](const AdminKey& a) {
                       if (!state.admin || state.admin->unlocked || state.admin->checking) return;
                       if (a.digit < '0' || a.digit > '9' || state.admin->entered.size() >= 12) return;
                       state.admin->entered += a.digit;
                       state.admin->wrong = false;
                   },
                   [&](const AdminErase&) {
                       if (state.admin && !state.admin->entered.empty()) state.admin->entered.pop_back();
                   },
                   [&](const AdminSubmit&) {
                       if (!state.admin || state.admin->unlocked || state.admin->checking || state.admin->entered.empty())
                           return;
                       if (now < state.admin_policy.locked_until) return;
                       state.admin->checking = true;
                       commands.push_back(CheckAdminPin{std::move(state.admin->entered)});
                       state.admin->entered.clear();
                   },
                   [&](const AdminRun& a) {
                       if (!state.admin || !state.admin->unlocked || state.admin->running) return;
                       state.admin->running = a.task;
                       commands.push_back(RunAdminTask{a.task, state.last_card ? std::optional(state.last_card->atr) : std::nullopt,
                                                       state.lang()});
                   },
                   [&](const AdminRestart&) {
                       if (!state.admin || !state.admin->unlocked) return;
                       log.push_back({Severity::info, "admin", "restart asked from the admin screen"});
                       state.restart_requested = true;
                   },
               },
               action);
}

void admin_pin_checked(State& state, bool ok, TimePoint now, std::vector<Command>& commands, std::vector<LogLine>& log) {
    if (!state.admin || !state.admin->checking) return;
    state.admin->checking = false;
    if (!ok) {
        ++state.admin_policy.failures;
        state.admin_policy.locked_until = now + admin::lockout_after(state.admin_policy.failures);
        state.admin->wrong = true;
        log.push_back(
            {Severity::warning, "admin", "wrong admin PIN (" + std::to_string(state.admin_policy.failures) + " in a row)"});
        return;
    }
    state.admin_policy.failures = 0;
    state.admin->unlocked = true;
    state.admin->running = AdminTask::refresh_diagnostics;
    state.screen = ScreenId::admin;
    log.push_back({Severity::info, "admin", "admin screen opened"});
    commands.push_back(RunAdminTask{AdminTask::refresh_diagnostics,
                                    state.last_card ? std::optional(state.last_card->atr) : std::nullopt, state.lang()});
}

void admin_task_done(State& state, const AdminTaskDone& done) {
    if (done.content) state.content = done.content;
    if (!state.admin) return;
    state.admin->running.reset();
    state.admin->last_result = done.result;
    if (done.diagnostics) state.admin->diagnostics = done.diagnostics;
}

void apply_reader_event(State& state, const hw::ReaderEvent& event, TimePoint now, std::vector<Command>& commands) {
    using Kind = hw::ReaderEvent::Kind;
    switch (event.kind) {
        case Kind::reader_added:
            add_unique(state.readers, event.reader);
            state.reader_service = ReaderService::ok;
            // Whatever the bus showed before is no longer the question.
            forget_scan(state);
            break;
        case Kind::reader_removed:
            erase_value(state.readers, event.reader);
            erase_value(state.cards_present, event.reader);
            if (session_on(state, event.reader)) end_session(state, commands);
            if (state.readers.empty()) {
                // What the bus showed while a reader worked answers nothing now.
                forget_scan(state);
                ask_for_scan(state, now, commands);
            }
            break;
        case Kind::card_inserted: {
            add_unique(state.cards_present, event.reader);
            // Someone wants the kiosk: the admin screens give way.
            state.admin.reset();
            if (state.token()) end_session(state, commands);
            TokenSession token;
            token.generation = ++state.last_generation;
            token.reader = event.reader;
            token.atr = event.atr;
            token.inserted_at = now;
            // Nothing to read from a card that did not answer its reset.
            token.mute = event.mute;
            open_session(state).token = std::move(token);
            state.screen = ScreenId::token;
            state.last_activity = now;
            if (!event.mute)
                commands.push_back(ReadToken{state.last_generation, {event.reader, event.atr, event.card_events}});
            break;
        }
        case Kind::card_removed:
            erase_value(state.cards_present, event.reader);
            if (session_on(state, event.reader)) end_session(state, commands);
            break;
        case Kind::service_lost:
            state.reader_service = ReaderService::unavailable;
            state.readers.clear();
            state.cards_present.clear();
            if (state.token()) end_session(state, commands);
            // The reader and its driver come before pcscd in the chain.
            forget_scan(state);
            ask_for_scan(state, now, commands);
            break;
        case Kind::service_back:
            state.reader_service = ReaderService::ok;
            // Its readers follow at once; with none, the bus tells why.
            forget_scan(state);
            if (state.readers.empty()) ask_for_scan(state, now, commands);
            break;
    }
}

bool current(const State& state, std::uint64_t generation) {
    return state.token() && state.token()->generation == generation;
}

bool revocation_pending(const hw::Verdict& verdict) {
    return std::any_of(verdict.certificates.begin(), verdict.certificates.end(), [](const hw::CertificateVerdict& c) {
        return c.revocation.pending || std::any_of(c.path.begin(), c.path.end(), [](const hw::PathCertificate& ca) {
                   return ca.revocation.pending;
               });
    });
}

}  // namespace

Session& open_session(State& state) {
    if (!state.session) state.session.emplace(state.default_lang);
    return *state.session;
}

void end_session(State& state, std::vector<Command>& commands) {
    if (const TokenSession* token = state.token(); token && token->reading())
        commands.push_back(CancelTokenRead{token->generation});
    state.session.reset();
    state.admin.reset();
    state.screen = ScreenId::home;
}

std::optional<hw::Triage> reader_triage(const State& state) {
    if (const TokenSession* token = state.token()) {
        if (const TokenFailed* failed = token->failed()) return failed->triage;
        return hw::Triage{};
    }
    // A card left in a reader: the chain works; Home asks for it to be taken.
    if (!state.cards_present.empty()) return hw::Triage{};
    if (state.reader_service == ReaderService::starting) return std::nullopt;
    const bool answers = state.reader_service == ReaderService::ok;
    if (answers && !state.readers.empty()) return hw::triage_readers(true, state.readers, {});
    if (!state.reader_scan.result) return std::nullopt;
    auto triage = hw::triage_readers(answers, state.readers, *state.reader_scan.result);
    // pcscd answers and a reader it supports is there: give it the time it
    // takes to list it before saying it does not.
    if (answers && triage.code == hw::TriageCode::service_down && state.reader_scan.answers < 2) return std::nullopt;
    return triage;
}

bool State::at_rest() const {
    return screen == ScreenId::home && !session && !admin;
}

std::optional<int> State::idle_countdown_left(TimePoint now) const {
    if (at_rest()) return std::nullopt;
    const auto expires = last_activity + idle.timeout;
    if (now < expires - idle.countdown) return std::nullopt;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(expires - now).count();
    return static_cast<int>(std::max<long long>(0, (left + 999) / 1000));
}

std::optional<TimePoint> State::next_deadline(TimePoint now) const {
    std::optional<TimePoint> deadline;
    auto consider = [&](TimePoint t) {
        if (!deadline || t < *deadline) deadline = t;
    };
    const TokenSession* token = this->token();
    if (token && token->reading() && now < token->inserted_at + kSpinnerDelay) consider(token->inserted_at + kSpinnerDelay);
    if (token && token->ready() && token->ready()->revocation_deadline)
        consider(std::max(now, *token->ready()->revocation_deadline));
    if (readers_missing(*this) && !reader_scan.running) consider(reader_scan.asked_at + kReaderRescan);
    if (token && token->mute && token->reading()) consider(token->inserted_at + kMuteGrace);
    // The admin lockout counts down on screen, once a second.
    if (admin && screen == ScreenId::admin_pin && now < admin_policy.locked_until)
        consider(std::min(admin_policy.locked_until, now + std::chrono::seconds(1)));
    if (!at_rest()) {
        const auto expires = last_activity + idle.timeout;
        const auto countdown_start = expires - idle.countdown;
        if (now < countdown_start) {
            consider(countdown_start);
        } else {
            // One tick per second while the countdown is visible.
            const auto into = now - countdown_start;
            const auto next_second = countdown_start + std::chrono::duration_cast<std::chrono::seconds>(into) +
                                     std::chrono::seconds(1);
            consider(std::min(next_second, expires));
        }
    }
    return deadline;
}

State update(State state, const Event& event, TimePoint now, std::vector<Command>& commands, std::vector<LogLine>& log) {
    // Without the site's trust anchors and printer nothing the kiosk would do
    // could be trusted: no card is read and no touch leads anywhere.
    if (!state.site_configured) return state;
    std::visit(Overloaded{
                   [&](const Tick&) {
                       TokenReady* ready = state.token() ? state.token()->ready() : nullptr;
                       if (ready && ready->revocation_deadline && now >= *ready->revocation_deadline) {
                           ready->revocation_deadline.reset();
                           if (revocation_pending(ready->verdict)) {
                               log.push_back({Severity::warning, "revocation", "no answer in time: verdict not confirmed"});
                               ready->verdict = hw::give_up_waiting(ready->verdict);
                           }
                       }
                       if (readers_missing(state) && now >= state.reader_scan.asked_at + kReaderRescan)
                           ask_for_scan(state, now, commands);
                       if (TokenSession* token = state.token();
                           token && token->mute && token->reading() && now >= token->inserted_at + kMuteGrace) {
                           const hw::Triage triage = hw::triage_mute_card(token->reader);
                           token->read = TokenFailed{hw::ReadFailure::unreadable, triage};
                           state.last_card = LastCard{{}, token->reader, "mute", triage};
                       }
                       if (!state.at_rest() && now >= state.last_activity + state.idle.timeout) {
                           log.push_back({Severity::info, "session", "idle timeout: session wiped"});
                           end_session(state, commands);
                       }
                   },
                   [&](const UserActivity&) { state.last_activity = now; },
                   [&](const Action& action) { apply_action(state, action, now, commands, log); },
                   [&](const hw::ReaderEvent& e) { apply_reader_event(state, e, now, commands); },
                   [&](const AdminPinChecked& e) { admin_pin_checked(state, e.ok, now, commands, log); },
                   [&](const AdminTaskDone& e) { admin_task_done(state, e); },
                   [&](const ContentLoaded& e) {
                       if (e.content) state.content = e.content;
                   },
                   [&](const TokenReadDone& e) {
                       if (!current(state, e.generation)) return;
                       TokenSession& token = *state.token();
                       state.last_card = LastCard{token.atr, token.reader, "read"};
                       TokenReady& ready = token.read.emplace<TokenReady>(TokenReady{e.snapshot, e.verdict, std::nullopt});
                       // Every insertion asks afresh: the read's verdict carries
                       // no earlier answer, only "pending".
                       if (revocation_pending(e.verdict)) {
                           ready.revocation_deadline = now + state.revocation_wait;
                           commands.push_back(CheckRevocation{e.generation, e.snapshot.certificates, e.snapshot.pin});
                       }
                   },
                   [&](const TokenReadFailed& e) {
                       if (!current(state, e.generation)) return;
                       // A card pulled mid-read is not an error: its card_removed
                       // event ends the session quietly.
                       if (e.failure == hw::ReadFailure::removed) return;
                       const hw::Triage triage = triage_of(e);
                       TokenSession& token = *state.token();
                       state.last_card = LastCard{token.atr, token.reader, hw::to_string(e.failure), triage};
                       token.read = TokenFailed{e.failure, triage};
                   },
                   [&](const ReadersScanned& e) {
                       state.reader_scan.running = false;
                       state.reader_scan.result = e.scan;
                       ++state.reader_scan.answers;
                   },
                   [&](const PrintFinished& e) {
                       if (!state.session || !state.session->printing) return;
                       state.session->printing->stage = e.ok ? PrintStatus::Stage::done : PrintStatus::Stage::failed;
                       state.session->printing->outcome = e.outcome;
                       if (!e.form_mail.empty()) state.session->printing->form_mail = e.form_mail;
                       // Printed: the person's details have done their job.
                       if (e.ok) wipe(state.session->person);
                   },
                   [&](const VerdictUpdated& e) {
                       TokenReady* ready = current(state, e.generation) ? state.token()->ready() : nullptr;
                       if (!ready) return;
                       // Also after the deadline: a real answer beats "not confirmed".
                       ready->verdict = e.verdict;
                       ready->revocation_deadline.reset();
                   },
               },
               event);
    return state;
}

}  // namespace eimza
