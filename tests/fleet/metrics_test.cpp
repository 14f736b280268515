// The metrics file: every rule of the text format (checked by a strict
// reader that is itself tested on bad input), the values, the atomic write;
// the CRL cache summary behind eimza_kiosk_oldest_crl_age_seconds; the
// metrics and logging configuration.
#include <catch2/catch.hpp>

#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdlib>
#include <fstream>

#include "hw/cert/revocation.h"
#include "kiosk/base/settings.h"
#include "tests/fleet/metrics_checks.h"

using namespace eimza;
using namespace std::chrono_literals;

namespace {

std::filesystem::path temporary_dir() {
    char pattern[] = "/tmp/eimza-metrics-test.XXXXXX";
    REQUIRE(mkdtemp(pattern));
    return pattern;
}

std::string problems_of(const test::Exposition& e) {
    std::string out;
    for (const auto& p : e.problems) out += p + "\n";
    return out;
}

// A signed CRL with `revoked` entries, as DER.
hw::Bytes make_crl(hw::SystemTime this_update, int revoked) {
    EVP_PKEY* key = EVP_EC_gen("P-256");
    X509_CRL* crl = X509_CRL_new();
    X509_NAME* issuer = X509_NAME_new();
    X509_NAME_add_entry_by_txt(issuer, "C", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("TR"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(issuer, "O", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>("Kamu Sertifikasyon Merkezi"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(issuer, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>("Test Mali Mühür Elektronik Sertifika Hizmet Sağlayıcısı"),
                               -1, -1, 0);
    X509_CRL_set_version(crl, 1);
    X509_CRL_set_issuer_name(crl, issuer);
    const std::time_t t = std::chrono::system_clock::to_time_t(this_update);
    ASN1_TIME* last = ASN1_TIME_set(nullptr, t);
    ASN1_TIME* next = ASN1_TIME_set(nullptr, t + 7 * 86400);
    X509_CRL_set1_lastUpdate(crl, last);
    X509_CRL_set1_nextUpdate(crl, next);
    for (int i = 0; i < revoked; ++i) {
        X509_REVOKED* entry = X509_REVOKED_new();
        ASN1_INTEGER* serial = ASN1_INTEGER_new();
        ASN1_INTEGER_set_int64(serial, 1'000'000 + i);
        X509_REVOKED_set_serialNumber(entry, serial);
        X509_REVOKED_set_revocationDate(entry, last);
        X509_CRL_add0_revoked(crl, entry);
        ASN1_INTEGER_free(serial);
    }
    X509_CRL_sign(crl, key, EVP_sha256());
    unsigned char* der = nullptr;
    const int size = i2d_X509_CRL(crl, &der);
    hw::Bytes out(der, der + size);
    OPENSSL_free(der);
    ASN1_TIME_free(last);
    ASN1_TIME_free(next);
    X509_NAME_free(issuer);
    X509_CRL_free(crl);
    EVP_PKEY_free(key);
    return out;
}

void write_bytes(const std::filesystem::path& file, const hw::Bytes& bytes) {
    std::ofstream(file, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                                static_cast<std::streamsize>(bytes.size()));
}

std::string pem_of(const hw::Bytes& der) {
    const unsigned char* p = der.data();
    X509_CRL* crl = d2i_X509_CRL(nullptr, &p, static_cast<long>(der.size()));
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509_CRL(bio, crl);
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    std::string pem(data, static_cast<std::size_t>(size));
    BIO_free(bio);
    X509_CRL_free(crl);
    return pem;
}

}  // namespace

TEST_CASE("the strict reader refuses what the format forbids", "[fleet][metrics]") {
    const std::string good = "# HELP a_total Things.\n# TYPE a_total counter\na_total{k=\"v\"} 1\n";
    CHECK(test::parse_exposition(good).problems.empty());
    for (const std::string& bad : {
             std::string("# HELP a_total Things.\n# TYPE a_total counter\na_total 1"),  // no final newline
             std::string("# HELP a_total x\n# TYPE a_total counter\na_total{k=\"v\"v\"} 1\n"),  // bare quote
             std::string("# HELP a_total x\n# TYPE a_total counter\na_total{k=\"v\\t\"} 1\n"),  // unknown escape
             std::string("# HELP a_total x\n# TYPE a_total counter\na_total{k=\"v\n\"} 1\n"),   // raw newline
             std::string("# HELP a_total x\na_total 1\n# TYPE a_total counter\n"),              // TYPE after sample
             std::string("# HELP a_total x\n# TYPE a_total counter\na_total 1\na_total 2\n"),   // duplicate series
             std::string("# HELP a_total x\n# TYPE a_total counter\na_total 1 1700000000\n"),  // timestamp
             std::string("# HELP a x\n# TYPE a counter\na 1\n"),                                // counter without _total
             std::string("# HELP a_total x\n# TYPE a_total gauge\na_total 1\n"),                // gauge with _total
             std::string("# TYPE a gauge\na 1\n"),                                              // no HELP
             std::string("# HELP a x\n# TYPE a gauge\na one\n"),                                // not a number
             std::string("# HELP a x\n# TYPE a gauge\n# HELP b x\n# TYPE b gauge\nb 1\na 1\n"), // split group
             std::string("# HELP a x\n# TYPE a gauge\na{__k=\"v\"} 1\n"),                       // reserved label
             std::string("# HELP 1a x\n# TYPE 1a gauge\n1a 1\n"),                               // bad name
         })
        CHECK_FALSE(test::parse_exposition(bad).problems.empty());
}

TEST_CASE("every metric follows the format, with the snapshot's values", "[fleet][metrics]") {
    const auto snapshot = test::full_snapshot();
    const auto text = fleet::render_metrics(snapshot);
    const auto e = test::parse_exposition(text);
    INFO(text);
    REQUIRE(problems_of(e).empty());
    auto value = [&](const std::string& series) {
        const auto it = e.samples.find(series);
        return it == e.samples.end() ? std::string("(absent)") : it->second;
    };
    CHECK(value("eimza_kiosk_up") == "1");
    CHECK(value("eimza_kiosk_ready") == "1");
    CHECK(value("eimza_kiosk_start_time_seconds") == "1799992800");
    CHECK(value("eimza_kiosk_build_info{version=\"0.1.0\"}") == "1");
    CHECK(value("eimza_kiosk_card_service_up") == "1");
    CHECK(value("eimza_kiosk_reader_present") == "1");
    CHECK(value("eimza_kiosk_printer_ok") == "0");
    CHECK(value("eimza_kiosk_printer_state{state=\"out_of_paper\"}") == "1");
    for (const char* other : {"ok", "jammed", "paused", "not_accepting", "no_printer", "unknown"})
        CHECK(value(std::string("eimza_kiosk_printer_state{state=\"") + other + "\"}") == "0");
    CHECK(value("eimza_kiosk_sessions_total") == "41");
    CHECK(value("eimza_kiosk_verdicts_total{verdict=\"valid\"}") == "30");
    CHECK(value("eimza_kiosk_verdicts_total{verdict=\"pin_blocked\"}") == "2");
    CHECK(value("eimza_kiosk_verdicts_total{verdict=\"unreadable\"}") == "0");
    CHECK(value("eimza_kiosk_processes_started_total{process=\"renewal\"}") == "9");
    CHECK(value("eimza_kiosk_processes_finished_total{process=\"renewal\"}") == "7");
    CHECK(value("eimza_kiosk_processes_started_total{process=\"lost_stolen\"}") == "0");  // known, never used
    CHECK(value("eimza_kiosk_processes_finished_total{process=\"from_a_newer_content\"}") == "0");
    CHECK(value("eimza_kiosk_pages_printed_total") == "120");
    CHECK(value("eimza_kiosk_print_failures_total") == "3");
    CHECK(value("eimza_kiosk_card_read_failures_total") == "1");
    CHECK(value("eimza_kiosk_reader_triage{code=\"R02\",reason=\"unsupported_reader\"}") == "1");
    for (const char* other : {"ok\",reason=\"ok", "R01\",reason=\"no_usb_reader", "R04\",reason=\"no_card",
                              "R08\",reason=\"read_timed_out"})
        CHECK(value(std::string("eimza_kiosk_reader_triage{code=\"") + other + "\"}") == "0");
    CHECK(value("eimza_kiosk_card_read_failures_by_code_total{code=\"R07\",reason=\"token_not_recognised\"}") == "1");
    CHECK(value("eimza_kiosk_card_read_failures_by_code_total{code=\"R05\",reason=\"unknown_card\"}") == "0");
    // Only a card's read fails by these codes.
    CHECK(value("eimza_kiosk_card_read_failures_by_code_total{code=\"R02\",reason=\"unsupported_reader\"}") == "(absent)");
    CHECK(e.types.at("eimza_kiosk_card_read_failures_by_code_total") == "counter");
    CHECK(value("eimza_kiosk_content_info{version=\"" + snapshot.content_version + "\"}") == "1");
    CHECK(value("eimza_kiosk_crls_cached") == "2");
    CHECK(value("eimza_kiosk_oldest_crl_age_seconds") == "90000");
    CHECK(value("eimza_kiosk_content_update_result{result=\"bad_signature\"}") == "1");
    CHECK(value("eimza_kiosk_content_update_last_attempt_timestamp_seconds") == "1799996400");
    CHECK(e.types.at("eimza_kiosk_sessions_total") == "counter");
    CHECK(e.types.at("eimza_kiosk_up") == "gauge");
    // The escaped form as written, byte for byte.
    CHECK(text.find(R"(version="2026-11 \"İl Sağlık\" \\ v2\nrev")") != std::string::npos);
}

TEST_CASE("before the first printer check, without content, CRLs or updates", "[fleet][metrics]") {
    fleet::MetricsSnapshot s;
    s.up = false;
    s.ready = true;  // a kiosk that exited is not ready, whatever it was
    const auto e = test::parse_exposition(fleet::render_metrics(s));
    REQUIRE(problems_of(e).empty());
    CHECK(e.samples.at("eimza_kiosk_up") == "0");
    CHECK(e.samples.at("eimza_kiosk_ready") == "0");
    CHECK(e.samples.at("eimza_kiosk_printer_state{state=\"unknown\"}") == "1");
    CHECK(e.samples.at("eimza_kiosk_printer_ok") == "0");
    CHECK(e.samples.at("eimza_kiosk_crls_cached") == "0");
    CHECK_FALSE(e.types.count("eimza_kiosk_oldest_crl_age_seconds"));
    CHECK_FALSE(e.types.count("eimza_kiosk_content_info"));
    CHECK_FALSE(e.types.count("eimza_kiosk_content_update_result"));
}

TEST_CASE("the file is replaced atomically, readable by node_exporter whatever the umask", "[fleet][metrics]") {
    const auto dir = temporary_dir();
    const mode_t old_umask = umask(077);  // as the kiosk's unit sets it
    const auto text = fleet::render_metrics(test::full_snapshot());
    std::string error;
    REQUIRE(fleet::write_metrics(dir, "old\n", error));
    const auto started = std::chrono::steady_clock::now();
    REQUIRE(fleet::write_metrics(dir, text, error));
    const auto took = std::chrono::steady_clock::now() - started;
    umask(old_umask);
    std::ifstream in(dir / "eimza_kiosk.prom");
    const std::string back((std::istreambuf_iterator<char>(in)), {});
    CHECK(back == text);
    struct stat st {};
    REQUIRE(stat((dir / "eimza_kiosk.prom").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0644);
    CHECK(std::distance(std::filesystem::directory_iterator(dir), {}) == 1);  // no temporary left
    CHECK(took < 1s);
    CHECK_FALSE(fleet::write_metrics(dir / "missing", text, error));
    CHECK(error.find("missing") != std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST_CASE("the CRL cache: count and oldest thisUpdate, read from the head of each file", "[fleet][crl]") {
    const auto dir = temporary_dir();
    CHECK(hw::summarize_crl_cache(dir.string()).count == 0);
    CHECK(hw::summarize_crl_cache((dir / "missing").string()).count == 0);
    CHECK(hw::summarize_crl_cache("").count == 0);

    const auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    const auto big = make_crl(now - 3 * 86400s, 20000);
    REQUIRE(big.size() > 16 * 1024);
    write_bytes(dir / "a.crl", big);
    // Cut to its first 16 KB: the age is still known, so nothing past the
    // head is needed (a national CRL is tens of MB).
    write_bytes(dir / "b.crl", hw::Bytes(big.begin(), big.begin() + 16 * 1024));
    std::ofstream(dir / "c.crl") << pem_of(make_crl(now - 5 * 86400s, 3));  // PEM, the oldest
    std::ofstream(dir / "d.crl") << "not a CRL";
    write_bytes(dir / "e.crl.tmp", make_crl(now - 50 * 86400s, 1));  // a download in progress
    // Past 2049 thisUpdate is a GeneralizedTime.
    write_bytes(dir / "f.crl", make_crl(hw::SystemTime{} + 2'600'000'000s, 1));

    const auto summary = hw::summarize_crl_cache(dir.string());
    CHECK(summary.count == 5);
    REQUIRE(summary.oldest_this_update);
    CHECK(*summary.oldest_this_update == now - 5 * 86400s);

    std::filesystem::remove(dir / "c.crl");
    CHECK(*hw::summarize_crl_cache(dir.string()).oldest_this_update == now - 3 * 86400s);
    std::filesystem::remove(dir / "a.crl");
    std::filesystem::remove(dir / "b.crl");
    CHECK(*hw::summarize_crl_cache(dir.string()).oldest_this_update == hw::SystemTime{} + 2'600'000'000s);
    std::filesystem::remove_all(dir);
}

TEST_CASE("metrics and logging configuration", "[fleet][config]") {
    std::vector<ConfigProblem> problems;
    auto config = parse_settings(
        "metrics:\n  dir: /var/lib/prometheus/node-exporter\n  interval_seconds: 60\n  state_dir: /srv/k\n"
        "logging:\n  target: journal\n",
        "k.yaml", problems);
    auto metrics = config.metrics;
    CHECK(problems.empty());
    CHECK(metrics.dir == "/var/lib/prometheus/node-exporter");
    CHECK(metrics.interval == 60s);
    CHECK(metrics.state_dir == "/srv/k");
    CHECK(config.log_target == LogTarget::journal);

    const auto defaults = parse_settings("", "k.yaml", problems).metrics;
    CHECK(defaults.dir.empty());  // off unless asked for
    CHECK(defaults.interval == 30s);
    CHECK(defaults.state_dir == "/var/lib/eimza-kiosk");

    config = parse_settings("metrics:\n  interval_seconds: 0\n  dri: /x\nlogging:\n  target: syslog\n", "k.yaml", problems);
    metrics = config.metrics;
    CHECK(problems.size() == 3);
    CHECK(metrics.interval == 30s);
    CHECK(config.log_target == LogTarget::automatic);
}
