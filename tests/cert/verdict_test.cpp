// The verdict on the shared real-format Kamu SM sample and on edge cases.
#include <catch2/catch.hpp>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <ctime>
#include <fstream>
#include <iterator>
#include <memory>

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

// The sample with a good OCSP answer for the holder: every check's evidence
// in, so that the dates decide.
VerdictInput sample_input(SystemTime now) {
    VerdictInput input;
    input.certificates.push_back({fixture("kamusm-nes-v3-test-user.der"), {}, "Nitelikli"});
    input.pin = PinState::ok;
    input.now = now;
    input.build_time = date(2010, 1, 1);
    Revocation good;
    good.status = RevocationStatus::good;
    good.source = RevocationSource::ocsp;
    good.checked_at = now;
    input.revocation[parse_certificate(fixture("kamusm-nes-v3-test-user.der"))->sha256_hex] = good;
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

// --- Paths made here: root -> issuing CA -> holder, with chosen dates ------

namespace {

template <class T, void (*Free)(T*)>
struct Free_ {
    void operator()(T* p) const { Free(p); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, Free_<EVP_PKEY, EVP_PKEY_free>>;
using CertPtr = std::unique_ptr<X509, Free_<X509, X509_free>>;

KeyPtr new_key() { return KeyPtr(EVP_EC_gen("P-256")); }

void add_ext(X509* cert, X509* issuer, int nid, const char* value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    INFO(OBJ_nid2sn(nid) << " = " << value);
    REQUIRE(ext);
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
}

// A certificate valid from now+from to now+to (days), signed by signer.
CertPtr make_cert(const char* cn, EVP_PKEY* key, X509* issuer, EVP_PKEY* signer, SystemTime now, int from, int to,
                  bool ca, long serial) {
    CertPtr cert(X509_new());
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial);
    std::time_t t = std::chrono::system_clock::to_time_t(now);
    X509_time_adj_ex(X509_getm_notBefore(cert.get()), from, 0, &t);
    X509_time_adj_ex(X509_getm_notAfter(cert.get()), to, 0, &t);
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "C", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("TR"), -1, -1, 0);
    if (!ca)
        X509_NAME_add_entry_by_txt(name, "serialNumber", MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char*>("10000000146"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(cn), -1, -1, 0);
    X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer) : name);
    X509_set_pubkey(cert.get(), key);
    X509* signer_cert = issuer ? issuer : cert.get();
    add_ext(cert.get(), signer_cert, NID_basic_constraints, ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
    add_ext(cert.get(), signer_cert, NID_key_usage, ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature,nonRepudiation");
    if (!ca) {
        CERTIFICATEPOLICIES* policies = sk_POLICYINFO_new_null();
        POLICYINFO* nes = POLICYINFO_new();
        ASN1_OBJECT_free(nes->policyid);
        nes->policyid = OBJ_txt2obj("2.16.792.1.2.1.1.5.7.1.1", 1);
        sk_POLICYINFO_push(policies, nes);
        X509_add1_ext_i2d(cert.get(), NID_certificate_policies, policies, 0, X509V3_ADD_DEFAULT);
        CERTIFICATEPOLICIES_free(policies);
    }
    X509_sign(cert.get(), signer, EVP_sha256());
    return cert;
}

Bytes der(X509* cert) {
    Bytes out(static_cast<std::size_t>(i2d_X509(cert, nullptr)));
    unsigned char* p = out.data();
    i2d_X509(cert, &p);
    return out;
}

std::string pem(X509* cert) {
    std::unique_ptr<BIO, Free_<BIO, BIO_free_all>> bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(bio.get(), cert);
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
}

struct Pki {
    SystemTime now = date(2026, 6, 1);
    KeyPtr root_key = new_key(), ca_key = new_key(), holder_key = new_key();
    CertPtr root, ca, holder;
    explicit Pki(int ca_from = -1000, int ca_to = 1000) {
        root = make_cert("Test Kök", root_key.get(), nullptr, root_key.get(), now, -3000, 3000, true, 1);
        ca = make_cert("Test Issuing CA", ca_key.get(), root.get(), root_key.get(), now, ca_from, ca_to, true, 2);
        holder = make_cert("Ayşe Yılmaz", holder_key.get(), ca.get(), ca_key.get(), now, -10, 400, false, 3);
    }
    std::string sha(X509* cert) const { return parse_certificate(der(cert))->sha256_hex; }
    TrustStore trust() const {
        TrustStore t;
        t.anchors.push_back(der(root.get()));
        return t;
    }
    // The holder and its CA as a card would hold them, answers as given.
    VerdictInput input(std::optional<Revocation> holder_answer, std::optional<Revocation> ca_answer) const {
        VerdictInput in;
        in.certificates = {{der(holder.get()), {}, "holder"}, {der(ca.get()), {}, "ca"}};
        in.pin = PinState::ok;
        in.now = now;
        in.build_time = date(2020, 1, 1);
        if (holder_answer) in.revocation[sha(holder.get())] = *holder_answer;
        if (ca_answer) in.revocation[sha(ca.get())] = *ca_answer;
        return in;
    }
};

Revocation answer(RevocationStatus status, RevocationSource source, SystemTime at) {
    Revocation r;
    r.status = status;
    r.source = source;
    r.checked_at = at;
    return r;
}

bool has_reason(const Verdict& v, const std::string& key) {
    return std::any_of(v.reasons.begin(), v.reasons.end(), [&](const Reason& r) { return r.key == key; });
}

}  // namespace

TEST_CASE("a path through valid, unrevoked CAs with every answer in: valid, and the path is listed", "[verdict][path]") {
    const Pki pki;
    const auto good = answer(RevocationStatus::good, RevocationSource::ocsp, pki.now);
    const Verdict v = compute_verdict(pki.input(good, good), pki.trust(), VerdictConfig{});
    CHECK(v.overall == Overall::valid);
    REQUIRE(v.certificates.size() == 1);
    const auto& path = v.certificates[0].path;
    REQUIRE(path.size() == 2);
    CHECK(path[0].subject.find("Test Issuing CA") != std::string::npos);
    CHECK_FALSE(path[0].anchor);
    CHECK(path[1].anchor);
    CHECK(certification_path(der(pki.holder.get()), {der(pki.ca.get())}, pki.trust(), pki.now).size() == 3);
}

TEST_CASE("an issuing CA outside its dates: the CA is not valid, not 'chain ok'", "[verdict][path]") {
    const auto good = [](const Pki& p) { return answer(RevocationStatus::good, RevocationSource::ocsp, p.now); };
    const Pki expired(-3000, -1);
    Verdict v = compute_verdict(expired.input(good(expired), good(expired)), expired.trust(), VerdictConfig{});
    CHECK(v.certificates[0].chain == ChainStatus::ca_expired);
    CHECK(v.overall == Overall::ca_invalid);
    CHECK(v.certificates[0].path[0].validity == CaValidity::expired);
    CHECK(has_reason(v, "verdict.reason.ca_expired"));
    CHECK(v.reasons[0].values.at("ca") == "Test Issuing CA");

    const Pki not_yet(5, 3000);
    v = compute_verdict(not_yet.input(good(not_yet), good(not_yet)), not_yet.trust(), VerdictConfig{});
    CHECK(v.certificates[0].chain == ChainStatus::ca_not_yet_valid);
    CHECK(v.overall == Overall::ca_invalid);
    CHECK(has_reason(v, "verdict.reason.ca_not_yet_valid"));

    // Judged at the time given, not the system clock: before the CA expired it was fine.
    auto earlier = expired.input(good(expired), good(expired));
    earlier.now = expired.now - std::chrono::hours(24 * 10);
    earlier.revocation[expired.sha(expired.holder.get())].checked_at = earlier.now;
    earlier.revocation[expired.sha(expired.ca.get())].checked_at = earlier.now;
    CHECK(compute_verdict(earlier, expired.trust(), VerdictConfig{}).certificates[0].chain == ChainStatus::ok);
}

TEST_CASE("an issuing CA revoked by its issuer: not valid, even with the holder's good answer", "[verdict][path]") {
    const Pki pki;
    const Verdict v = compute_verdict(pki.input(answer(RevocationStatus::good, RevocationSource::ocsp, pki.now),
                                                answer(RevocationStatus::revoked, RevocationSource::crl, pki.now)),
                                      pki.trust(), VerdictConfig{});
    CHECK(v.certificates[0].chain == ChainStatus::ca_revoked);
    CHECK(v.overall == Overall::ca_invalid);
    CHECK(has_reason(v, "verdict.reason.ca_revoked"));
}

TEST_CASE("the holder's own expiry comes first, with the CA's problem said too", "[verdict][path]") {
    Pki pki(-3000, -1);
    pki.holder = make_cert("Ayşe Yılmaz", pki.holder_key.get(), pki.ca.get(), pki.ca_key.get(), pki.now, -900, -2,
                           false, 4);
    const auto good = answer(RevocationStatus::good, RevocationSource::ocsp, pki.now);
    const Verdict v = compute_verdict(pki.input(good, good), pki.trust(), VerdictConfig{});
    CHECK(v.overall == Overall::expired);
    CHECK(has_reason(v, "verdict.reason.ca_invalid_also"));
}

TEST_CASE("nothing is valid until the evidence is in", "[verdict][evidence]") {
    const Pki pki;
    const auto good = answer(RevocationStatus::good, RevocationSource::ocsp, pki.now);

    SECTION("a lookup under way: checking, never valid") {
        auto in = pki.input(std::nullopt, std::nullopt);
        in.revocation_pending = true;
        const Verdict v = compute_verdict(in, pki.trust(), VerdictConfig{});
        CHECK(v.overall == Overall::checking);
        CHECK(v.certificates[0].revocation.pending);
        CHECK(v.certificates[0].path[0].revocation.pending);
        // The screen's deadline passes: unconfirmed, said why.
        const Verdict late = give_up_waiting(v);
        CHECK(late.overall == Overall::unconfirmed);
        CHECK_FALSE(late.certificates[0].revocation.pending);
        CHECK(late.certificates[0].revocation.gap == RevocationGap::timeout);
        CHECK(has_reason(late, "verdict.reason.gap.timeout"));
        CHECK_FALSE(has_reason(late, "verdict.reason.checking"));
    }
    SECTION("while a fresh answer is asked, an earlier one only shows its age") {
        auto earlier = answer(RevocationStatus::good, RevocationSource::cache, pki.now - std::chrono::hours(3));
        auto in = pki.input(earlier, std::nullopt);
        in.revocation_pending = true;
        const Verdict v = compute_verdict(in, pki.trust(), VerdictConfig{});
        CHECK(v.overall == Overall::checking);
        CHECK(v.certificates[0].revocation.pending);
        const Verdict late = give_up_waiting(v);
        CHECK(late.overall == Overall::unconfirmed);
        // Its age stays for the screen: "last confirmed 3 h ago".
        CHECK(late.certificates[0].revocation.source == RevocationSource::cache);
        CHECK(late.certificates[0].revocation.checked_at == pki.now - std::chrono::hours(3));
    }
    SECTION("no answer for the holder: unconfirmed, with the reason") {
        Revocation silent;
        silent.gap = RevocationGap::no_answer;
        const Verdict v = compute_verdict(pki.input(silent, good), pki.trust(), VerdictConfig{});
        CHECK(v.overall == Overall::unconfirmed);
        CHECK(has_reason(v, "verdict.reason.gap.no_answer"));
    }
    SECTION("no answer for the issuing CA: unconfirmed as well") {
        const Verdict v = compute_verdict(pki.input(good, std::nullopt), pki.trust(), VerdictConfig{});
        CHECK(v.overall == Overall::unconfirmed);
        CHECK(v.certificates[0].path[0].revocation.gap == RevocationGap::not_checked);
    }
    SECTION("revocation off (--offline): unconfirmed, saying so") {
        auto in = pki.input(std::nullopt, std::nullopt);
        in.revocation_gap = RevocationGap::offline;
        const Verdict v = compute_verdict(in, pki.trust(), VerdictConfig{});
        CHECK(v.overall == Overall::unconfirmed);
        CHECK(v.certificates[0].revocation.gap == RevocationGap::offline);
        CHECK(has_reason(v, "verdict.reason.gap.offline"));
    }
    SECTION("an earlier good answer reused while offline: unconfirmed, never valid") {
        auto cached = answer(RevocationStatus::good, RevocationSource::cache, pki.now - std::chrono::hours(3));
        cached.gap = RevocationGap::no_answer;
        const Verdict v = compute_verdict(pki.input(cached, good), pki.trust(), VerdictConfig{});
        CHECK(v.overall == Overall::unconfirmed);
    }
    SECTION("an earlier revoked answer stands") {
        const auto cached = answer(RevocationStatus::revoked, RevocationSource::cache, pki.now - std::chrono::hours(3));
        CHECK(compute_verdict(pki.input(cached, good), pki.trust(), VerdictConfig{}).overall == Overall::revoked);
    }
    SECTION("a CRL counts until its nextUpdate, not after") {
        auto crl = answer(RevocationStatus::good, RevocationSource::crl, pki.now);
        crl.this_update = pki.now - std::chrono::hours(5);
        crl.next_update = pki.now + std::chrono::hours(19);
        CHECK(compute_verdict(pki.input(good, crl), pki.trust(), VerdictConfig{}).overall == Overall::valid);
        crl.next_update = pki.now - std::chrono::hours(1);
        CHECK(compute_verdict(pki.input(good, crl), pki.trust(), VerdictConfig{}).overall == Overall::unconfirmed);
    }
    SECTION("renewal due while unconfirmed: the renewal is still offered") {
        Pki soon;
        soon.holder = make_cert("Ayşe Yılmaz", soon.holder_key.get(), soon.ca.get(), soon.ca_key.get(), soon.now, -900,
                                30, false, 5);
        const Verdict v = compute_verdict(soon.input(std::nullopt, std::nullopt), soon.trust(), VerdictConfig{});
        CHECK(v.overall == Overall::unconfirmed);
        CHECK(v.recommended_process == Process::renewal);
        CHECK(has_reason(v, "verdict.reason.renew_soon"));
    }
}

TEST_CASE("a revoked holder: the person is asked why, no process is assumed", "[verdict]") {
    const Pki pki;
    const Verdict v = compute_verdict(pki.input(answer(RevocationStatus::revoked, RevocationSource::ocsp, pki.now),
                                                answer(RevocationStatus::good, RevocationSource::ocsp, pki.now)),
                                      pki.trust(), VerdictConfig{});
    CHECK(v.overall == Overall::revoked);
    CHECK(v.recommended_process == Process::none);
}

TEST_CASE("PEM and DER alike: a PEM bundle splits into its certificates", "[verdict][pem]") {
    const Pki pki;
    const std::string bundle = pem(pki.holder.get()) + pem(pki.ca.get());
    const auto split = split_certificates(Bytes(bundle.begin(), bundle.end()));
    REQUIRE(split.size() == 2);
    CHECK(split[0] == der(pki.holder.get()));
    CHECK(split[1] == der(pki.ca.get()));
    CHECK(split_certificates(der(pki.ca.get())) == std::vector<Bytes>{der(pki.ca.get())});
    CHECK(split_certificates(Bytes{'x', 'y'}).empty());
    // A PEM issuer builds the same path as a DER one.
    const std::string ca_pem = pem(pki.ca.get());
    CHECK(certification_path(der(pki.holder.get()), {Bytes(ca_pem.begin(), ca_pem.end())}, pki.trust(), pki.now).size() ==
          3);
}
