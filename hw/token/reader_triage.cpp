#include "hw/token/reader_triage.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

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

std::string read_text(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string first_line(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::string line;
    std::getline(in, line);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '\t')) line.pop_back();
    return line;
}

// "08e6" (sysfs) or "0x08E6" (Info.plist).
std::optional<std::uint16_t> parse_hex16(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n')) text.remove_suffix(1);
    if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) text.remove_prefix(2);
    unsigned value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, 16);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() || value > 0xFFFF) return std::nullopt;
    return static_cast<std::uint16_t>(value);
}

std::string usb_id(std::uint16_t vendor, std::uint16_t product) {
    char text[16];
    std::snprintf(text, sizeof text, "%04x:%04x", vendor, product);
    return text;
}

std::string without_comments(std::string xml) {
    for (auto at = xml.find("<!--"); at != std::string::npos; at = xml.find("<!--", at)) {
        const auto end = xml.find("-->", at);
        xml.erase(at, end == std::string::npos ? std::string::npos : end + 3 - at);
    }
    return xml;
}

// The <string> values after <key>key</key>: one, or those of an <array>.
std::vector<std::string> plist_values(const std::string& xml, const std::string& key) {
    const std::string tag = "<key>" + key + "</key>";
    const auto at = xml.find(tag);
    if (at == std::string::npos) return {};
    const auto open = xml.find('<', at + tag.size());
    if (open == std::string::npos) return {};
    std::size_t end = open;
    if (xml.compare(open, 7, "<array>") == 0) {
        end = xml.find("</array>", open);
        if (end == std::string::npos) return {};
    } else if (xml.compare(open, 8, "<string>") == 0) {
        end = xml.find("</string>", open);
        if (end == std::string::npos) return {};
        end += 9;
    } else {
        return {};
    }
    std::vector<std::string> values;
    for (auto s = xml.find("<string>", open); s != std::string::npos && s < end; s = xml.find("<string>", s)) {
        s += 8;
        const auto close = xml.find("</string>", s);
        if (close == std::string::npos || close > end) break;
        values.push_back(xml.substr(s, close - s));
        s = close;
    }
    return values;
}

std::string quoted_or_word(std::string_view rest) {
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
    if (!rest.empty() && rest.front() == '"') {
        rest.remove_prefix(1);
        const auto close = rest.find('"');
        return std::string(rest.substr(0, close));
    }
    const auto space = rest.find_first_of(" \t");
    return std::string(rest.substr(0, space));
}

// Readers pcscd's reader.conf.d defines: one per uncommented DEVICENAME,
// named by its FRIENDLYNAME.
std::vector<std::string> configured_readers(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
        if (entry.is_regular_file(ec)) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    std::vector<std::string> readers;
    for (const auto& file : files) {
        std::ifstream in(file);
        std::string line;
        std::vector<std::string> names, devices;
        while (std::getline(in, line)) {
            std::string_view text(line);
            while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
            if (text.starts_with("FRIENDLYNAME")) names.push_back(quoted_or_word(text.substr(12)));
            else if (text.starts_with("DEVICENAME")) devices.push_back(quoted_or_word(text.substr(10)));
        }
        for (std::size_t i = 0; i < devices.size(); ++i)
            readers.push_back((i < names.size() ? names[i] : devices[i]) + " (" + file.filename().string() + ")");
    }
    return readers;
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

std::string card_words(const Bytes& atr, const AtrCatalog& catalog) {
    const std::string name = catalog.name(atr);
    return "ATR " + to_hex(atr) + (name.empty() ? "" : " (" + name + ")");
}

}  // namespace

std::vector<std::pair<std::uint16_t, std::uint16_t>> listed_devices(const std::filesystem::path& info_plist) {
    const std::string xml = without_comments(read_text(info_plist));
    const auto vendors = plist_values(xml, "ifdVendorID");
    const auto products = plist_values(xml, "ifdProductID");
    std::vector<std::pair<std::uint16_t, std::uint16_t>> ids;
    // pcscd refuses a bundle whose arrays differ in length; so does this.
    if (vendors.size() != products.size()) return ids;
    for (std::size_t i = 0; i < vendors.size(); ++i) {
        const auto vendor = parse_hex16(vendors[i]);
        const auto product = parse_hex16(products[i]);
        if (vendor && product) ids.emplace_back(*vendor, *product);
    }
    return ids;
}

