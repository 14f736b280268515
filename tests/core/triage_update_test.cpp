// The reader triage through update(): every code from the events that lead
// to it, the bus asked when no reader is listed and again while none is,
// and nothing read from a card that did not answer.
#include <catch2/catch.hpp>

#include "kiosk/model/update.h"

using namespace eimza;
using namespace std::chrono_literals;
using Kind = hw::ReaderEvent::Kind;

namespace {

struct Kiosk {
    State state;
    TimePoint now = TimePoint{} + 1000s;
    std::vector<Command> commands;
    std::vector<LogLine> log_lines;

    Kiosk() { state.last_activity = now; }
    void send(const Event& event) {
        commands.clear();
        state = update(state, event, now, commands, log_lines);
    }
    template <typename T>
    int commanded() const {
        return static_cast<int>(std::count_if(commands.begin(), commands.end(),
                                              [](const Command& c) { return std::holds_alternative<T>(c); }));
    }
    std::optional<hw::TriageCode> code() const {
        const auto triage = reader_triage(state);
        return triage ? std::optional(triage->code) : std::nullopt;
    }
};

hw::ReaderScan bus(std::vector<hw::UsbReader> usb) {
    hw::ReaderScan scan;
    scan.drivers = {{"ifd-ccid.bundle", 1129}};
    scan.usb = std::move(usb);
    return scan;
}

const hw::UsbReader kSupported{"1-1", 0x08E6, 0x4433, "USB SmartCard Reader", true, "ifd-ccid.bundle"};
const hw::UsbReader kUnsupported{"1-2", 0x0A5C, 0x5834, "5880", true, ""};

}  // namespace

TEST_CASE("triage: nothing is known before pcscd has been heard from", "[update][triage]") {
    Kiosk k;
    CHECK_FALSE(k.code());
    CHECK_FALSE(k.state.next_deadline(k.now));
}

TEST_CASE("triage: no reader listed asks the bus, whose answer tells R01 from R02", "[update][triage]") {
    Kiosk k;
    k.send(hw::ReaderEvent{Kind::service_back, {}, {}});
    CHECK(k.commanded<ScanReaders>() == 1);
    CHECK(k.state.reader_scan.running);
    CHECK_FALSE(k.code());  // Home says it is checking, not "insert your card"

    k.send(ReadersScanned{bus({})});
    CHECK(k.code() == hw::TriageCode::no_usb_reader);
    // No reader: the bus is looked at again, since plugging in a reader no
    // driver takes tells PC/SC nothing.
    CHECK(k.state.next_deadline(k.now) == k.now + kReaderRescan);
    k.now += 1s;
    k.send(Tick{});
    CHECK(k.commanded<ScanReaders>() == 0);
    k.now += kReaderRescan;
    k.send(Tick{});
    CHECK(k.commanded<ScanReaders>() == 1);
    CHECK_FALSE(k.state.next_deadline(k.now));  // the answer wakes the loop, not a timer
    k.send(Tick{});
    CHECK(k.commanded<ScanReaders>() == 0);  // one look at a time
    CHECK(k.code() == hw::TriageCode::no_usb_reader);  // the last answer holds meanwhile

    k.send(ReadersScanned{bus({kUnsupported})});
    CHECK(k.code() == hw::TriageCode::unsupported_reader);
    CHECK(reader_triage(k.state)->detail.find("0a5c:5834") != std::string::npos);
}

