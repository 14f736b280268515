// The reader's own judgements without a card: which PKCS#11 slot is the
// reader's, and whether the card in the reader is still the one a read was
// started for.
#include <catch2/catch.hpp>

#include <cstring>

#include "hw/token/token_reader.h"

using namespace eimza::hw;

namespace {

// libccid's name for QEMU's USB CCID reader: 87 bytes, more than a slot
// description's 64.
const std::string kLongReader =
    "Gemalto Gemplus USB SmartCard Reader 433-Swap [CCID Interface] (1-0000:00:04.0-1) 00 00";

// What the reader reports now.
struct OneReader final : ScardApi {
    LONG service = SCARD_S_SUCCESS;
    DWORD state = SCARD_STATE_PRESENT;
    Bytes atr{0x3B, 0x7A, 0x18};
    std::uint16_t events = 3;

    LONG establish(SCARDCONTEXT* context) override {
        *context = 1;
        return service;
    }
    LONG release(SCARDCONTEXT) override { return SCARD_S_SUCCESS; }
    LONG list_readers(SCARDCONTEXT, std::vector<std::string>&) override { return SCARD_S_SUCCESS; }
    LONG get_status_change(SCARDCONTEXT, DWORD, SCARD_READERSTATE* states, DWORD) override {
        states[0].dwEventState = state | (static_cast<DWORD>(events) << 16);
        states[0].cbAtr = static_cast<DWORD>(atr.size());
        std::memcpy(states[0].rgbAtr, atr.data(), atr.size());
        return SCARD_S_SUCCESS;
    }
    LONG cancel(SCARDCONTEXT) override { return SCARD_S_SUCCESS; }
};

}  // namespace

TEST_CASE("a slot description names its reader, also when the name was cut to 64 bytes", "[token]") {
    CHECK(slot_names_reader("Virtual PCD 00 00", "Virtual PCD 00 00"));
    CHECK(slot_names_reader("Virtual PCD 00 00 (slot 1)", "Virtual PCD 00 00"));
    CHECK_FALSE(slot_names_reader("Virtual PCD 00 01", "Virtual PCD 00 00"));
    CHECK_FALSE(slot_names_reader("", "Virtual PCD 00 00"));
    const std::string cut = kLongReader.substr(0, 64);
    CHECK(slot_names_reader(cut, kLongReader));
    // Cut where a blank fell on the 64th byte, then trimmed like every field.
    const std::string spaced = std::string(63, 'R') + " tail of a long name";
    CHECK(slot_names_reader(std::string(63, 'R'), spaced));
    // A short description is not a cut name: it must not match a longer reader.
    CHECK_FALSE(slot_names_reader("Gemalto", kLongReader));
    CHECK_FALSE(slot_names_reader(cut, "Another reader with a name longer than sixty-four bytes, not ours 00 00"));
    // OpenSC's own cut, as QEMU's USB CCID reader shows it: 61 bytes and "...".
    const std::string qemu_reader =
        "Gemalto Gemplus USB SmartCard Reader 433-Swap [CCID Interface] (1-0000:00:05.0-1) 00 00";
    const std::string opensc_cut = "Gemalto Gemplus USB SmartCard Reader 433-Swap [CCID Interface...";
    REQUIRE(opensc_cut.size() == 64);
    CHECK(slot_names_reader(opensc_cut, qemu_reader));
    CHECK(slot_names_reader(kLongReader.substr(0, 61) + "...", kLongReader));
    CHECK_FALSE(slot_names_reader("Gemalto...", qemu_reader));
    CHECK_FALSE(slot_names_reader(opensc_cut,
                                  "Gemalto Gemplus USB SmartCard Reader 433-Swap [CCID InterfaXe] (1-0000:00:05.0-1) 00 00"));
}

TEST_CASE("the card a read was started for is still in the reader only with the same ATR and event count", "[token]") {
    OneReader api;
    const InsertedCard card{kLongReader, {0x3B, 0x7A, 0x18}, 3};
    CHECK(card_presence(api, card) == CardPresence::same);

    SECTION("pulled") {
        api.state = SCARD_STATE_EMPTY;
        CHECK(card_presence(api, card) == CardPresence::gone);
    }
    SECTION("mute") {
        api.state = SCARD_STATE_PRESENT | SCARD_STATE_MUTE;
        CHECK(card_presence(api, card) == CardPresence::gone);
    }
    SECTION("another card") {
        api.atr = {0x3B, 0x9F};
        CHECK(card_presence(api, card) == CardPresence::gone);
    }
    SECTION("pulled and put back (or another card with the same ATR)") {
        api.events = 5;
        CHECK(card_presence(api, card) == CardPresence::gone);
    }
    SECTION("the PC/SC service is gone") {
        api.service = SCARD_E_NO_SERVICE;
        CHECK(card_presence(api, card) == CardPresence::gone);
    }
}