ReaderScan scan_readers(const TriagePaths& paths) {
    ReaderScan scan;
    std::error_code ec;

    // Every driver bundle, as pcscd reads them at start.
    std::map<std::pair<std::uint16_t, std::uint16_t>, std::string> driver_of;
    std::vector<std::filesystem::path> bundles;
    for (const auto& entry : std::filesystem::directory_iterator(paths.drivers, ec))
        if (entry.path().filename().string().find(".bundle") != std::string::npos) bundles.push_back(entry.path());
    std::sort(bundles.begin(), bundles.end());
    for (const auto& bundle : bundles) {
        const auto ids = listed_devices(bundle / "Contents" / "Info.plist");
        const std::string name = bundle.filename().string();
        scan.drivers.push_back({name, ids.size()});
        for (const auto& id : ids) driver_of.emplace(id, name);
    }

    // Devices are "1-1", "1-1.2"; their interfaces "1-1:1.0".
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(paths.usb_devices, ec))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    for (const auto& name : names) {
        if (name.find(':') != std::string::npos) continue;
        const auto dir = paths.usb_devices / name;
        const auto vendor = parse_hex16(first_line(dir / "idVendor"));
        const auto product = parse_hex16(first_line(dir / "idProduct"));
        if (!vendor || !product) continue;
        UsbReader reader;
        reader.port = name;
        reader.vendor = *vendor;
        reader.product = *product;
        reader.smart_card_class = first_line(dir / "bDeviceClass") == "0b";
        for (const auto& other : names)
            if (other.starts_with(name + ":") && first_line(paths.usb_devices / other / "bInterfaceClass") == "0b")
                reader.smart_card_class = true;
        if (const auto it = driver_of.find({*vendor, *product}); it != driver_of.end()) reader.driver = it->second;
        if (!reader.smart_card_class && reader.driver.empty()) continue;
        reader.name = first_line(dir / "product");
        scan.usb.push_back(std::move(reader));
    }

    scan.configured = configured_readers(paths.reader_conf);
    scan.pcscd_socket = std::filesystem::exists(paths.pcscd_socket, ec);
    return scan;
}

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

Triage triage_read_failure(ReadFailure failure, const Bytes& atr, const AtrCatalog& catalog, int timeout_ms) {
    const std::string module = catalog.module(atr);
    switch (failure) {
        case ReadFailure::removed: return {};
        case ReadFailure::timed_out:
            return {TriageCode::read_timed_out, card_words(atr, catalog) + ": no answer through " + module + " within " +
                                                    std::to_string(timeout_ms) + " ms"};
        case ReadFailure::no_module:
            return {TriageCode::module_missing, card_words(atr, catalog) + ": the PKCS#11 module " + module +
                                                    " cannot be loaded"};
        case ReadFailure::unreadable: break;
    }
    if (atr.empty()) return {TriageCode::unknown_card, "no ATR: the card did not answer its reset"};
    if (const auto missing = catalog.missing_module(atr))
        return {TriageCode::module_missing, card_words(atr, catalog) + " needs " + missing->module +
                                                ", which is not installed; " + module + " could not read it"};
    if (catalog.name(atr).empty()) {
        const std::string& list = catalog.config().smartcard_list;
        std::error_code ec;
        const std::string missing = std::filesystem::exists(list, ec) ? "" : " (not installed: pcsc-tools)";
        return {TriageCode::unknown_card, "ATR " + to_hex(atr) + " is in neither the kiosk's rules nor " + list + missing +
                                              "; " + module + " could not read it"};
    }
    return {TriageCode::token_not_recognised,
            card_words(atr, catalog) + ": " + module + " found no token it recognises, or its reads did not agree"};
}

}  // namespace eimza::hw
