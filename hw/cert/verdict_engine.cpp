#include "hw/cert/verdict_engine.h"

#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>

#include "hw/base/openssl_ptr.h"
#include "hw/base/time_text.h"
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

// Every certificate's dates are judged from the path afterwards, each on
// its own line (the holder's as expiry, a CA's as "the CA is not valid"),
// so time errors do not stop the path from being built.
int ignore_time(int ok, X509_STORE_CTX* ctx) {
    const int error = X509_STORE_CTX_get_error(ctx);
    if (!ok && (error == X509_V_ERR_CERT_HAS_EXPIRED || error == X509_V_ERR_CERT_NOT_YET_VALID)) return 1;
    return ok;
}

struct BuiltPath {
    ChainStatus chain = ChainStatus::untrusted;  // ok, untrusted or incomplete: the dates come later
    std::vector<Bytes> ders;                     // the certificate first, the anchor last (when ok)
};

Bytes der_of(X509* cert) {
    const int size = i2d_X509(cert, nullptr);
    if (size <= 0) return {};
    Bytes der(static_cast<std::size_t>(size));
    unsigned char* p = der.data();
    i2d_X509(cert, &p);
    return der;
}

BuiltPath build_path(const Bytes& cert_der, const std::vector<Bytes>& others, const TrustStore& trust,
                     SystemTime now) {
    BuiltPath result;
    if (trust.anchors.empty()) return result;
    X509StorePtr store(X509_STORE_new());
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
    X509StackPtr untrusted(sk_X509_new_null());
    for (const auto& other : others)
        if (other != cert_der)
            if (X509* x = to_x509(other)) sk_X509_push(untrusted.get(), x);
    for (const auto& der : trust.intermediates)
        if (X509* x = to_x509(der)) sk_X509_push(untrusted.get(), x);

    X509Ptr leaf(to_x509(cert_der));
    X509StoreCtxPtr ctx(X509_STORE_CTX_new());
    if (!leaf || !ctx || X509_STORE_CTX_init(ctx.get(), store.get(), leaf.get(), untrusted.get()) != 1) return result;
    // The judgement time, not the system clock: `verify --at` and the tests
    // judge other moments, and among renewed CA certificates with the same
    // key OpenSSL then prefers the one valid at that time.
    X509_STORE_CTX_set_time(ctx.get(), 0, std::chrono::system_clock::to_time_t(now));
    if (X509_verify_cert(ctx.get()) == 1) {
        result.chain = ChainStatus::ok;
        STACK_OF(X509)* built = X509_STORE_CTX_get0_chain(ctx.get());
        for (int i = 0; built && i < sk_X509_num(built); ++i) result.ders.push_back(der_of(sk_X509_value(built, i)));
        return result;
    }
    switch (X509_STORE_CTX_get_error(ctx.get())) {
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY: {
            // The chain stops at a certificate that is not self-signed: an
            // intermediate is missing, not a foreign root.
            STACK_OF(X509)* built = X509_STORE_CTX_get0_chain(ctx.get());
            X509* top = built && sk_X509_num(built) > 0 ? sk_X509_value(built, sk_X509_num(built) - 1) : leaf.get();
            result.chain = X509_check_issued(top, top) == X509_V_OK ? ChainStatus::untrusted : ChainStatus::incomplete;
            return result;
        }
        default:
            return result;
    }
}

std::string date_value(SystemTime when) { return utc_time_text(when, kIsoDate); }

Bytes read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), {});
}

void load_into(const std::string& path, std::vector<Bytes>& out, std::vector<std::string>& problems) {
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    if (std::filesystem::is_directory(path, ec)) {
        // In a directory, only certificate files: a README or key beside
        // them is not a problem.
        for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
            const auto ext = entry.path().extension().string();
            if (entry.is_regular_file() && (ext == ".pem" || ext == ".crt" || ext == ".der" || ext == ".cer"))
                files.push_back(entry.path());
        }
    } else if (std::filesystem::exists(path, ec)) {
        files.push_back(path);  // named explicitly: read whatever its name
    } else {
        problems.push_back(path + ": not found");
        return;
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        // A PEM file may hold a whole bundle.
        const auto certificates = split_certificates(read_file(file));
        if (certificates.empty()) problems.push_back(file.string() + ": not a certificate");
        out.insert(out.end(), certificates.begin(), certificates.end());
    }
}

Reason reason(std::string key, std::map<std::string, std::string> values = {}) {
    return Reason{std::move(key), std::move(values)};
}

