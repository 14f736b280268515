#pragma once
// What one read of a token yields. Plain data shared by the reader, the
// verdict, the CLI and the screens; nothing here talks to hardware.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "hw/base/bytes.h"
#include "hw/base/token_objects.h"

namespace eimza::hw {

struct TokenSnapshot {
    std::string reader;
    Bytes atr;
    std::string card_name;     // from the ATR tables, empty when unknown
    std::string module;        // PKCS#11 module path that read it
    std::string label;         // CK_TOKEN_INFO fields, trimmed
    std::string manufacturer;
    std::string model;
    std::string serial;
    PinState pin = PinState::unknown;
    bool so_pin_locked = false;  // PUK; OpenSC 0.23 never reports it
    std::vector<CertificateObject> certificates;
};

// Why a read produced no snapshot.
enum class ReadFailure {
    removed,     // card pulled mid-read: quiet, not an error for the person
    unreadable,  // card answers garbage, times out, or has no usable token
    no_module,   // no PKCS#11 module could be loaded for this card
    // No answer within the read timeout. The reader never returns it: the
    // kiosk gives up on a read that PKCS#11 cannot abort.
    timed_out,
};

// Events the reader monitor posts from its own thread.
struct ReaderEvent {
    enum class Kind { reader_added, reader_removed, card_inserted, card_removed, service_lost, service_back };
    Kind kind;
    std::string reader;
    Bytes atr;  // card_inserted only
    // card_inserted only: pcsc-lite's count of insertions and removals in
    // this reader, so a read can tell whether the card is still the same one.
    std::uint16_t card_events = 0;
    // card_inserted only: the card did not answer its reset (pcscd says
    // present but mute), so there is no ATR and nothing to read. Still a card
    // in the reader: a person must be told, not asked to insert it.
    bool mute = false;
};

// The card a read is for, as its insertion was announced.
struct InsertedCard {
    std::string reader;
    Bytes atr;
    std::uint16_t card_events = 0;
};

const char* to_string(ReadFailure failure);

}  // namespace eimza::hw
