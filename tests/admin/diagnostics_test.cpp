// Diagnostics and the CRL cache actions on real files, a real CRL made with
// OpenSSL, and a real HTTP server on 127.0.0.1 for the refresh.
#include <catch2/catch.hpp>

#include <openssl/evp.h>
#include <openssl/x509.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <thread>

#include "kiosk/admin/diagnostics.h"

namespace fs = std::filesystem;
using namespace eimza;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "eimza-diag-XXXXXX").string();
        path = mkdtemp(pattern.data());
    }
    ~TempDir() { fs::remove_all(path); }
};

// A CRL signed by a throwaway key, valid for `days` from now.
hw::Bytes make_crl(const std::string& issuer_cn, int days) {
    EVP_PKEY* key = EVP_EC_gen("P-256");
    X509_CRL* crl = X509_CRL_new();
    X509_NAME* name = X509_NAME_new();
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(issuer_cn.c_str()), -1, -1, 0);
    X509_CRL_set_version(crl, 1);
    X509_CRL_set_issuer_name(crl, name);
    ASN1_TIME* now = ASN1_TIME_adj(nullptr, std::time(nullptr), -1, 0);
    ASN1_TIME* next = ASN1_TIME_adj(nullptr, std::time(nullptr), days, 0);
    X509_CRL_set1_lastUpdate(crl, now);
    X509_CRL_set1_nextUpdate(crl, next);
    X509_CRL_sign(crl, key, EVP_sha256());
    unsigned char* der = nullptr;
    const int length = i2d_X509_CRL(crl, &der);
    hw::Bytes out(der, der + length);
    OPENSSL_free(der);
    ASN1_TIME_free(now);
    ASN1_TIME_free(next);
    X509_NAME_free(name);
    X509_CRL_free(crl);
    EVP_PKEY_free(key);
    return out;
}

void write(const fs::path& path, const hw::Bytes& bytes) {
    std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace

TEST_CASE("diagnostics list trust anchors, CRLs, printer and system facts", "[admin]") {
    TempDir trust, crls;
    fs::copy_file(fs::path(EIMZA_SOURCE_DIR) / "tests/cert/fixtures/kamusm-nes-v3-issuing-ca.der", trust.path / "ca.der");
    write(crls.path / "a.crl", make_crl("Test SİL Yayıncısı", 7));
    std::ofstream(crls.path / "a.crl.url") << "http://127.0.0.1:9/a.crl\n";
    std::ofstream(crls.path / "b.crl") << "not a crl";
    setenv("CUPS_SERVER", (crls.path / "no-cupsd.sock").c_str(), 1);

    admin::DiagnosticsSources sources;
    sources.print_queue = "eimza";
    sources.trust_dir = trust.path;
    sources.crl_cache_dir = crls.path;
    sources.state_dir = crls.path;
    sources.last_atr = hw::Bytes{0x3B, 0x00};
    // A fake bus: one smart-card reader that no driver lists.
    sources.reader_paths.usb_devices = crls.path / "usb";
    sources.reader_paths.drivers = crls.path / "drivers";
    fs::create_directories(crls.path / "usb/1-4");
    fs::create_directories(crls.path / "usb/1-4:1.0");
    std::ofstream(crls.path / "usb/1-4/idVendor") << "0a5c\n";
    std::ofstream(crls.path / "usb/1-4/idProduct") << "5834\n";
    std::ofstream(crls.path / "usb/1-4:1.0/bInterfaceClass") << "0b\n";
    const admin::Diagnostics d = admin::collect_diagnostics(sources);

    REQUIRE(d.anchors.size() == 1);
    CHECK(d.anchors[0].subject.find("Kamu") != std::string::npos);
    CHECK(d.anchors[0].not_after > std::chrono::system_clock::time_point{});
    REQUIRE(d.crls.size() == 2);
    CHECK(d.crls[0].issuer == "Test SİL Yayıncısı");
    CHECK(d.crls[0].url == "http://127.0.0.1:9/a.crl");
    CHECK(d.crls[0].next_update > std::chrono::system_clock::now() + std::chrono::hours(24 * 6));
    CHECK_FALSE(d.crls[1].readable);
    CHECK_FALSE(d.printer.found);
    CHECK_FALSE(hw::printer_ok(d.printer));
    CHECK_FALSE(d.last_card_module.empty());
    CHECK(d.disk_total_bytes > 0);
    CHECK(d.system_uptime.count() > 0);
    REQUIRE(d.readers.usb.size() == 1);
    CHECK(d.readers.usb[0].vendor == 0x0A5C);
    CHECK(d.readers.usb[0].driver.empty());
    CHECK(d.readers.drivers.empty());
    unsetenv("CUPS_SERVER");
}

TEST_CASE("an empty trust directory is reported, not hidden", "[admin]") {
    TempDir trust;
    admin::DiagnosticsSources sources;
    sources.trust_dir = trust.path;
    sources.crl_cache_dir = trust.path;
    sources.state_dir = trust.path;
    setenv("CUPS_SERVER", (trust.path / "no-cupsd.sock").c_str(), 1);
    const admin::Diagnostics d = admin::collect_diagnostics(sources);
    CHECK(d.anchors.empty());
    CHECK(d.trust_dir == trust.path.string());
    unsetenv("CUPS_SERVER");
}

TEST_CASE("IT refreshes the CRL cache from the CRLs' own URLs and can clear it", "[admin]") {
    TempDir served, cache;
    write(served.path / "ca.crl", make_crl("Yeni SİL", 30));
    const int port = 18000 + static_cast<int>(getpid() % 1000);
    const pid_t server = fork();
    if (server == 0) {
        execlp("python3", "python3", "-m", "http.server", std::to_string(port).c_str(), "--bind", "127.0.0.1", "--directory",
               served.path.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/ca.crl";
    write(cache.path / "x.crl", make_crl("Eski SİL", 1));
    std::ofstream(cache.path / "x.crl.url") << url << "\n";
    write(cache.path / "y.crl", make_crl("Bilinmeyen", 1));  // no URL kept: cannot be refreshed
    std::ofstream(cache.path / "z.crl.url") << "http://elsewhere.example/z.crl\n";
    write(cache.path / "z.crl", make_crl("Yasak", 1));

    hw::RevocationConfig config;
    config.crl_cache_dir = cache.path;
    config.allowed_hosts = {"127.0.0.1:" + std::to_string(port)};
    config.timeout_ms = 2000;
    hw::RevocationChecker checker(config);
    int renewed = 0;
    std::vector<std::string> failures;
    for (int attempt = 0; attempt < 50 && renewed == 0; ++attempt) {  // the server needs a moment to listen
        failures.clear();
        renewed = checker.refresh_crl_cache(failures);
        if (renewed == 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    kill(server, SIGTERM);
    CHECK(renewed == 1);
    REQUIRE(failures.size() == 2);
    CHECK(failures[0] == "Bilinmeyen: source unknown");
    CHECK(failures[1] == "Yasak: host not allowed");
    const auto listed = hw::list_crl_cache(cache.path);
    REQUIRE(listed.size() == 3);
    CHECK(listed[0].issuer == "Yeni SİL");

    checker.clear_crl_cache();
    CHECK(hw::list_crl_cache(cache.path).empty());
    CHECK(fs::is_empty(cache.path));
}
