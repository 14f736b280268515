// The person's session ends by construction: everything personal lives in
// State::session, every end drops it, and the details' bytes are overwritten
// as they go. No window, no hardware.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <iterator>
#include <new>

#include "kiosk/model/person_form.h"
#include "kiosk/model/update.h"

using namespace eimza;
using namespace std::chrono_literals;
using Kind = hw::ReaderEvent::Kind;

namespace {

constexpr const char* kTckn = "10000000146";

Person everything_typed() {
    Person person;
    for (int i = 0; i < static_cast<int>(person_fields().size()); ++i) field_value(person, i) = "x";
    person.tckn = kTckn;
    person.first_name = "Ayşe";
    person.address = "Kızılay Mahallesi Atatürk Bulvarı Numara 5 Çankaya Ankara";
    person.role = PersonRole::registrar;
    return person;
}

struct Kiosk {
    State state;
    TimePoint now = TimePoint{} + 1000s;
    std::vector<Command> commands;
    std::vector<LogLine> log_lines;

    Kiosk() {
        state.last_activity = now;
        send(hw::ReaderEvent{Kind::reader_added, "Reader A", {}});
        send(hw::ReaderEvent{Kind::reader_added, "Reader B", {}});
    }
    void send(const Event& event) {
        commands.clear();
        state = update(state, event, now, commands, log_lines);
    }
    // A card read, its TCKN shown, English chosen, a process under way,
    // every detail typed and a print that failed: all a visit can hold.
    void full_visit() {
        send(hw::ReaderEvent{Kind::card_inserted, "Reader A", {0x3B, 0x9F}});
        hw::TokenSnapshot snapshot;
        snapshot.reader = "Reader A";
        snapshot.serial = "1234";
        hw::Verdict verdict;
        verdict.overall = hw::Overall::valid;
        verdict.holder = hw::Holder{"Ayşe Yılmaz", kTckn, "100******46", true};
        send(TokenReadDone{state.token()->generation, snapshot, verdict});
        send(RevealTckn{});
        send(SetLanguage{Lang::en});
        Session& session = *state.session;
        session.process = ProcessSession{"renewal", {"role", "fp_pay"}, PersonRole::family_physician};
        session.person = everything_typed();
        session.form = FormState{3, true};
        session.printing = PrintStatus{PrintStatus::Stage::failed, "out_of_paper", ""};
        state.screen = ScreenId::details;
    }
    // Nothing of the visit is left; what remains is the kiosk's own view.
    void check_at_rest() {
        CHECK_FALSE(state.session);
        CHECK_FALSE(state.admin);
        CHECK(state.screen == ScreenId::home);
        CHECK(state.lang() == state.default_lang);
        CHECK(state.at_rest());
        CHECK_FALSE(state.idle_countdown_left(now + 24h));
    }
};

}  // namespace

TEST_CASE("every end of a visit leaves the kiosk at rest with nothing of the person", "[update][session]") {
    Kiosk k;
    k.full_visit();
    REQUIRE(k.state.session);
    CHECK_FALSE(k.state.at_rest());

    SECTION("card removed") { k.send(hw::ReaderEvent{Kind::card_removed, "Reader A", {}}); }
    SECTION("idle timeout") {
        k.now += k.state.idle.timeout;
        k.send(Tick{});
    }
    SECTION("Home") { k.send(GoHome{}); }
    SECTION("reader unplugged") { k.send(hw::ReaderEvent{Kind::reader_removed, "Reader A", {}}); }
    SECTION("card service lost") { k.send(hw::ReaderEvent{Kind::service_lost, "", {}}); }
    SECTION("another card: its session starts from nothing") {
        k.send(hw::ReaderEvent{Kind::card_inserted, "Reader B", {0x3B}});
        REQUIRE(k.state.session);
        CHECK(k.state.session->person == Person{});
        CHECK_FALSE(k.state.session->tckn_revealed);
        CHECK_FALSE(k.state.session->process);
        CHECK_FALSE(k.state.session->printing);
        CHECK(k.state.lang() == k.state.default_lang);
        CHECK(k.state.token()->reader == "Reader B");
        k.send(hw::ReaderEvent{Kind::card_removed, "Reader B", {}});
    }
    k.check_at_rest();
    // What is kept for IT names the card, never its holder.
    REQUIRE(k.state.last_card);
    CHECK(k.state.last_card->outcome == "read");
}

TEST_CASE("details typed without a card are wiped at the idle timeout", "[update][session][idle]") {
    Kiosk k;
    open_session(k.state).person.institution = "Ankara Şehir Hastanesi";
    CHECK_FALSE(k.state.at_rest());
    k.now += k.state.idle.timeout;
    k.send(Tick{});
    k.check_at_rest();
}

TEST_CASE("a print that came out wipes every detail and keeps the visit", "[update][session][print]") {
    Kiosk k;
    k.full_visit();
    k.state.session->printing = PrintStatus{};
    k.send(PrintFinished{true, "completed", 3, ""});
    REQUIRE(k.state.session);
    CHECK(k.state.session->person == Person{});
    CHECK(k.state.session->printing->stage == PrintStatus::Stage::done);
}

TEST_CASE("wiping a person clears every field of the form", "[session][form]") {
    CHECK(person_fields().size() == std::size(kPersonTexts));
    Person person = everything_typed();
    for (int i = 0; i < static_cast<int>(person_fields().size()); ++i) CHECK_FALSE(field_value(person, i).empty());
    wipe(person);
    CHECK(person == Person{});
}

TEST_CASE("a session's details are overwritten when it is dropped, not just freed", "[session]") {
    // The TCKN is short enough to live inside the string object itself, so
    // the bytes can be looked at after the session is gone.
    alignas(Session) unsigned char storage[sizeof(Session)];
    auto* session = new (storage) Session(Lang::tr);
    session->person.tckn = kTckn;
    const auto contains_tckn = [&] {
        return std::search(std::begin(storage), std::end(storage), kTckn, kTckn + std::strlen(kTckn)) != std::end(storage);
    };
    REQUIRE(contains_tckn());
    session->~Session();
    CHECK_FALSE(contains_tckn());
}