Revocation revocation_of(const VerdictInput& input, const std::string& sha256) {
    Revocation r;
    if (auto known = input.revocation.find(sha256); known != input.revocation.end()) r = known->second;
    // An earlier answer (cache) is pending too: a fresh one is being asked.
    r.pending = input.revocation_pending &&
                (r.status == RevocationStatus::unknown || r.source == RevocationSource::cache);
    if (r.status == RevocationStatus::unknown && !r.pending && r.gap == RevocationGap::none)
        r.gap = input.revocation_gap;
    return r;
}

// "CN=Kamu SM ..., O=..." -> "Kamu SM ...": the name people know a CA by.
std::string common_name_of(const std::string& subject) {
    const auto at = subject.find("CN=");
    if (at == std::string::npos) return subject;
    std::string out;
    for (std::size_t i = at + 3; i < subject.size(); ++i) {
        if (subject[i] == '\\' && i + 1 < subject.size()) {
            out += subject[++i];
        } else if (subject[i] == ',') {
            break;
        } else {
            out += subject[i];
        }
    }
    return out;
}

}  // namespace

TrustStore TrustStore::load(const std::vector<std::string>& anchor_paths,
                            const std::vector<std::string>& intermediate_paths, std::vector<std::string>& problems) {
    TrustStore store;
    for (const auto& path : anchor_paths) load_into(path, store.anchors, problems);
    for (const auto& path : intermediate_paths) load_into(path, store.intermediates, problems);
    return store;
}

std::vector<Bytes> certification_path(const Bytes& cert, const std::vector<Bytes>& others, const TrustStore& trust,
                                      SystemTime now) {
    const auto parsed = parse_certificate(cert);
    if (!parsed) return {};
    std::vector<Bytes> normalised;
    for (const auto& other : others)
        if (auto o = parse_certificate(other)) normalised.push_back(o->der);
    return build_path(parsed->der, normalised, trust, now).ders;
}

