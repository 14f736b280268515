// update(): events in, state out. No window, no hardware.
#include <catch2/catch.hpp>

#include "kiosk/base/config.h"
#include "kiosk/model/update.h"

using namespace eimza;
using namespace std::chrono_literals;
using Kind = hw::ReaderEvent::Kind;

namespace {

struct Harness {
    State state;
    TimePoint now = TimePoint{} + 1000s;
    std::vector<Command> commands;
    std::vector<LogLine> log_lines;

    Harness() {
        state.last_activity = now;
        state = send(hw::ReaderEvent{Kind::reader_added, "Reader A", {}});
    }
    State send(const Event& event) {
        commands.clear();
        log_lines.clear();
        state = update(state, event, now, commands, log_lines);
        return state;
    }
    void insert(const std::string& reader = "Reader A") { send(hw::ReaderEvent{Kind::card_inserted, reader, {0x3B, 0x9F}}); }
    void remove(const std::string& reader = "Reader A") { send(hw::ReaderEvent{Kind::card_removed, reader, {}}); }
    hw::TokenSnapshot snapshot() const {
        hw::TokenSnapshot s;
        s.reader = "Reader A";
        s.serial = "1234";
        return s;
    }
    hw::Verdict verdict() const {
        hw::Verdict v;
        v.overall = hw::Overall::valid;
        v.holder = hw::Holder{"Ayşe Yılmaz", "10000000146", "100******46", true};
        return v;
    }
};

}  // namespace

TEST_CASE("a reader appearing makes the service ok", "[update]") {
    Harness h;
    CHECK(h.state.reader_service == ReaderService::ok);
    CHECK(h.state.readers == std::vector<std::string>{"Reader A"});
    CHECK(h.state.at_rest());
    CHECK_FALSE(h.state.next_deadline(h.now).has_value());  // idle at zero: nothing to wake up for
}

TEST_CASE("inserting a card starts a read and shows the token screen", "[update]") {
    Harness h;
    h.insert();
    REQUIRE(h.state.token());
    CHECK(h.state.screen == ScreenId::token);
    CHECK(h.state.token()->reading());
    REQUIRE(h.commands.size() == 1);
    const auto* read = std::get_if<ReadToken>(&h.commands[0]);
    REQUIRE(read);
    CHECK(read->card.reader == "Reader A");
    CHECK(read->generation == h.state.token()->generation);
    // The spinner threshold is the next thing to wake up for.
    CHECK(h.state.next_deadline(h.now) == h.now + kSpinnerDelay);
}

TEST_CASE("a read result for the current card fills the session", "[update]") {
    Harness h;
    h.insert();
    const auto generation = h.state.token()->generation;
    h.send(TokenReadDone{generation, h.snapshot(), h.verdict()});
    REQUIRE(h.state.token()->ready());
    CHECK(h.state.token()->ready()->verdict.holder->name == "Ayşe Yılmaz");
}

TEST_CASE("a stale read result from an earlier card is ignored", "[update]") {
    Harness h;
    h.insert();
    const auto first = h.state.token()->generation;
    h.remove();
    h.insert();
    h.send(TokenReadDone{first, h.snapshot(), h.verdict()});
    CHECK(h.state.token()->reading());
    CHECK_FALSE(h.state.token()->ready());
}

TEST_CASE("removing the card wipes everything and returns Home at once", "[update]") {
    Harness h;
    h.insert();
    h.send(TokenReadDone{h.state.token()->generation, h.snapshot(), h.verdict()});
    h.send(RevealTckn{});
    h.send(SetLanguage{Lang::en});
    h.state.session->person.tckn = "10000000146";
    h.remove();
    CHECK(h.state.screen == ScreenId::home);
    CHECK_FALSE(h.state.token());
    // The revealed TCKN, the details and the language went with the session.
    CHECK_FALSE(h.state.session);
    CHECK(h.state.lang() == Lang::tr);
    CHECK(h.state.at_rest());
}

TEST_CASE("removing the card mid-read cancels the read", "[update]") {
    Harness h;
    h.insert();
    const auto generation = h.state.token()->generation;
    h.remove();
    REQUIRE(h.commands.size() == 1);
    const auto* cancel = std::get_if<CancelTokenRead>(&h.commands[0]);
    REQUIRE(cancel);
    CHECK(cancel->generation == generation);
}

