// The verdict on the shared real-format Kamu SM sample and on edge cases.
#include <catch2/catch.hpp>

#include <algorithm>
#include <ctime>
#include <fstream>
#include <iterator>

#include "hw/cert/certificate.h"
#include "hw/cert/tckn.h"
#include "hw/cert/verdict_engine.h"

using namespace eimza::hw;
using namespace std::chrono_literals;

namespace {

Bytes fixture(const char* name) {
    std::ifstream in(std::string(EIMZA_SOURCE_DIR) + "/tests/cert/fixtures/" + name, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), {});
}

SystemTime date(int y, int m, int d) {
    std::tm tm{};
    tm.tm_year = y - 1900;
    tm.tm_mon = m - 1;
    tm.tm_mday = d;
    return std::chrono::system_clock::from_time_t(timegm(&tm));
}

VerdictInput sample_input(SystemTime now) {
    VerdictInput input;
    input.certificates.push_back({fixture("kamusm-nes-v3-test-user.der"), {}, "Nitelikli"});
    input.pin = PinState::ok;
    input.now = now;
    input.build_time = date(2010, 1, 1);
    return input;
}

TrustStore sample_trust() {
    TrustStore trust;
    trust.anchors.push_back(fixture("kamusm-nes-v3-issuing-ca.der"));
    return trust;
}

}  // namespace

TEST_CASE("TCKN checksum, including the negative-modulo case", "[tckn]") {
    CHECK(tckn_checksum_ok("10000000146"));
    CHECK(tckn_checksum_ok("19090909018"));
    CHECK_FALSE(tckn_checksum_ok("10000000111"));
    CHECK_FALSE(tckn_checksum_ok("12345678910"));
    CHECK_FALSE(tckn_checksum_ok("01234567890"));
    CHECK_FALSE(tckn_checksum_ok("1000000014a"));
    CHECK_FALSE(tckn_checksum_ok(""));
    CHECK(mask_tckn("10000000111") == "100******11");
}

TEST_CASE("the real-format sample: Turkish name, failing TCKN, NES, qualified", "[verdict]") {
    const auto cert = parse_certificate(fixture("kamusm-nes-v3-test-user.der"));
    REQUIRE(cert);
    CHECK(cert->common_name == "Test Kullanıcı Bir");
    CHECK(cert->serial_number == "10000000111");
    CHECK(cert->qualified);

    const Verdict v = compute_verdict(sample_input(date(2013, 6, 1)), sample_trust(), VerdictConfig{});
    REQUIRE(v.holder);
    CHECK(v.holder->name == "Test Kullanıcı Bir");
    CHECK(v.holder->tckn_masked == "100******11");
    CHECK_FALSE(v.holder->tckn_checksum_ok);
    REQUIRE(!v.certificates.empty());
    CHECK(v.certificates[0].role == CertRole::nes);
    CHECK(v.certificates[0].qualified);
    CHECK(v.certificates[0].chain == ChainStatus::ok);
    CHECK(v.overall == Overall::valid);
    CHECK(std::any_of(v.warnings.begin(), v.warnings.end(),
                      [](const Reason& r) { return r.key == "verdict.warning.tckn_checksum"; }));
}

TEST_CASE("renewal window edges: 91 days left is valid, 89 is renew_soon", "[verdict]") {
    const auto cert = parse_certificate(fixture("kamusm-nes-v3-test-user.der"));
    REQUIRE(cert);
    const VerdictConfig config;
    auto at = [&](std::chrono::hours before_expiry) {
        return compute_verdict(sample_input(cert->not_after - before_expiry), sample_trust(), config);
    };
    CHECK(at(91 * 24h).overall == Overall::valid);
    CHECK(at(90 * 24h + 1h).overall == Overall::valid);
    CHECK(at(89 * 24h).overall == Overall::renew_soon);
    CHECK(at(89 * 24h).recommended_process == Process::renewal);
    CHECK(at(-1h).overall == Overall::expired);
}

TEST_CASE("unknown root or no anchors at all: untrusted", "[verdict]") {
    const Verdict v = compute_verdict(sample_input(date(2013, 6, 1)), TrustStore{}, VerdictConfig{});
    CHECK(v.overall == Overall::untrusted);
}

TEST_CASE("a locked PIN recommends the PIN-PUK process, and a clock before the build date judges no dates", "[verdict]") {
    auto input = sample_input(date(2013, 6, 1));
    input.pin = PinState::locked;
    const Verdict locked = compute_verdict(input, sample_trust(), VerdictConfig{});
    CHECK(locked.overall == Overall::pin_blocked);
    CHECK(locked.recommended_process == Process::pin_puk_block);

    auto late = sample_input(date(2030, 1, 1));  // long after expiry…
    late.build_time = date(2031, 1, 1);          // …but the clock is before the build
    const Verdict suspect = compute_verdict(late, sample_trust(), VerdictConfig{});
    CHECK(suspect.clock_suspect);
    CHECK(suspect.overall != Overall::expired);
}

TEST_CASE("malformed input never crashes", "[verdict]") {
    CHECK_FALSE(parse_certificate({}));
    CHECK_FALSE(parse_certificate({0x30, 0x82, 0xFF, 0xFF, 0x00}));
    Bytes truncated = fixture("kamusm-nes-v3-test-user.der");
    truncated.resize(truncated.size() / 2);
    CHECK_FALSE(parse_certificate(truncated));
    VerdictInput input = sample_input(date(2013, 6, 1));
    input.certificates = {{truncated, {}, "bad"}};
    const Verdict v = compute_verdict(input, sample_trust(), VerdictConfig{});
    CHECK(v.overall == Overall::unreadable);
    input.certificates.clear();
    CHECK(compute_verdict(input, sample_trust(), VerdictConfig{}).overall == Overall::no_certificate);
    CHECK(compute_verdict(input, sample_trust(), VerdictConfig{}).recommended_process == Process::first_application);
}
