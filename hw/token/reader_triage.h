#pragma once
// Why no card can be read, told link by link in the order the chain breaks:
// a USB reader, a driver that takes it, pcscd, a reader listed, a card in
// it, an ATR we know, the PKCS#11 module for it, a token the module reads,
// an answer in time. Each link has a stable code, R01..R08, shared by the
// person's screen, the journal, the metrics and docs/reader-triage.md, so
// that what a person reads out at the desk is what IT looks up.
//
// The kiosk decides when to look and the screens what to say; this only
// reads the bus and the drivers' lists and names what it found. The details
// are for IT: USB IDs, paths, ATRs and module names, never anything a card
// holds (a USB serial number is not read either).
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "hw/token/atr_catalog.h"
#include "hw/token/token_snapshot.h"

namespace eimza::hw {

enum class TriageCode {
    ok,                    // a card is in and was read, or is being read
    no_usb_reader,         // R01
    unsupported_reader,    // R02
    service_down,          // R03
    no_card,               // R04: the resting state, a reader waits for a card
    unknown_card,          // R05
    module_missing,        // R06
    token_not_recognised,  // R07
    read_timed_out,        // R08
};

inline constexpr TriageCode kTriageCodes[] = {
    TriageCode::ok,           TriageCode::no_usb_reader,  TriageCode::unsupported_reader,
    TriageCode::service_down, TriageCode::no_card,        TriageCode::unknown_card,
    TriageCode::module_missing, TriageCode::token_not_recognised, TriageCode::read_timed_out};

// "R01".."R08", or "ok".
const char* triage_code(TriageCode code);
// A stable word for labels and logs: "no_usb_reader", …
const char* triage_name(TriageCode code);
// Whether the code says something is wrong (not ok, not R04).
bool triage_failure(TriageCode code);
// The codes a card's failed read can end in (R05..R08).
bool triage_card_failure(TriageCode code);

struct Triage {
    TriageCode code = TriageCode::ok;
    std::string detail;  // what was found where, in no language: for the journal only (screens word the code)
    bool operator==(const Triage&) const = default;
};

// A USB device that is a smart-card reader by its class, or that a driver
// lists by its IDs.
struct UsbReader {
    std::string port;  // its sysfs name, e.g. "1-1.2"
    std::uint16_t vendor = 0;
    std::uint16_t product = 0;
    std::string name;         // the device's product string, when it has one
    bool smart_card_class = false;  // an interface of class 0x0B
    std::string driver;       // the bundle whose Info.plist lists its IDs; empty when none does
    bool operator==(const UsbReader&) const = default;
};

struct DriverBundle {
    std::string name;  // e.g. "ifd-ccid.bundle"
    std::size_t ids = 0;
    bool operator==(const DriverBundle&) const = default;
};

// What the machine shows of its readers outside PC/SC.
struct ReaderScan {
    std::vector<UsbReader> usb;
    std::vector<DriverBundle> drivers;
    // Readers pcscd serves without USB (serial, virtual), from reader.conf.d.
    std::vector<std::string> configured;
    bool pcscd_socket = false;
    bool operator==(const ReaderScan&) const = default;
};

// Where to look; tests point these at a fake tree.
struct TriagePaths {
    std::filesystem::path usb_devices = "/sys/bus/usb/devices";
    std::filesystem::path drivers = "/usr/lib/pcsc/drivers";
    std::filesystem::path reader_conf = "/etc/reader.conf.d";
    std::filesystem::path pcscd_socket = "/run/pcscd/pcscd.comm";
};

// Reads sysfs, the drivers' Info.plist files and reader.conf.d: a few
// milliseconds of file reads, so off the UI thread.
ReaderScan scan_readers(const TriagePaths& paths = {});

// The (vendor, product) pairs one driver's Info.plist lists, as pcscd reads
// them: the ifdVendorID and ifdProductID arrays, index by index.
std::vector<std::pair<std::uint16_t, std::uint16_t>> listed_devices(const std::filesystem::path& info_plist);

// The reader chain while no card is in: R04 when PC/SC lists a reader,
// else the first broken link of R01 (no device), R02 (no driver takes it),
// R03 (pcscd does not answer, or answers without taking up the reader).
Triage triage_readers(bool service_answers, const std::vector<std::string>& readers, const ReaderScan& scan,
                      const TriagePaths& paths = {});

// A card that did not answer its reset: pcscd reports it present but mute.
Triage triage_mute_card(const std::string& reader);

// Why a read failed (R05..R08), from what the catalogue knows of the ATR.
// removed is no failure and gives ok.
Triage triage_read_failure(ReadFailure failure, const Bytes& atr, const AtrCatalog& catalog, int timeout_ms = 0);

}  // namespace eimza::hw