TEST_CASE("a read that ends because the card was pulled is not an error", "[update]") {
    Harness h;
    h.insert();
    h.send(TokenReadFailed{h.state.token()->generation, hw::ReadFailure::removed});
    CHECK(h.state.token()->reading());
    h.send(TokenReadFailed{h.state.token()->generation, hw::ReadFailure::unreadable});
    CHECK(h.state.token()->failed());
}

TEST_CASE("a card in another reader replaces the session", "[update]") {
    Harness h;
    h.send(hw::ReaderEvent{Kind::reader_added, "Reader B", {}});
    h.insert("Reader A");
    const auto first = h.state.token()->generation;
    h.insert("Reader B");
    CHECK(h.state.token()->reader == "Reader B");
    CHECK(h.state.token()->generation > first);
    h.remove("Reader A");  // the old card leaving does not end the new session
    CHECK(h.state.token());
}

TEST_CASE("losing the card service ends the session and says so", "[update]") {
    Harness h;
    h.insert();
    h.send(hw::ReaderEvent{Kind::service_lost, "", {}});
    CHECK(h.state.reader_service == ReaderService::unavailable);
    CHECK_FALSE(h.state.token());
    CHECK(h.state.readers.empty());
    h.send(hw::ReaderEvent{Kind::service_back, "", {}});
    CHECK(h.state.reader_service == ReaderService::ok);
}

TEST_CASE("idle: countdown shows in the last seconds, then the session is wiped", "[update][idle]") {
    Harness h;
    h.insert();
    h.send(TokenReadDone{h.state.token()->generation, h.snapshot(), h.verdict()});
    const auto start = h.now;

    h.now = start + h.state.idle.timeout - h.state.idle.countdown - 1s;
    h.send(Tick{});
    CHECK_FALSE(h.state.idle_countdown_left(h.now));
    CHECK(h.state.next_deadline(h.now) == start + h.state.idle.timeout - h.state.idle.countdown);

    h.now = start + h.state.idle.timeout - 7s;
    h.send(Tick{});
    REQUIRE(h.state.idle_countdown_left(h.now));
    CHECK(*h.state.idle_countdown_left(h.now) == 7);
    CHECK(h.state.token());

    h.now = start + h.state.idle.timeout;
    h.send(Tick{});
    CHECK_FALSE(h.state.token());
    CHECK(h.state.screen == ScreenId::home);
    // The card is still in the reader: Home points it out.
    CHECK(h.state.cards_present == std::vector<std::string>{"Reader A"});
}

TEST_CASE("update returns its log lines, nothing personal in them", "[update][log]") {
    Harness h;
    h.insert();
    h.send(TokenReadDone{h.state.token()->generation, h.snapshot(), h.verdict()});
    CHECK(h.log_lines.empty());
    h.now += h.state.idle.timeout;
    h.send(Tick{});
    REQUIRE(h.log_lines.size() == 1);
    CHECK(h.log_lines[0].severity == Severity::info);
    CHECK(h.log_lines[0].kind == "session");
    CHECK(h.log_lines[0].message == "idle timeout: session wiped");
    CHECK(h.log_lines[0].message.find("10000000146") == std::string::npos);
}

TEST_CASE("idle: a touch during the countdown keeps the session", "[update][idle]") {
    Harness h;
    h.insert();
    const auto start = h.now;
    h.now = start + h.state.idle.timeout - 3s;
    h.send(StayActive{});
    h.now = start + h.state.idle.timeout + 1s;
    h.send(Tick{});
    CHECK(h.state.token());
    CHECK_FALSE(h.state.idle_countdown_left(h.now));
}

