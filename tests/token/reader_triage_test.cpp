// The reader triage against fake sysfs, driver and reader.conf.d trees: each
// code R01..R08 from what the machine shows, in the order the chain breaks.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <fstream>

#include "hw/token/reader_triage.h"

using namespace eimza::hw;
namespace fs = std::filesystem;

namespace {

// A scratch tree per test case, removed at the end.
struct FakeMachine {
    fs::path root;
    TriagePaths paths;

    FakeMachine() {
        root = fs::temp_directory_path() / ("eimza-triage-" + std::to_string(getpid()) + "-" + std::to_string(counter()++));
        fs::remove_all(root);
        paths.usb_devices = root / "sys/bus/usb/devices";
        paths.drivers = root / "usr/lib/pcsc/drivers";
        paths.reader_conf = root / "etc/reader.conf.d";
        paths.pcscd_socket = root / "run/pcscd/pcscd.comm";
        fs::create_directories(paths.usb_devices);
        fs::create_directories(paths.drivers);
        fs::create_directories(paths.reader_conf);
    }
    ~FakeMachine() { fs::remove_all(root); }

    static int& counter() {
        static int n = 0;
        return n;
    }
    static void write(const fs::path& file, const std::string& text) {
        fs::create_directories(file.parent_path());
        std::ofstream(file) << text;
    }
    // A USB device with one interface of the given class (sysfs writes
    // two-digit lower-case hex, and a trailing newline).
    void usb(const std::string& port, const std::string& vendor, const std::string& product,
             const std::string& interface_class, const std::string& name = "") {
        const auto dir = paths.usb_devices / port;
        write(dir / "idVendor", vendor + "\n");
        write(dir / "idProduct", product + "\n");
        write(dir / "bDeviceClass", "00\n");
        if (!name.empty()) write(dir / "product", name + "\n");
        write(paths.usb_devices / (port + ":1.0") / "bInterfaceClass", interface_class + "\n");
    }
    // A driver bundle listing (vendor, product) pairs, as libccid's does.
    void driver(const std::string& bundle, const std::vector<std::pair<std::string, std::string>>& ids) {
        std::string vendors, products, names;
        for (const auto& [v, p] : ids) {
            vendors += "\t\t<string>" + v + "</string>\n";
            products += "\t\t<string>" + p + "</string>\n";
            names += "\t\t<string>Reader " + v + "</string>\n";
        }
        write(paths.drivers / bundle / "Contents/Info.plist",
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\">\n<dict>\n"
              "\t<key>CFBundleExecutable</key>\n\t<string>libccid.so</string>\n"
              "\t<!-- a comment with <key>ifdVendorID</key> in it must not count -->\n"
              "\t<key>ifdVendorID</key>\n\t<array>\n" + vendors + "\t</array>\n"
              "\t<key>ifdProductID</key>\n\t<array>\n" + products + "\t</array>\n"
              "\t<key>ifdFriendlyName</key>\n\t<array>\n" + names + "\t</array>\n</dict>\n</plist>\n");
    }
    void socket() { write(paths.pcscd_socket, ""); }
};

// QEMU's usb-ccid reader, as the kiosk image sees it.
const std::pair<std::string, std::string> kQemuCcid{"0x08E6", "0x4433"};

}  // namespace

TEST_CASE("triage: Info.plist IDs are read pairwise, comments and single values too", "[triage]") {
    FakeMachine m;
    m.driver("ifd-ccid.bundle", {kQemuCcid, {"0x072F", "0x90CC"}});
    const auto ids = listed_devices(m.paths.drivers / "ifd-ccid.bundle/Contents/Info.plist");
    REQUIRE(ids.size() == 2);
    CHECK(ids[0] == std::pair<std::uint16_t, std::uint16_t>{0x08E6, 0x4433});
    CHECK(ids[1] == std::pair<std::uint16_t, std::uint16_t>{0x072F, 0x90CC});

    FakeMachine::write(m.paths.drivers / "one.bundle/Contents/Info.plist",
                       "<dict><key>ifdVendorID</key><string>0x0A5C</string>"
                       "<key>ifdProductID</key> <string>0x5800</string></dict>");
    CHECK(listed_devices(m.paths.drivers / "one.bundle/Contents/Info.plist") ==
          std::vector<std::pair<std::uint16_t, std::uint16_t>>{{0x0A5C, 0x5800}});
    // Arrays of different lengths: pcscd rejects the bundle, so do we.
    FakeMachine::write(m.paths.drivers / "bad.bundle/Contents/Info.plist",
                       "<key>ifdVendorID</key><array><string>0x1</string><string>0x2</string></array>"
                       "<key>ifdProductID</key><array><string>0x1</string></array>");
    CHECK(listed_devices(m.paths.drivers / "bad.bundle/Contents/Info.plist").empty());
    CHECK(listed_devices(m.root / "missing.plist").empty());
}