namespace {

// One certificate of the token judged on its own: dates, role, its path to
// an anchor and the CAs on it, and the revocation evidence for each.
CertificateVerdict judge_certificate(const ParsedCertificate& p, const std::string& label,
                                     const std::vector<Bytes>& token_ders, const VerdictInput& input,
                                     const TrustStore& trust, const VerdictConfig& config, bool clock_suspect) {
    CertificateVerdict c;
    c.subject = p.subject;
    c.issuer = p.issuer;
    c.serial = p.serial_hex;
    c.der_sha256 = p.sha256_hex;
    c.not_before = p.not_before;
    c.not_after = p.not_after;
    c.days_left = days_between(input.now, p.not_after);
    c.role = role_of(p, label, config);
    c.qualified = p.qualified;
    const BuiltPath built = build_path(p.der, token_ders, trust, input.now);
    c.chain = built.chain;
    c.ocsp_urls = p.ocsp_urls;
    c.crl_urls = p.crl_urls;
    c.ca_issuer_urls = p.ca_issuer_urls;
    c.revocation = revocation_of(input, p.sha256_hex);
    for (std::size_t k = 1; k < built.ders.size(); ++k) {
        const auto ca = parse_certificate(built.ders[k]);
        if (!ca) continue;
        PathCertificate entry;
        entry.subject = ca->subject;
        entry.der_sha256 = ca->sha256_hex;
        entry.not_before = ca->not_before;
        entry.not_after = ca->not_after;
        entry.anchor = k + 1 == built.ders.size();
        // An unset clock judges no dates, the CAs' no more than the holder's.
        if (!clock_suspect)
            entry.validity = input.now >= ca->not_after  ? CaValidity::expired
                             : input.now < ca->not_before ? CaValidity::not_yet_valid
                                                          : CaValidity::ok;
        if (!entry.anchor) entry.revocation = revocation_of(input, ca->sha256_hex);
        c.path.push_back(std::move(entry));
    }
    // The first CA from the holder up that is not valid names the problem.
    if (c.chain == ChainStatus::ok) {
        for (const auto& ca : c.path) {
            if (!ca.anchor && ca.revocation.status == RevocationStatus::revoked) c.chain = ChainStatus::ca_revoked;
            else if (ca.validity == CaValidity::expired) c.chain = ChainStatus::ca_expired;
            else if (ca.validity == CaValidity::not_yet_valid) c.chain = ChainStatus::ca_not_yet_valid;
            if (c.chain != ChainStatus::ok) break;
        }
    }
    return c;
}

Holder holder_of(const ParsedCertificate& nes, std::vector<Reason>& warnings) {
    Holder holder;
    holder.name = nes.common_name;
    holder.tckn = nes.serial_number;
    holder.tckn_masked = mask_tckn(nes.serial_number);
    holder.tckn_checksum_ok = tckn_checksum_ok(nes.serial_number);
    if (!holder.tckn_checksum_ok)
        warnings.push_back(reason("verdict.warning.tckn_checksum", {{"tckn", holder.tckn_masked}}));
    return holder;
}

// Every certificate of the token judged, the holder's NES first, and the
// holder named by it; returns how many certificates parsed.
std::size_t judge_certificates(const VerdictInput& input, const TrustStore& trust, const VerdictConfig& config,
                               Verdict& verdict) {
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

    std::vector<Bytes> token_ders;
    for (const auto& p : parsed) token_ders.push_back(p.der);
    for (std::size_t i = 0; i < parsed.size(); ++i) {
        const ParsedCertificate& p = parsed[i];
        if (p.is_ca) continue;  // CA certificates on a card only help build chains
        verdict.certificates.push_back(
            judge_certificate(p, labels[i], token_ders, input, trust, config, verdict.clock_suspect));
        if (verdict.certificates.back().role == CertRole::nes && !verdict.holder)
            verdict.holder = holder_of(p, verdict.warnings);
    }
    // The holder's NES first: it is what the person came about.
    std::stable_sort(verdict.certificates.begin(), verdict.certificates.end(),
                     [](const CertificateVerdict& a, const CertificateVerdict& b) {
                         return a.role == CertRole::nes && b.role != CertRole::nes;
                     });
    return parsed.size();
}

// The overall answer and the way on, from the holder's NES (and a registrar
// certificate, when the token has one), with the reasons in the order said.
void decide_overall(const CertificateVerdict& nes, const CertificateVerdict* registrar, const VerdictInput& input,
                    const VerdictConfig& config, Verdict& verdict) {
    const bool has_registrar = registrar != nullptr;
    const long days = nes.days_left;
    const std::map<std::string, std::string> days_value{{"days", std::to_string(days < 0 ? -days : days)}};
    const bool expired = input.now >= nes.not_after;
    const bool not_yet = input.now < nes.not_before;
    const bool renew_soon = !expired && days < config.renewal_window_days;
    const bool registrar_due = has_registrar && input.now + std::chrono::hours(24) * config.renewal_window_days >=
                                                    registrar->not_after;
    const Process renew = has_registrar ? Process::registrar_renewal : Process::renewal;

    // The revocation evidence for the whole path below the anchor.
    bool pending = nes.revocation.pending, unconfirmed = !confirmed(nes.revocation, input.now);
    const Revocation* gap = unconfirmed ? &nes.revocation : nullptr;
    for (const auto& ca : nes.path) {
        if (ca.anchor) continue;
        pending = pending || ca.revocation.pending;
        if (!confirmed(ca.revocation, input.now)) {
            unconfirmed = true;
            if (!gap) gap = &ca.revocation;
        }
    }
    const bool ca_problem = nes.chain == ChainStatus::ca_expired || nes.chain == ChainStatus::ca_not_yet_valid ||
                            nes.chain == ChainStatus::ca_revoked;
    auto renewal_reason = [&] {
        return reason(renew_soon ? "verdict.reason.renew_soon" : "verdict.reason.registrar_due",
                      renew_soon ? days_value
                                 : std::map<std::string, std::string>{{"days", std::to_string(registrar->days_left)}});
    };
    const bool renewal_due = (renew_soon || registrar_due) && !verdict.clock_suspect;

    if (nes.revocation.status == RevocationStatus::revoked) {
        verdict.overall = Overall::revoked;
        // Why it was revoked decides the way on (lost, PIN-PUK, identity
        // change, other): the kiosk cannot know, so the person is asked.
        verdict.recommended_process = Process::none;
        verdict.reasons.push_back(reason("verdict.reason.revoked"));
        verdict.reasons.push_back(reason("verdict.reason.revoked_next"));
    } else if (expired && !verdict.clock_suspect) {
        verdict.overall = Overall::expired;
        verdict.recommended_process = renew;
        verdict.reasons.push_back(reason("verdict.reason.expired", days_value));
    } else if (ca_problem) {
        verdict.overall = Overall::ca_invalid;
        verdict.recommended_process = Process::none;
        const auto ca = std::find_if(nes.path.begin(), nes.path.end(), [](const PathCertificate& p) {
            return (!p.anchor && p.revocation.status == RevocationStatus::revoked) || p.validity != CaValidity::ok;
        });
        std::map<std::string, std::string> values;
        if (ca != nes.path.end()) {
            values["ca"] = common_name_of(ca->subject);
            values["date"] = date_value(nes.chain == ChainStatus::ca_not_yet_valid ? ca->not_before : ca->not_after);
        }
        verdict.reasons.push_back(reason(std::string("verdict.reason.") + to_string(nes.chain), values));
    } else if (input.pin == PinState::locked) {
        verdict.overall = Overall::pin_blocked;
        verdict.recommended_process = Process::pin_puk_block;
        verdict.reasons.push_back(reason("verdict.reason.pin_locked"));
    } else if (not_yet && !verdict.clock_suspect) {
        verdict.overall = Overall::not_yet_valid;
        verdict.recommended_process = Process::none;
        verdict.reasons.push_back(reason("verdict.reason.not_yet_valid"));
    } else if (nes.chain != ChainStatus::ok) {
        verdict.overall = Overall::untrusted;
        verdict.recommended_process = Process::none;
        verdict.reasons.push_back(reason(std::string("verdict.reason.chain_") + to_string(nes.chain)));
    } else if (pending) {
        verdict.overall = Overall::checking;
        verdict.recommended_process = renewal_due ? renew : Process::none;
        verdict.reasons.push_back(reason("verdict.reason.checking"));
        if (renewal_due) verdict.reasons.push_back(renewal_reason());
    } else if (unconfirmed) {
        verdict.overall = Overall::unconfirmed;
        verdict.recommended_process = renewal_due ? renew : Process::none;
        verdict.reasons.push_back(reason("verdict.reason.unconfirmed"));
        verdict.reasons.push_back(reason(std::string("verdict.reason.gap.") +
                                         to_string(gap->gap == RevocationGap::none ? RevocationGap::not_checked : gap->gap)));
        if (renewal_due) verdict.reasons.push_back(renewal_reason());
    } else if (renewal_due) {
        verdict.overall = Overall::renew_soon;
        verdict.recommended_process = renew;
        verdict.reasons.push_back(renewal_reason());
    } else {
        verdict.overall = Overall::valid;
        verdict.recommended_process = Process::none;
        verdict.reasons.push_back(reason("verdict.reason.valid", days_value));
    }
    // A CA problem is said even when another comes first.
    if (ca_problem && verdict.overall != Overall::ca_invalid)
        verdict.reasons.push_back(reason("verdict.reason.ca_invalid_also"));
    if (verdict.overall != Overall::pin_blocked && input.pin == PinState::locked)
        verdict.reasons.push_back(reason("verdict.reason.pin_locked"));
    if (input.pin == PinState::final_try) verdict.reasons.push_back(reason("verdict.reason.pin_final_try"));
    if (!nes.qualified) verdict.reasons.push_back(reason("verdict.reason.not_qualified"));
    if (has_registrar && verdict.recommended_process == Process::registrar_renewal)
        verdict.reasons.push_back(reason("verdict.reason.registrar_route"));
}

}  // namespace