TEST_CASE("triage: pcscd lost with a supported reader on the bus is R03; back with a reader, R04", "[update][triage]") {
    Kiosk k;
    k.send(hw::ReaderEvent{Kind::service_back, {}, {}});
    k.send(hw::ReaderEvent{Kind::reader_added, "Reader A", {}});
    CHECK(k.code() == hw::TriageCode::no_card);
    k.send(ReadersScanned{bus({kSupported})});  // the scan asked at service_back

    // pcscd dies: the monitor forgets the reader, then reports the loss.
    k.send(hw::ReaderEvent{Kind::reader_removed, "Reader A", {}});
    CHECK(k.commanded<ScanReaders>() == 1);
    k.send(hw::ReaderEvent{Kind::service_lost, {}, {}});
    CHECK(k.commanded<ScanReaders>() == 0);  // already asked
    CHECK_FALSE(k.code());  // what the bus showed with a reader listed is no answer now
    k.send(ReadersScanned{bus({kSupported})});
    CHECK(k.code() == hw::TriageCode::service_down);

    k.send(hw::ReaderEvent{Kind::service_back, {}, {}});
    k.send(hw::ReaderEvent{Kind::reader_added, "Reader A", {}});
    CHECK(k.code() == hw::TriageCode::no_card);
    CHECK_FALSE(k.state.next_deadline(k.now));  // at rest again: nothing to wake up for
    k.now += 10 * kReaderRescan;
    k.send(Tick{});
    CHECK(k.commanded<ScanReaders>() == 0);
}

TEST_CASE("triage: pcscd answering without listing a reader it supports is R03 only on a second look",
          "[update][triage]") {
    Kiosk k;
    k.send(hw::ReaderEvent{Kind::service_back, {}, {}});
    k.send(ReadersScanned{bus({kSupported})});
    CHECK_FALSE(k.code());  // pcscd may be taking it up right now
    k.now += kReaderRescan;
    k.send(Tick{});
    CHECK(k.commanded<ScanReaders>() == 1);
    k.send(ReadersScanned{bus({kSupported})});
    REQUIRE(k.code() == hw::TriageCode::service_down);
    CHECK(reader_triage(k.state)->detail.find("lists no reader") != std::string::npos);
    // It turns up after all.
    k.send(hw::ReaderEvent{Kind::reader_added, "USB SmartCard Reader 00 00", {}});
    CHECK(k.code() == hw::TriageCode::no_card);
}

TEST_CASE("triage: unplugging the last reader asks the bus", "[update][triage]") {
    Kiosk k;
    k.send(hw::ReaderEvent{Kind::reader_added, "Reader A", {}});
    k.send(hw::ReaderEvent{Kind::reader_added, "Reader B", {}});
    k.send(hw::ReaderEvent{Kind::reader_removed, "Reader A", {}});
    CHECK(k.commanded<ScanReaders>() == 0);
    CHECK(k.code() == hw::TriageCode::no_card);
    k.send(hw::ReaderEvent{Kind::reader_removed, "Reader B", {}});
    CHECK(k.commanded<ScanReaders>() == 1);
    k.send(ReadersScanned{bus({})});
    CHECK(k.code() == hw::TriageCode::no_usb_reader);
}

TEST_CASE("triage: a card that stays mute is shown as R05 and nothing is read", "[update][triage]") {
    Kiosk k;
    k.send(hw::ReaderEvent{Kind::reader_added, "Reader A", {}});
    hw::ReaderEvent mute{Kind::card_inserted, "Reader A", {}, 1};
    mute.mute = true;
    k.send(mute);
    CHECK(k.commanded<ReadToken>() == 0);
    REQUIRE(k.state.token());
    CHECK(k.state.screen == ScreenId::token);
    CHECK(k.state.token()->reading());  // the spinner, for now
    CHECK(k.code() == hw::TriageCode::ok);
    k.now += kSpinnerDelay;
    k.send(Tick{});
    CHECK(k.state.next_deadline(k.now) == k.state.token()->inserted_at + kMuteGrace);
    k.now = k.state.token()->inserted_at + kMuteGrace;
    k.send(Tick{});
    CHECK(k.state.token()->failed());
    CHECK(k.code() == hw::TriageCode::unknown_card);
    REQUIRE(k.state.last_card);
    CHECK(k.state.last_card->outcome == "mute");
    CHECK(k.state.last_card->triage->code == hw::TriageCode::unknown_card);
    k.send(hw::ReaderEvent{Kind::card_removed, "Reader A", {}});
    CHECK(k.state.screen == ScreenId::home);
    CHECK(k.code() == hw::TriageCode::no_card);
}

