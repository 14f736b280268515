// Readers and the inserted card: the reader monitor's events, the read's
// result, revocation answers and the reader triage.
#include <algorithm>

#include "hw/cert/verdict.h"
#include "kiosk/model/update_areas.h"

namespace eimza {

namespace update_area {

namespace {

void erase_value(std::vector<std::string>& values, const std::string& value) {
    values.erase(std::remove(values.begin(), values.end(), value), values.end());
}

void add_unique(std::vector<std::string>& values, const std::string& value) {
    if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
}

bool session_on(const State& state, const std::string& reader) { return state.token() && state.token()->reader == reader; }

void forget_scan(State& state) {
    state.reader_scan.result.reset();
    state.reader_scan.answers = 0;
}

void ask_for_scan(State& state, Effects& fx) {
    if (state.reader_scan.running) return;
    state.reader_scan.running = true;
    state.reader_scan.asked_at = fx.now;
    fx.commands.push_back(ScanReaders{});
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

bool readers_missing(const State& state) {
    return state.reader_service != ReaderService::starting && state.readers.empty();
}

void token_deadlines(State& state, Effects& fx) {
    TokenReady* ready = state.token() ? state.token()->ready() : nullptr;
    if (ready && ready->revocation_deadline && fx.now >= *ready->revocation_deadline) {
        ready->revocation_deadline.reset();
        if (revocation_pending(ready->verdict)) {
            fx.warning("revocation", "no answer in time: verdict not confirmed");
            ready->verdict = hw::give_up_waiting(ready->verdict);
        }
    }
    if (readers_missing(state) && fx.now >= state.reader_scan.asked_at + kReaderRescan) ask_for_scan(state, fx);
    if (TokenSession* token = state.token(); token && token->mute && token->reading() && fx.now >= token->inserted_at + kMuteGrace) {
        const hw::Triage triage = hw::triage_mute_card(token->reader);
        token->read = TokenFailed{hw::ReadFailure::unreadable, triage};
        state.last_card = LastCard{{}, token->reader, "mute", triage};
    }
}

void on(State& state, const hw::ReaderEvent& event, Effects& fx) {
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
            if (session_on(state, event.reader)) end_session(state, fx.commands);
            if (state.readers.empty()) {
                // What the bus showed while a reader worked answers nothing now.
                forget_scan(state);
                ask_for_scan(state, fx);
            }
            break;
        case Kind::card_inserted: {
            add_unique(state.cards_present, event.reader);
            // Someone wants the kiosk: the admin screens give way.
            state.admin.reset();
            if (state.token()) end_session(state, fx.commands);
            TokenSession token;
            token.generation = ++state.last_generation;
            token.reader = event.reader;
            token.atr = event.atr;
            token.inserted_at = fx.now;
            // Nothing to read from a card that did not answer its reset.
            token.mute = event.mute;
            open_session(state).token = std::move(token);
            state.screen = ScreenId::token;
            state.last_activity = fx.now;
            if (!event.mute)
                fx.commands.push_back(ReadToken{state.last_generation, {event.reader, event.atr, event.card_events}});
            break;
        }
        case Kind::card_removed:
            erase_value(state.cards_present, event.reader);
            if (session_on(state, event.reader)) end_session(state, fx.commands);
            break;
        case Kind::service_lost:
            state.reader_service = ReaderService::unavailable;
            state.readers.clear();
            state.cards_present.clear();
            if (state.token()) end_session(state, fx.commands);
            // The reader and its driver come before pcscd in the chain.
            forget_scan(state);
            ask_for_scan(state, fx);
            break;
        case Kind::service_back:
            state.reader_service = ReaderService::ok;
            // Its readers follow at once; with none, the bus tells why.
            forget_scan(state);
            if (state.readers.empty()) ask_for_scan(state, fx);
            break;
    }
}

void on(State& state, const TokenReadDone& e, Effects& fx) {
    if (!current(state, e.generation)) return;
    TokenSession& token = *state.token();
    state.last_card = LastCard{token.atr, token.reader, "read"};
    TokenReady& ready = token.read.emplace<TokenReady>(TokenReady{e.snapshot, e.verdict, std::nullopt});
    // Every insertion asks afresh: the read's verdict carries no earlier
    // answer, only "pending".
    if (revocation_pending(e.verdict)) {
        ready.revocation_deadline = fx.now + state.revocation_wait;
        fx.commands.push_back(CheckRevocation{e.generation, e.snapshot.certificates, e.snapshot.pin});
    }
}

void on(State& state, const TokenReadFailed& e, Effects&) {
    if (!current(state, e.generation)) return;
    // A card pulled mid-read is not an error: its card_removed event ends
    // the session quietly.
    if (e.failure == hw::ReadFailure::removed) return;
    const hw::Triage triage = triage_of(e);
    TokenSession& token = *state.token();
    state.last_card = LastCard{token.atr, token.reader, hw::to_string(e.failure), triage};
    token.read = TokenFailed{e.failure, triage};
}

void on(State& state, const VerdictUpdated& e, Effects&) {
    TokenReady* ready = current(state, e.generation) ? state.token()->ready() : nullptr;
    if (!ready) return;
    // Also after the deadline: a real answer beats "not confirmed".
    ready->verdict = e.verdict;
    ready->revocation_deadline.reset();
}

void on(State& state, const ReadersScanned& e, Effects&) {
    state.reader_scan.running = false;
    state.reader_scan.result = e.scan;
    ++state.reader_scan.answers;
}

}  // namespace update_area

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

}  // namespace eimza
