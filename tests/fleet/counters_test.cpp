// The anonymous counters: counted from real update() transitions, saved and
// loaded across restarts, tolerant of a missing or corrupt file.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>

#include "kiosk/model/update.h"
#include "kiosk/fleet/counters.h"

using namespace eimza;
using namespace std::chrono_literals;
using Kind = hw::ReaderEvent::Kind;

namespace {

std::shared_ptr<const content::Content> shipped() {
    static const auto content = [] {
        std::vector<content::Problem> problems;
        auto loaded = content::load_content(std::filesystem::path(EIMZA_SOURCE_DIR) / "assets" / "content", problems);
        return std::make_shared<const content::Content>(std::move(loaded));
    }();
    return content;
}

// The kiosk's loop in miniature: update(), then count the transition, as
// FleetReporting::after_update does.
struct Kiosk {
    State state;
    TimePoint now = TimePoint{} + 1000s;
    std::vector<Command> commands;
    std::vector<LogLine> log_lines;
    fleet::Counters counters;
    fleet::Observed last;

    Kiosk() {
        state.content = shipped();
        state.last_activity = now;
        send(hw::ReaderEvent{Kind::reader_added, "Reader A", {}});
    }
    void send(const Event& event) {
        commands.clear();
        state = update(state, event, now, commands, log_lines);
        const auto observed = fleet::observe(state);
        fleet::count(counters, last, observed, event);
        last = observed;
    }
    void insert() { send(hw::ReaderEvent{Kind::card_inserted, "Reader A", {0x3B}}); }
    void remove() { send(hw::ReaderEvent{Kind::card_removed, "Reader A", {}}); }
    void read(hw::Overall overall, bool pending) {
        hw::Verdict v;
        v.overall = overall;
        v.holder = hw::Holder{"Ayşe Yılmaz", "10000000146", "100******46", true};
        hw::CertificateVerdict nes;
        nes.role = hw::CertRole::nes;
        nes.revocation.pending = pending;
        v.certificates.push_back(nes);
        send(TokenReadDone{state.token()->generation, hw::TokenSnapshot{}, v});
    }
    void answer(hw::Overall overall) {
        hw::Verdict v;
        v.overall = overall;
        v.certificates.push_back(hw::CertificateVerdict{});
        send(VerdictUpdated{state.token()->generation, v});
    }
};

std::filesystem::path temporary_dir() {
    char pattern[] = "/tmp/eimza-counters-test.XXXXXX";
    REQUIRE(mkdtemp(pattern));
    return pattern;
}

}  // namespace

TEST_CASE("a card session: one session, one verdict once the revocation answer is in", "[fleet]") {
    Kiosk k;
    CHECK(k.counters.sessions == 0);
    k.insert();
    CHECK(k.counters.sessions == 1);
    k.read(hw::Overall::valid, true);
    CHECK(k.counters.verdict(hw::Overall::valid) == 0);  // OCSP may still say revoked
    k.answer(hw::Overall::revoked);
    CHECK(k.counters.verdict(hw::Overall::revoked) == 1);
    CHECK(k.counters.verdict(hw::Overall::valid) == 0);
    k.send(Action{RevealTckn{}});
    k.send(Tick{});
    k.remove();
    CHECK(k.counters.sessions == 1);
    CHECK(k.counters.verdict(hw::Overall::revoked) == 1);
    k.insert();
    k.read(hw::Overall::pin_blocked, false);  // nothing to ask the CA: settled at once
    CHECK(k.counters.sessions == 2);
    CHECK(k.counters.verdict(hw::Overall::pin_blocked) == 1);
}

TEST_CASE("a card pulled before the revocation answer counts its verdict as it stood", "[fleet]") {
    Kiosk k;
    k.insert();
    k.read(hw::Overall::renew_soon, true);
    k.remove();
    CHECK(k.counters.verdict(hw::Overall::renew_soon) == 1);
    k.insert();
    k.read(hw::Overall::expired, true);
    k.insert();  // a new card in its place ends the first session too
    CHECK(k.counters.verdict(hw::Overall::expired) == 1);
    CHECK(k.counters.sessions == 2);
}

TEST_CASE("read failures count once; a card pulled mid-read is not one", "[fleet]") {
    Kiosk k;
    k.insert();
    k.send(TokenReadFailed{k.state.token()->generation, hw::ReadFailure::unreadable});
    k.send(Tick{});
    CHECK(k.counters.card_read_failures == 1);
    k.remove();
    k.insert();
    k.send(TokenReadFailed{k.state.token()->generation, hw::ReadFailure::removed});
    k.remove();
    CHECK(k.counters.card_read_failures == 1);
    CHECK(k.counters.verdicts == decltype(k.counters.verdicts){});
}

TEST_CASE("read failures count by their triage code too", "[fleet][triage]") {
    Kiosk k;
    k.insert();
    k.send(TokenReadFailed{k.state.token()->generation, hw::ReadFailure::unreadable,
                           {hw::TriageCode::module_missing, "needs akisp11"}});
    k.send(Tick{});
    k.remove();
    k.insert();
    k.send(TokenReadFailed{k.state.token()->generation, hw::ReadFailure::timed_out});
    k.remove();
    hw::ReaderEvent mute{Kind::card_inserted, "Reader A", {}, 1};
    mute.mute = true;
    k.send(mute);
    k.now += kMuteGrace;
    k.send(Tick{});
    k.remove();
    CHECK(k.counters.card_read_failures == 3);
    CHECK(k.counters.read_failures(hw::TriageCode::module_missing) == 1);
    CHECK(k.counters.read_failures(hw::TriageCode::read_timed_out) == 1);
    CHECK(k.counters.read_failures(hw::TriageCode::unknown_card) == 1);
    CHECK(k.counters.read_failures(hw::TriageCode::token_not_recognised) == 0);
    // What Home shows of the reader chain is state, not a count.
    k.send(hw::ReaderEvent{Kind::reader_removed, "Reader A", {}});
    k.send(ReadersScanned{});
    CHECK(k.last.triage == hw::TriageCode::no_usb_reader);
    CHECK(k.counters.card_read_failures == 3);
}