TEST_CASE("idle: the warning gives at least 20 s and one tap extends the full time", "[update][idle]") {
    Harness h;
    CHECK(h.state.idle.countdown >= kMinIdleCountdown);
    h.insert();
    h.send(TokenReadDone{h.state.token()->generation, h.snapshot(), h.verdict()});
    const auto start = h.now;
    const auto expires = start + h.state.idle.timeout;

    // The wake-up for the warning comes while at least 20 s are left.
    const auto warning = h.state.next_deadline(h.now);
    REQUIRE(warning);
    CHECK(expires - *warning >= kMinIdleCountdown);
    h.now = *warning;
    h.send(Tick{});
    REQUIRE(h.state.idle_countdown_left(h.now));
    CHECK(*h.state.idle_countdown_left(h.now) >= 20);

    // Each second of the warning wakes the loop, up to the wipe itself.
    for (auto t = *warning; t < expires;) {
        const auto next = h.state.next_deadline(t);
        REQUIRE(next);
        CHECK(*next - t <= 1s);
        CHECK(*next > t);
        t = *next;
    }

    // One tap, with 2 s left: the whole idle time again, nothing wiped.
    h.now = expires - 2s;
    h.send(StayActive{});
    CHECK_FALSE(h.state.idle_countdown_left(h.now));
    h.now = expires - 2s + h.state.idle.timeout - h.state.idle.countdown - 1s;
    h.send(Tick{});
    REQUIRE(h.state.token());
    CHECK(h.state.token()->ready());
    CHECK_FALSE(h.state.idle_countdown_left(h.now));
    h.now = expires - 2s + h.state.idle.timeout;
    h.send(Tick{});
    CHECK_FALSE(h.state.token());
}

TEST_CASE("idle: a longer idle time from IT keeps its warning before the wipe", "[update][idle]") {
    Harness h;
    h.state.idle = IdlePolicy{std::chrono::seconds(600), std::chrono::seconds(45)};
    h.insert();
    const auto start = h.now;
    h.now = start + 500s;
    h.send(Tick{});
    CHECK(h.state.token());
    CHECK_FALSE(h.state.idle_countdown_left(h.now));
    h.now = start + 560s;
    REQUIRE(h.state.idle_countdown_left(h.now));
    CHECK(*h.state.idle_countdown_left(h.now) == 40);
    h.now = start + 600s;
    h.send(Tick{});
    CHECK_FALSE(h.state.token());
}

TEST_CASE("the voice guide and the display mode are the person's: they end with the session", "[update][access]") {
    Harness h;
    h.state.default_mode = DisplayMode::large;
    CHECK(h.state.display_mode() == DisplayMode::large);
    h.send(ToggleGuide{});
    CHECK(h.state.guide());
    CHECK_FALSE(h.state.at_rest());
    h.send(NextDisplayMode{});
    CHECK(h.state.display_mode() == DisplayMode::high_contrast);
    h.send(NextDisplayMode{});
    CHECK(h.state.display_mode() == DisplayMode::normal);
    h.now += h.state.idle.timeout;
    h.send(Tick{});
    CHECK_FALSE(h.state.guide());
    CHECK(h.state.display_mode() == DisplayMode::large);
    CHECK(h.state.at_rest());
}

TEST_CASE("idle: English at Home falls back to Turkish after the timeout", "[update][idle]") {
    Harness h;
    h.send(SetLanguage{Lang::en});
    CHECK_FALSE(h.state.at_rest());
    h.now += h.state.idle.timeout;
    h.send(Tick{});
    CHECK(h.state.lang() == Lang::tr);
    CHECK(h.state.at_rest());
}

TEST_CASE("demo panel actions become demo card commands", "[update]") {
    Harness h;
    h.send(DemoInsertCard{"expired"});
    REQUIRE(h.commands.size() == 1);
    CHECK(std::get<RunDemoCard>(h.commands[0]).profile == "expired");
    h.send(DemoRemoveCard{});
    CHECK(std::get<RunDemoCard>(h.commands[0]).profile.empty());
}

namespace {

// The verdict as the read gives it: every check passed but revocation,
// which a lookup will answer.
hw::Verdict checking_verdict() {
    hw::Verdict v;
    v.overall = hw::Overall::checking;
    v.holder = hw::Holder{"Ayşe Yılmaz", "10000000146", "100******46", true};
    hw::CertificateVerdict nes;
    nes.role = hw::CertRole::nes;
    nes.chain = hw::ChainStatus::ok;
    nes.revocation.pending = true;
    hw::PathCertificate ca;
    ca.subject = "CN=Test Issuing CA";
    ca.revocation.pending = true;
    nes.path = {ca};
    v.certificates = {nes};
    v.reasons = {{"verdict.reason.checking", {}}};
    return v;
}

const CheckRevocation* revocation_command(const std::vector<Command>& commands) {
    for (const auto& c : commands)
        if (const auto* check = std::get_if<CheckRevocation>(&c)) return check;
    return nullptr;
}

}  // namespace