TEST_CASE("triage: a card pulled while pcscd resets it reads mute for a moment, and is no failure", "[update][triage]") {
    Kiosk k;
    k.send(hw::ReaderEvent{Kind::reader_added, "Reader A", {}});
    hw::ReaderEvent mute{Kind::card_inserted, "Reader A", {}, 1};
    mute.mute = true;
    k.send(mute);
    k.now += kMuteGrace / 2;
    k.send(Tick{});
    k.send(hw::ReaderEvent{Kind::card_removed, "Reader A", {}});
    CHECK(k.commanded<CancelTokenRead>() == 1);  // harmless: nothing was asked
    CHECK_FALSE(k.state.last_card);
    CHECK(k.code() == hw::TriageCode::no_card);
}

TEST_CASE("triage: a failed read carries its code to the token screen (R05..R08)", "[update][triage]") {
    Kiosk k;
    k.send(hw::ReaderEvent{Kind::reader_added, "Reader A", {}});
    const std::pair<hw::ReadFailure, hw::Triage> cases[] = {
        {hw::ReadFailure::unreadable, {hw::TriageCode::unknown_card, "ATR 3B00 is in neither"}},
        {hw::ReadFailure::unreadable, {hw::TriageCode::module_missing, "needs /usr/lib/libakisp11.so"}},
        {hw::ReadFailure::unreadable, {hw::TriageCode::token_not_recognised, "no token"}},
        {hw::ReadFailure::timed_out, {hw::TriageCode::read_timed_out, "no answer within 8000 ms"}},
    };
    for (const auto& [failure, triage] : cases) {
        k.send(hw::ReaderEvent{Kind::card_inserted, "Reader A", {0x3B, 0x00}});
        CHECK(k.code() == hw::TriageCode::ok);  // being read
        k.send(TokenReadFailed{k.state.token()->generation, failure, triage});
        CHECK(k.state.screen == ScreenId::token);
        CHECK(reader_triage(k.state) == triage);
        CHECK(k.state.last_card->triage == triage);
        CHECK(k.state.last_card->outcome == hw::to_string(failure));
        k.send(hw::ReaderEvent{Kind::card_removed, "Reader A", {}});
        CHECK(k.code() == hw::TriageCode::no_card);
    }
}

TEST_CASE("triage: a failure reported without a triage still gets its kind's code", "[update][triage]") {
    Kiosk k;
    k.send(hw::ReaderEvent{Kind::reader_added, "Reader A", {}});
    const std::pair<hw::ReadFailure, hw::TriageCode> cases[] = {
        {hw::ReadFailure::unreadable, hw::TriageCode::token_not_recognised},
        {hw::ReadFailure::no_module, hw::TriageCode::module_missing},
        {hw::ReadFailure::timed_out, hw::TriageCode::read_timed_out},
    };
    for (const auto& [failure, code] : cases) {
        k.send(hw::ReaderEvent{Kind::card_inserted, "Reader A", {0x3B, 0x00}});
        k.send(TokenReadFailed{k.state.token()->generation, failure});
        CHECK(k.code() == code);
    }
}

TEST_CASE("triage: a card left in the reader after the session is no reader problem", "[update][triage]") {
    Kiosk k;
    k.send(hw::ReaderEvent{Kind::reader_added, "Reader A", {}});
    k.send(hw::ReaderEvent{Kind::card_inserted, "Reader A", {0x3B, 0x00}});
    k.send(TokenReadFailed{k.state.token()->generation, hw::ReadFailure::unreadable});
    k.now += k.state.idle.timeout + 1s;
    k.send(Tick{});
    CHECK_FALSE(k.state.token());
    CHECK(k.state.cards_present == std::vector<std::string>{"Reader A"});
    CHECK(k.code() == hw::TriageCode::ok);
}