TEST_CASE("processes: started when opened, finished when left from the last step", "[fleet]") {
    Kiosk k;
    k.send(Action{ShowProcesses{}});
    CHECK(k.counters.sessions == 1);
    k.send(Action{OpenProcess{"card_reader"}});
    CHECK(k.counters.processes_started["card_reader"] == 1);
    k.send(Action{GoHome{}});  // left on the first step: not finished
    CHECK(k.counters.processes_finished["card_reader"] == 0);

    k.send(Action{ShowProcesses{}});
    k.send(Action{OpenProcess{"pin_puk_block"}});
    k.send(Action{ProcessAnswer{1}});  // not revoked yet (no card: asked)
    k.send(Action{ProcessAnswer{1}});  // the PUK is blocked too
    for (int i = 0; i < 5; ++i) k.send(Action{ProcessNext{}});
    k.send(Action{ProcessAnswer{1}});  // no valid NES: the wet-signature route
    REQUIRE(k.state.session->process->path.back() == "wet");
    CHECK(k.counters.processes_finished["pin_puk_block"] == 0);
    k.send(Action{GoHome{}});  // Finish
    CHECK(k.counters.processes_started["pin_puk_block"] == 1);
    CHECK(k.counters.processes_finished["pin_puk_block"] == 1);
    CHECK(k.counters.sessions == 2);
}

TEST_CASE("processes: finished once their papers were printed, whichever step printed them", "[fleet]") {
    Kiosk k;
    k.send(Action{ShowProcesses{}});
    k.send(Action{OpenProcess{"registrar_renewal"}});
    REQUIRE_FALSE(fleet::observe(k.state).on_last_step);
    k.state.session->printing = PrintStatus{PrintStatus::Stage::printing, "", ""};
    k.send(PrintFinished{false, "out_of_paper", 0, ""});
    k.send(Action{GoHome{}});  // gave up after the fault: not finished
    CHECK(k.counters.processes_finished["registrar_renewal"] == 0);

    k.send(Action{ShowProcesses{}});
    k.send(Action{OpenProcess{"registrar_renewal"}});
    k.state.session->printing = PrintStatus{PrintStatus::Stage::printing, "", ""};
    k.send(PrintFinished{true, "completed", 2, ""});
    k.send(Action{GoHome{}});
    CHECK(k.counters.processes_finished["registrar_renewal"] == 1);
}

TEST_CASE("printing: pages and failures, even when the session has ended", "[fleet]") {
    Kiosk k;
    k.send(PrintFinished{true, "completed", 4, ""});
    k.send(PrintFinished{false, "out_of_paper", 2, ""});  // two pages came out before the paper ran out
    k.send(PrintFinished{false, "no_printer", 0, ""});
    CHECK(k.counters.pages_printed == 6);
    CHECK(k.counters.print_failures == 2);
}

TEST_CASE("the counters file: round trip, unknown names skipped, corrupt refused", "[fleet]") {
    fleet::Counters c;
    c.sessions = 12;
    c.verdicts[static_cast<std::size_t>(hw::Overall::unreadable)] = 3;
    c.processes_started["renewal"] = 5;
    c.processes_finished["renewal"] = 4;
    c.pages_printed = 18446744073709551615ULL;
    c.print_failures = 2;
    c.card_read_failures = 1;
    c.card_read_failures_by_code[static_cast<std::size_t>(hw::TriageCode::module_missing)] = 1;
    const auto text = fleet::serialize(c);
    CHECK(text.find("verdict.unreadable 3\n") != std::string::npos);
    CHECK(text.find("card_read_failure.module_missing 1\n") != std::string::npos);
    CHECK(text.find("card_read_failure.unknown_card 0\n") != std::string::npos);
    const auto back = fleet::parse_counters(text);
    REQUIRE(back);
    CHECK(*back == c);

    CHECK(fleet::parse_counters("sessions 3\nsomething_new 7\nverdict.maybe 2\n")->sessions == 3);
    CHECK(fleet::parse_counters("") == fleet::Counters{});
    for (const char* corrupt : {"sessions\n", "sessions -1\n", "sessions 12x\n", "sessions 99999999999999999999\n",
                                "Sessions 1\n", "sessions  1\n", "\x01\x02 3\n", "sessions 1.5\n"})
        CHECK_FALSE(fleet::parse_counters(corrupt));
}

TEST_CASE("counters survive a restart; a corrupt or missing file starts at zero", "[fleet]") {
    const auto dir = temporary_dir();
    CHECK(fleet::load_counters(dir) == fleet::Counters{});  // first start
    fleet::Counters c;
    c.sessions = 7;
    c.processes_started["lost_stolen"] = 2;
    std::string error;
    REQUIRE(fleet::save_counters(dir, c, error));
    CHECK(fleet::load_counters(dir) == c);
    struct stat st {};
    REQUIRE(stat((dir / "counters").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0644);
    CHECK_FALSE(std::filesystem::exists(dir / "counters.tmp"));

    std::ofstream(dir / "counters") << "sessions 7\nverdict.valid \xff\n";
    CHECK(fleet::load_counters(dir) == fleet::Counters{});

    CHECK_FALSE(fleet::save_counters(dir / "missing", c, error));
    CHECK(error.find("missing") != std::string::npos);
    std::filesystem::remove_all(dir);
}