TEST_CASE("every insertion asks the CA afresh, also for a card answered before", "[update][revocation]") {
    Harness h;
    for (int insertion = 0; insertion < 2; ++insertion) {
        h.insert();
        h.send(TokenReadDone{h.state.token()->generation, h.snapshot(), checking_verdict()});
        const auto* check = revocation_command(h.commands);
        REQUIRE(check);
        CHECK(check->generation == h.state.token()->generation);
        CHECK(h.state.token()->ready()->verdict.overall == hw::Overall::checking);
        REQUIRE(h.state.token()->ready()->revocation_deadline);
        CHECK(*h.state.token()->ready()->revocation_deadline == h.now + h.state.revocation_wait);
        // The loop wakes for the deadline even with nobody touching the screen.
        CHECK(h.state.next_deadline(h.now) == h.now + h.state.revocation_wait);
        auto answered = h.verdict();
        h.send(VerdictUpdated{h.state.token()->generation, answered});
        CHECK(h.state.token()->ready()->verdict.overall == hw::Overall::valid);
        CHECK_FALSE(h.state.token()->ready()->revocation_deadline);
        h.remove();
    }
}

TEST_CASE("a verdict with nothing pending (revocation off) sends no lookup", "[update][revocation]") {
    Harness h;
    h.insert();
    h.send(TokenReadDone{h.state.token()->generation, h.snapshot(), h.verdict()});
    CHECK_FALSE(revocation_command(h.commands));
    CHECK_FALSE(h.state.token()->ready()->revocation_deadline);
}

TEST_CASE("no answer by the deadline: checking turns amber (unconfirmed), a late answer still counts",
          "[update][revocation]") {
    Harness h;
    h.insert();
    const auto generation = h.state.token()->generation;
    h.send(TokenReadDone{generation, h.snapshot(), checking_verdict()});
    h.now += h.state.revocation_wait - std::chrono::milliseconds(1);
    h.send(Tick{});
    CHECK(h.state.token()->ready()->verdict.overall == hw::Overall::checking);
    h.now += std::chrono::milliseconds(1);
    h.send(Tick{});
    const hw::Verdict& late = h.state.token()->ready()->verdict;
    CHECK(late.overall == hw::Overall::unconfirmed);
    CHECK_FALSE(late.certificates[0].revocation.pending);
    CHECK(late.certificates[0].revocation.gap == hw::RevocationGap::timeout);
    CHECK(late.certificates[0].path[0].revocation.gap == hw::RevocationGap::timeout);
    CHECK(late.reasons[0].key == "verdict.reason.unconfirmed");
    CHECK_FALSE(h.state.token()->ready()->revocation_deadline);
    // The lookup finishes after all: its real answer replaces "not confirmed".
    hw::Verdict revoked = h.verdict();
    revoked.overall = hw::Overall::revoked;
    h.send(VerdictUpdated{generation, revoked});
    CHECK(h.state.token()->ready()->verdict.overall == hw::Overall::revoked);
}

TEST_CASE("an answer for a card that has left is dropped", "[update][revocation]") {
    Harness h;
    h.insert();
    const auto generation = h.state.token()->generation;
    h.send(TokenReadDone{generation, h.snapshot(), checking_verdict()});
    h.remove();
    h.insert();
    h.send(VerdictUpdated{generation, h.verdict()});
    CHECK_FALSE(h.state.token()->ready());
}

TEST_CASE("a kiosk not yet set up reads no card and opens nothing", "[update][setup]") {
    Harness h;
    h.state.site_configured = false;
    h.state.admin_policy.enabled = true;
    h.insert();
    CHECK_FALSE(h.state.session);
    CHECK(h.commands.empty());
    h.send(Action{ShowProcesses{}});
    h.send(Action{OpenAdmin{}});
    CHECK(h.state.screen == ScreenId::home);
    CHECK_FALSE(h.state.admin);
    CHECK(h.state.at_rest());
}
