#include "hw/cert/verdict_engine.h"

#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>

#include "hw/cert/certificate.h"
#include "hw/cert/tckn.h"

namespace eimza::hw {

namespace {

using std::chrono::duration_cast;
using std::chrono::hours;

bool contains_any(const std::string& text, const std::vector<std::string>& needles) {
    return std::any_of(needles.begin(), needles.end(),
                       [&](const std::string& n) { return !n.empty() && text.find(n) != std::string::npos; });
}

bool shares(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    return std::any_of(a.begin(), a.end(), [&](const std::string& x) { return std::find(b.begin(), b.end(), x) != b.end(); });
}

CertRole role_of(const ParsedCertificate& cert, const std::string& label, const VerdictConfig& config) {
    const RegistrarRules& rules = config.registrar;
    if (shares(cert.policies, rules.policy_oids) || shares(cert.ekus, rules.eku_oids) ||
        contains_any(label, rules.label_contains) || contains_any(cert.issuer, rules.issuer_contains))
        return CertRole::registrar;
    if (shares(cert.policies, config.nes_policy_oids)) return CertRole::nes;
    return CertRole::other;
}

long days_between(SystemTime from, SystemTime to) {
    const auto h = duration_cast<hours>(to - from).count();
    return static_cast<long>(h >= 0 ? h / 24 : -((-h + 23) / 24));
}

X509* to_x509(const Bytes& der) {
    const unsigned char* p = der.data();
    return d2i_X509(nullptr, &p, static_cast<long>(der.size()));
}

// Expiry is judged on its own line; the chain question is only "does it
// lead to an anchor", so time errors are not chain errors.
int ignore_time(int ok, X509_STORE_CTX* ctx) {
    const int error = X509_STORE_CTX_get_error(ctx);
    if (!ok && (error == X509_V_ERR_CERT_HAS_EXPIRED || error == X509_V_ERR_CERT_NOT_YET_VALID)) return 1;
    return ok;
}

ChainStatus chain_of(const ParsedCertificate& cert, const std::vector<ParsedCertificate>& others,
                     const TrustStore& trust) {
    if (trust.anchors.empty()) return ChainStatus::untrusted;
    std::unique_ptr<X509_STORE, decltype(&X509_STORE_free)> store(X509_STORE_new(), &X509_STORE_free);
    for (const auto& der : trust.anchors) {
        if (X509* anchor = to_x509(der)) {
            X509_STORE_add_cert(store.get(), anchor);
            X509_free(anchor);
        }
    }
    X509_STORE_set_verify_cb(store.get(), ignore_time);
    // An anchor is whatever IT installed: a Kamu SM root, or an issuing CA
    // they chose to trust directly.
    X509_STORE_set_flags(store.get(), X509_V_FLAG_PARTIAL_CHAIN);
    std::unique_ptr<STACK_OF(X509), void (*)(STACK_OF(X509)*)> untrusted(
        sk_X509_new_null(), [](STACK_OF(X509)* s) { sk_X509_pop_free(s, X509_free); });
    for (const auto& other : others)
        if (other.der != cert.der)
            if (X509* x = to_x509(other.der)) sk_X509_push(untrusted.get(), x);
    for (const auto& der : trust.intermediates)
        if (X509* x = to_x509(der)) sk_X509_push(untrusted.get(), x);

    std::unique_ptr<X509, decltype(&X509_free)> leaf(to_x509(cert.der), &X509_free);
    std::unique_ptr<X509_STORE_CTX, decltype(&X509_STORE_CTX_free)> ctx(X509_STORE_CTX_new(), &X509_STORE_CTX_free);
    if (!leaf || !ctx || X509_STORE_CTX_init(ctx.get(), store.get(), leaf.get(), untrusted.get()) != 1)
        return ChainStatus::untrusted;
    if (X509_verify_cert(ctx.get()) == 1) return ChainStatus::ok;
    switch (X509_STORE_CTX_get_error(ctx.get())) {
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY: {
            // The chain stops at a certificate that is not self-signed: an
            // intermediate is missing, not a foreign root.
            STACK_OF(X509)* built = X509_STORE_CTX_get0_chain(ctx.get());
            X509* top = built && sk_X509_num(built) > 0 ? sk_X509_value(built, sk_X509_num(built) - 1) : leaf.get();
            return X509_check_issued(top, top) == X509_V_OK ? ChainStatus::untrusted : ChainStatus::incomplete;
        }
        default:
            return ChainStatus::untrusted;
    }
}

Bytes read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), {});
}