Verdict compute_verdict(const VerdictInput& input, const TrustStore& trust, const VerdictConfig& config) {
    Verdict verdict;
    verdict.pin = input.pin;
    verdict.clock_suspect = input.now < input.build_time || input.clock_unsynchronised;
    const std::size_t parsed = judge_certificates(input, trust, config, verdict);

    const auto nes = std::find_if(verdict.certificates.begin(), verdict.certificates.end(),
                                  [](const CertificateVerdict& c) { return c.role == CertRole::nes; });
    const auto registrar = std::find_if(verdict.certificates.begin(), verdict.certificates.end(),
                                        [](const CertificateVerdict& c) { return c.role == CertRole::registrar; });
    if (verdict.clock_suspect) verdict.warnings.push_back(reason("verdict.warning.clock"));

    if (input.certificates.empty() || nes == verdict.certificates.end()) {
        // A certificate that does not parse may be the person's NES: without
        // it nothing says the card holds none.
        const bool malformed = parsed != input.certificates.size();
        verdict.overall = malformed ? Overall::unreadable : Overall::no_certificate;
        verdict.recommended_process = malformed ? Process::none : Process::first_application;
        verdict.reasons.push_back(reason(verdict.overall == Overall::unreadable ? "verdict.reason.unreadable"
                                                                                : "verdict.reason.no_nes"));
        return verdict;
    }
    decide_overall(*nes, registrar == verdict.certificates.end() ? nullptr : &*registrar, input, config, verdict);
    return verdict;
}

}  // namespace eimza::hw