TEST_CASE("triage: the installed libccid (tests/deps.txt) lists QEMU's reader", "[triage]") {
    const auto ids = listed_devices("/usr/lib/pcsc/drivers/ifd-ccid.bundle/Contents/Info.plist");
    CHECK(ids.size() > 100);
    CHECK(std::find(ids.begin(), ids.end(), std::pair<std::uint16_t, std::uint16_t>{0x08E6, 0x4433}) != ids.end());
}

TEST_CASE("triage R01: no USB reader, nothing configured", "[triage]") {
    FakeMachine m;
    m.driver("ifd-ccid.bundle", {kQemuCcid});
    m.usb("1-1", "0627", "0001", "03", "QEMU USB Tablet");  // a touch screen is no reader
    m.socket();
    const ReaderScan scan = scan_readers(m.paths);
    CHECK(scan.usb.empty());
    CHECK(scan.pcscd_socket);
    REQUIRE(scan.drivers.size() == 1);
    CHECK(scan.drivers[0] == DriverBundle{"ifd-ccid.bundle", 1});
    const Triage t = triage_readers(true, {}, scan, m.paths);
    CHECK(t.code == TriageCode::no_usb_reader);
    CHECK(std::string(triage_code(t.code)) == "R01");
    CHECK(t.detail.find(m.paths.usb_devices.string()) != std::string::npos);
    // pcscd down as well: the missing device comes first in the chain.
    CHECK(triage_readers(false, {}, scan, m.paths).code == TriageCode::no_usb_reader);
}

TEST_CASE("triage R02: a smart-card class reader that no driver lists", "[triage]") {
    FakeMachine m;
    m.driver("ifd-ccid.bundle", {kQemuCcid});
    m.usb("1-2", "0a5c", "5834", "0b", "5880");
    const ReaderScan scan = scan_readers(m.paths);
    REQUIRE(scan.usb.size() == 1);
    CHECK(scan.usb[0].port == "1-2");
    CHECK(scan.usb[0].vendor == 0x0A5C);
    CHECK(scan.usb[0].product == 0x5834);
    CHECK(scan.usb[0].smart_card_class);
    CHECK(scan.usb[0].driver.empty());
    CHECK(scan.usb[0].name == "5880");
    const Triage t = triage_readers(true, {}, scan, m.paths);
    CHECK(t.code == TriageCode::unsupported_reader);
    CHECK(t.detail.find("0a5c:5834") != std::string::npos);
    CHECK(t.detail.find("ifd-ccid.bundle: 1 IDs") != std::string::npos);
    CHECK(triage_readers(false, {}, scan, m.paths).code == TriageCode::unsupported_reader);
}

TEST_CASE("triage R02: libccid not installed at all", "[triage]") {
    FakeMachine m;
    m.usb("3-1", "08e6", "4433", "0b");
    const Triage t = triage_readers(true, {}, scan_readers(m.paths), m.paths);
    CHECK(t.code == TriageCode::unsupported_reader);
    CHECK(t.detail.find("libccid") != std::string::npos);
}

TEST_CASE("triage R03: a supported reader, pcscd not answering", "[triage]") {
    FakeMachine m;
    m.driver("ifd-ccid.bundle", {kQemuCcid});
    // Vendor class: recognised by its IDs alone, as pcscd does.
    m.usb("1-1", "08e6", "4433", "ff", "USB SmartCard Reader");
    ReaderScan scan = scan_readers(m.paths);
    REQUIRE(scan.usb.size() == 1);
    CHECK_FALSE(scan.usb[0].smart_card_class);
    CHECK(scan.usb[0].driver == "ifd-ccid.bundle");
    Triage t = triage_readers(false, {}, scan, m.paths);
    CHECK(t.code == TriageCode::service_down);
    CHECK(t.detail.find("is pcscd.socket enabled") != std::string::npos);
    m.socket();
    t = triage_readers(false, {}, scan_readers(m.paths), m.paths);
    CHECK(t.detail.find("journalctl -u pcscd") != std::string::npos);
    // pcscd answers but has not taken the reader up.
    t = triage_readers(true, {}, scan_readers(m.paths), m.paths);
    CHECK(t.code == TriageCode::service_down);
    CHECK(t.detail.find("lists no reader") != std::string::npos);
}

TEST_CASE("triage R03: a virtual reader from reader.conf.d counts as present", "[triage]") {
    FakeMachine m;
    FakeMachine::write(m.paths.reader_conf / "libccidtwin", "#DEVICENAME /dev/ttySn\n#LIBPATH /x.so\n");
    CHECK(scan_readers(m.paths).configured.empty());
    FakeMachine::write(m.paths.reader_conf / "vpcd",
                       "FRIENDLYNAME \"Virtual PCD\"\nDEVICENAME   /dev/null:0x8C7B\nLIBPATH /usr/lib/libifdvpcd.so\n");
    const ReaderScan scan = scan_readers(m.paths);
    CHECK(scan.configured == std::vector<std::string>{"Virtual PCD (vpcd)"});
    CHECK(triage_readers(false, {}, scan, m.paths).code == TriageCode::service_down);
}