void load_into(const std::string& path, std::vector<Bytes>& out, std::vector<std::string>& problems) {
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    if (std::filesystem::is_directory(path, ec)) {
        for (const auto& entry : std::filesystem::directory_iterator(path, ec))
            if (entry.is_regular_file()) files.push_back(entry.path());
    } else if (std::filesystem::exists(path, ec)) {
        files.push_back(path);
    } else {
        problems.push_back(path + ": not found");
        return;
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        const auto ext = file.extension().string();
        if (ext != ".pem" && ext != ".crt" && ext != ".der" && ext != ".cer") continue;
        if (auto cert = parse_certificate(read_file(file))) out.push_back(cert->der);
        else problems.push_back(file.string() + ": not a certificate");
    }
}

Reason reason(std::string key, std::map<std::string, std::string> values = {}) {
    return Reason{std::move(key), std::move(values)};
}

}  // namespace

TrustStore TrustStore::load(const std::vector<std::string>& anchor_paths,
                            const std::vector<std::string>& intermediate_paths, std::vector<std::string>& problems) {
    TrustStore store;
    for (const auto& path : anchor_paths) load_into(path, store.anchors, problems);
    for (const auto& path : intermediate_paths) load_into(path, store.intermediates, problems);
    return store;
}

Verdict compute_verdict(const VerdictInput& input, const TrustStore& trust, const VerdictConfig& config) {
    Verdict verdict;
    verdict.pin = input.pin;
    verdict.clock_suspect = input.now < input.build_time || input.clock_unsynchronised;

    std::vector<ParsedCertificate> parsed;
    std::vector<std::string> labels;
    for (const auto& object : input.certificates) {
        if (auto cert = parse_certificate(object.der)) {
            parsed.push_back(std::move(*cert));
            labels.push_back(object.label);
        } else {
            verdict.warnings.push_back(reason("verdict.warning.malformed_certificate", {{"label", object.label}}));
        }
    }

    for (std::size_t i = 0; i < parsed.size(); ++i) {
        const ParsedCertificate& p = parsed[i];
        if (p.is_ca) continue;  // CA certificates on a card only help build chains
        CertificateVerdict c;
        c.subject = p.subject;
        c.issuer = p.issuer;
        c.serial = p.serial_hex;
        c.der_sha256 = p.sha256_hex;
        c.not_before = p.not_before;
        c.not_after = p.not_after;
        c.days_left = days_between(input.now, p.not_after);
        c.role = role_of(p, labels[i], config);
        c.qualified = p.qualified;
        c.chain = chain_of(p, parsed, trust);
        c.ocsp_urls = p.ocsp_urls;
        c.crl_urls = p.crl_urls;
        c.ca_issuer_urls = p.ca_issuer_urls;
        if (auto known = input.revocation.find(p.sha256_hex); known != input.revocation.end()) c.revocation = known->second;
        c.revocation.pending = input.revocation_pending && c.revocation.status == RevocationStatus::unknown;
        verdict.certificates.push_back(std::move(c));
        if (verdict.certificates.back().role == CertRole::nes && !verdict.holder) {
            Holder holder;
            holder.name = p.common_name;
            holder.tckn = p.serial_number;
            holder.tckn_masked = mask_tckn(p.serial_number);
            holder.tckn_checksum_ok = tckn_checksum_ok(p.serial_number);
            if (!holder.tckn_checksum_ok)
                verdict.warnings.push_back(reason("verdict.warning.tckn_checksum", {{"tckn", holder.tckn_masked}}));
            verdict.holder = holder;
        }
    }
    // The holder's NES first: it is what the person came about.
    std::stable_sort(verdict.certificates.begin(), verdict.certificates.end(),
                     [](const CertificateVerdict& a, const CertificateVerdict& b) {
                         return a.role == CertRole::nes && b.role != CertRole::nes;
                     });

    const auto nes = std::find_if(verdict.certificates.begin(), verdict.certificates.end(),
                                  [](const CertificateVerdict& c) { return c.role == CertRole::nes; });
    const auto registrar = std::find_if(verdict.certificates.begin(), verdict.certificates.end(),
                                        [](const CertificateVerdict& c) { return c.role == CertRole::registrar; });
    const bool has_registrar = registrar != verdict.certificates.end();
    if (verdict.clock_suspect) verdict.warnings.push_back(reason("verdict.warning.clock"));

    if (input.certificates.empty() || nes == verdict.certificates.end()) {
        // A certificate that does not parse may be the person's NES: without
        // it nothing says the card holds none.
        const bool malformed = parsed.size() != input.certificates.size();
        verdict.overall = malformed ? Overall::unreadable : Overall::no_certificate;
        verdict.recommended_process = malformed ? Process::none : Process::first_application;
        verdict.reasons.push_back(reason(verdict.overall == Overall::unreadable ? "verdict.reason.unreadable"
                                                                                : "verdict.reason.no_nes"));
        return verdict;
    }

    const long days = nes->days_left;
    const std::map<std::string, std::string> days_value{{"days", std::to_string(days < 0 ? -days : days)}};
    const bool expired = input.now >= nes->not_after;
    const bool not_yet = input.now < nes->not_before;
    const bool renew_soon = !expired && days < config.renewal_window_days;
    const bool registrar_due = has_registrar && input.now + std::chrono::hours(24) * config.renewal_window_days >=
                                                    registrar->not_after;
    const Process renew = has_registrar ? Process::registrar_renewal : Process::renewal;

    if (nes->revocation.status == RevocationStatus::revoked) {
        verdict.overall = Overall::revoked;
        verdict.recommended_process = Process::lost_stolen;
        verdict.reasons.push_back(reason("verdict.reason.revoked"));
        verdict.reasons.push_back(reason("verdict.reason.revoked_next"));
    } else if (expired && !verdict.clock_suspect) {
        verdict.overall = Overall::expired;
        verdict.recommended_process = renew;
        verdict.reasons.push_back(reason("verdict.reason.expired", days_value));
    } else if (input.pin == PinState::locked) {
        verdict.overall = Overall::pin_blocked;
        verdict.recommended_process = Process::pin_puk_block;
        verdict.reasons.push_back(reason("verdict.reason.pin_locked"));
    } else if (not_yet && !verdict.clock_suspect) {
        verdict.overall = Overall::not_yet_valid;
        verdict.recommended_process = Process::none;
        verdict.reasons.push_back(reason("verdict.reason.not_yet_valid"));
    } else if (nes->chain != ChainStatus::ok) {
        verdict.overall = Overall::untrusted;
        verdict.recommended_process = Process::none;
        verdict.reasons.push_back(reason(std::string("verdict.reason.chain_") + to_string(nes->chain)));
    } else if ((renew_soon || registrar_due) && !verdict.clock_suspect) {
        verdict.overall = Overall::renew_soon;
        verdict.recommended_process = renew;
        verdict.reasons.push_back(reason(renew_soon ? "verdict.reason.renew_soon" : "verdict.reason.registrar_due",
                                         renew_soon ? days_value
                                                    : std::map<std::string, std::string>{
                                                          {"days", std::to_string(registrar->days_left)}}));
    } else {
        verdict.overall = Overall::valid;
        verdict.recommended_process = Process::none;
        verdict.reasons.push_back(reason("verdict.reason.valid", days_value));
    }
    if (verdict.overall != Overall::pin_blocked && input.pin == PinState::locked)
        verdict.reasons.push_back(reason("verdict.reason.pin_locked"));
    if (input.pin == PinState::final_try) verdict.reasons.push_back(reason("verdict.reason.pin_final_try"));
    if (!nes->qualified) verdict.reasons.push_back(reason("verdict.reason.not_qualified"));
    if (has_registrar && verdict.recommended_process == Process::registrar_renewal)
        verdict.reasons.push_back(reason("verdict.reason.registrar_route"));
    return verdict;
}

}  // namespace eimza::hw
