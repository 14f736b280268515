#pragma once
// Reads a token through PKCS#11 without ever logging in: token info, the
// PIN flags and every certificate object. Offers no login, sign, decrypt or
// PIN function at all — there is nothing here that could ask for a PIN.
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <variant>

#include "hw/token/atr_catalog.h"
#include "hw/token/scard_api.h"
#include "hw/token/token_config.h"
#include "hw/token/token_snapshot.h"

namespace eimza::hw {

class Pkcs11Library;

using ReadResult = std::variant<TokenSnapshot, ReadFailure>;

// Whether the reader still holds the card a read was started for.
enum class CardPresence { same, gone };
CardPresence card_presence(ScardApi& api, const InsertedCard& card);

// How many reads must agree before an answer is believed. A card with a bad
// contact or a confused applet answers some commands with garbage, and a
// PKCS#11 module turns a garbled directory into fewer objects without an
// error: one read could show a valid card as empty, or lose its registrar
// certificate or PIN state. Independent reads that agree rule that out; each
// read that disagreed, or failed, asks for one more agreeing read.
struct ReadAgreement {
    int needed = 2;
    // "No certificate" sends a person to a first application: only a card
    // that showed none in this many reads, none of them failed, is empty.
    int needed_when_empty = 8;
    int max_reads = 8;
    int failures_tolerated = 2;  // that many failed reads make it unreadable
    // A card pulled during a read fails it, and pcscd, which polls the
    // reader, may report it present for a moment longer: before a read is
    // called unreadable the reader is asked again after this long.
    std::chrono::milliseconds settle{500};
};

class TokenReader {
public:
    explicit TokenReader(const TokenConfig& config, std::unique_ptr<ScardApi> scard = make_pcsc_lite_api(),
                         ReadAgreement agreement = {});
    ~TokenReader();
    TokenReader(const TokenReader&) = delete;
    TokenReader& operator=(const TokenReader&) = delete;

    // Blocking; call from a worker thread. Reads are serialised.
    ReadResult read(const InsertedCard& card);

    const AtrCatalog& catalog() const { return catalog_; }

private:
    std::shared_ptr<Pkcs11Library> library_for(const std::string& path);

    AtrCatalog catalog_;
    std::unique_ptr<ScardApi> scard_;
    ReadAgreement agreement_;
    std::mutex read_mutex_;
    // Loaded once; each read initialises the module afresh (C_Initialize ..
    // C_Finalize), so nothing it kept about a card or a PC/SC connection can
    // answer for a later card, even across a pcscd restart.
    std::map<std::string, std::shared_ptr<Pkcs11Library>> libraries_;
};

// Slot descriptions are 64 bytes: a longer reader name arrives cut short.
bool slot_names_reader(const std::string& slot_description, const std::string& reader);

}  // namespace eimza::hw
