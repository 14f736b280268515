// Looking at the machine for the triage: the USB bus, the drivers pcscd
// would load, its reader configuration and socket, and what a failed read
// says of its card.
#include "hw/token/reader_triage.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

namespace eimza::hw {

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