TEST_CASE("triage R04: a reader listed is the resting state, whatever the bus says", "[triage]") {
    FakeMachine m;
    const Triage t = triage_readers(true, {"Gemalto Gemplus USB SmartCard Reader 433-Swap [CCID Interface] (1-0000:00:04.0-1) 00 00"},
                                    scan_readers(m.paths), m.paths);
    CHECK(t.code == TriageCode::no_card);
    CHECK_FALSE(triage_failure(t.code));
}

TEST_CASE("triage R05..R08: a failed read by what is known of its ATR", "[triage]") {
    FakeMachine m;
    FakeMachine::write(m.root / "smartcard_list.txt", "3B 7A 18 00 00 73 66 74 65 20 63 64 31 34 34\n\tCAC emulated card\n");
    FakeMachine::write(m.root / "module.so", "");
    TokenConfig config;
    config.smartcard_list = (m.root / "smartcard_list.txt").string();
    config.default_module = (m.root / "module.so").string();
    config.rules = {{"3B9F158131FE45806755454B41451221318073B3A1805A", (m.root / "libakisp11.so").string(), "AKİS eID (Kamu SM)"}};
    const AtrCatalog catalog(config);
    const Bytes cac{0x3B, 0x7A, 0x18, 0x00, 0x00, 0x73, 0x66, 0x74, 0x65, 0x20, 0x63, 0x64, 0x31, 0x34, 0x34};
    const Bytes akis{0x3B, 0x9F, 0x15, 0x81, 0x31, 0xFE, 0x45, 0x80, 0x67, 0x55, 0x45, 0x4B,
                     0x41, 0x45, 0x12, 0x21, 0x31, 0x80, 0x73, 0xB3, 0xA1, 0x80, 0x5A};
    const Bytes bank{0x3B, 0x00};

    SECTION("R05: an ATR nobody lists") {
        const Triage t = triage_read_failure(ReadFailure::unreadable, bank, catalog);
        CHECK(t.code == TriageCode::unknown_card);
        CHECK(t.detail.find("3B00") != std::string::npos);
        CHECK(t.detail.find("not installed") == std::string::npos);
        TokenConfig without_list = config;
        without_list.smartcard_list = (m.root / "absent.txt").string();
        CHECK(triage_read_failure(ReadFailure::unreadable, bank, AtrCatalog(without_list)).detail.find("pcsc-tools") !=
              std::string::npos);
        CHECK(triage_mute_card("R").code == TriageCode::unknown_card);
    }
    SECTION("R06: AKİS without akisp11") {
        const Triage t = triage_read_failure(ReadFailure::unreadable, akis, catalog);
        CHECK(t.code == TriageCode::module_missing);
        CHECK(t.detail.find("libakisp11.so") != std::string::npos);
        CHECK(t.detail.find("AKİS eID") != std::string::npos);
        // With akisp11 installed, the same failure is the token's.
        FakeMachine::write(m.root / "libakisp11.so", "");
        CHECK(triage_read_failure(ReadFailure::unreadable, akis, catalog).code == TriageCode::token_not_recognised);
        // A module that will not load is R06 whatever the card.
        CHECK(triage_read_failure(ReadFailure::no_module, cac, catalog).code == TriageCode::module_missing);
    }
    SECTION("R07: a known card the module cannot make sense of") {
        const Triage t = triage_read_failure(ReadFailure::unreadable, cac, catalog);
        CHECK(t.code == TriageCode::token_not_recognised);
        CHECK(t.detail.find("CAC emulated card") != std::string::npos);
        CHECK(t.detail.find("module.so") != std::string::npos);
    }
    SECTION("R08: no answer in time") {
        const Triage t = triage_read_failure(ReadFailure::timed_out, cac, catalog, 8000);
        CHECK(t.code == TriageCode::read_timed_out);
        CHECK(t.detail.find("8000 ms") != std::string::npos);
    }
    SECTION("a card pulled mid-read is no failure") {
        CHECK(triage_read_failure(ReadFailure::removed, cac, catalog).code == TriageCode::ok);
    }
}

TEST_CASE("triage: codes and names are stable", "[triage]") {
    std::vector<std::string> codes;
    for (const auto code : kTriageCodes) codes.push_back(triage_code(code));
    CHECK(codes == std::vector<std::string>{"ok", "R01", "R02", "R03", "R04", "R05", "R06", "R07", "R08"});
    CHECK(std::string(triage_name(TriageCode::unsupported_reader)) == "unsupported_reader");
    CHECK(triage_card_failure(TriageCode::read_timed_out));
    CHECK_FALSE(triage_card_failure(TriageCode::service_down));
}
