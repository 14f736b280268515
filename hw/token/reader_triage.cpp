// The triage's codes and its judgement of what was seen; pure (the looking
// at the machine is in reader_scan.cpp).
#include "hw/token/reader_triage.h"

#include <cstdio>

namespace eimza::hw {

const char* triage_code(TriageCode code) {
    switch (code) {
        case TriageCode::ok: return "ok";
        case TriageCode::no_usb_reader: return "R01";
        case TriageCode::unsupported_reader: return "R02";
        case TriageCode::service_down: return "R03";
        case TriageCode::no_card: return "R04";
        case TriageCode::unknown_card: return "R05";
        case TriageCode::module_missing: return "R06";
        case TriageCode::token_not_recognised: return "R07";
        case TriageCode::read_timed_out: return "R08";
    }
    return "ok";
}

const char* triage_name(TriageCode code) {
    switch (code) {
        case TriageCode::ok: return "ok";
        case TriageCode::no_usb_reader: return "no_usb_reader";
        case TriageCode::unsupported_reader: return "unsupported_reader";
        case TriageCode::service_down: return "service_down";
        case TriageCode::no_card: return "no_card";
        case TriageCode::unknown_card: return "unknown_card";
        case TriageCode::module_missing: return "module_missing";
        case TriageCode::token_not_recognised: return "token_not_recognised";
        case TriageCode::read_timed_out: return "read_timed_out";
    }
    return "ok";
}

bool triage_failure(TriageCode code) { return code != TriageCode::ok && code != TriageCode::no_card; }

bool triage_card_failure(TriageCode code) {
    return code == TriageCode::unknown_card || code == TriageCode::module_missing ||
           code == TriageCode::token_not_recognised || code == TriageCode::read_timed_out;
}

namespace {

std::string usb_id(std::uint16_t vendor, std::uint16_t product) {
    char text[16];
    std::snprintf(text, sizeof text, "%04x:%04x", vendor, product);
    return text;
}

std::string describe(const UsbReader& reader) {
    std::string text = "USB " + reader.port + " " + usb_id(reader.vendor, reader.product);
    if (!reader.name.empty()) text += " \"" + reader.name + "\"";
    if (reader.smart_card_class) text += " (class 0x0B)";
    return text;
}

std::string describe_drivers(const ReaderScan& scan) {
    if (scan.drivers.empty()) return "none";
    std::string text;
    for (const auto& d : scan.drivers) {
        if (!text.empty()) text += ", ";
        text += d.name + ": " + std::to_string(d.ids) + " IDs";
    }
    return text;
}

std::string joined(const std::vector<std::string>& items) {
    std::string text;
    for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
    return text;
}

}  // namespace

Triage triage_readers(bool service_answers, const std::vector<std::string>& readers, const ReaderScan& scan,
                      const TriagePaths& paths) {
    if (service_answers && !readers.empty()) return {TriageCode::no_card, "waiting for a card in " + joined(readers)};

    std::vector<std::string> supported, unsupported;
    for (const auto& reader : scan.usb) {
        if (reader.driver.empty()) unsupported.push_back(describe(reader));
        else supported.push_back(describe(reader) + " by " + reader.driver);
    }
    std::vector<std::string> present = supported;
    present.insert(present.end(), scan.configured.begin(), scan.configured.end());

    if (present.empty() && unsupported.empty())
        return {TriageCode::no_usb_reader, "no USB device of class 0x0B or listed by a driver under " +
                                               paths.usb_devices.string() + ", and no reader in " +
                                               paths.reader_conf.string()};
    if (present.empty()) {
        std::string detail = joined(unsupported) + ": no driver in " + paths.drivers.string() + " lists it (" +
                             describe_drivers(scan) + ")";
        if (scan.drivers.empty()) detail += "; is libccid installed?";
        return {TriageCode::unsupported_reader, detail};
    }
    if (!service_answers) {
        const std::string socket = paths.pcscd_socket.string();
        return {TriageCode::service_down,
                "pcscd does not answer (" +
                    (scan.pcscd_socket ? socket + " exists: see journalctl -u pcscd"
                                       : "no " + socket + ": is pcscd.socket enabled?") +
                    "); readers present: " + joined(present)};
    }
    return {TriageCode::service_down, "pcscd answers but lists no reader, though " + joined(present) +
                                          " is present: see journalctl -u pcscd, replug the reader or restart pcscd"};
}

Triage triage_mute_card(const std::string& reader) {
    return {TriageCode::unknown_card, "the card in " + reader + " did not answer its reset (mute, no ATR)"};
}

}  // namespace eimza::hw
