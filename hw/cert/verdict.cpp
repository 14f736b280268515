#include "hw/cert/verdict.h"

namespace eimza::hw {

const char* to_string(CertRole role) {
    switch (role) {
        case CertRole::nes: return "nes";
        case CertRole::registrar: return "registrar";
        case CertRole::other: return "other";
    }
    return "other";
}

const char* to_string(ChainStatus status) {
    switch (status) {
        case ChainStatus::ok: return "ok";
        case ChainStatus::untrusted: return "untrusted";
        case ChainStatus::incomplete: return "incomplete";
        case ChainStatus::ca_expired: return "ca_expired";
        case ChainStatus::ca_not_yet_valid: return "ca_not_yet_valid";
        case ChainStatus::ca_revoked: return "ca_revoked";
    }
    return "incomplete";
}

const char* to_string(RevocationStatus status) {
    switch (status) {
        case RevocationStatus::good: return "good";
        case RevocationStatus::revoked: return "revoked";
        case RevocationStatus::unknown: return "unknown";
    }
    return "unknown";
}

const char* to_string(RevocationSource source) {
    switch (source) {
        case RevocationSource::ocsp: return "ocsp";
        case RevocationSource::crl: return "crl";
        case RevocationSource::cache: return "cache";
        case RevocationSource::none: return "none";
    }
    return "none";
}

const char* to_string(RevocationGap gap) {
    switch (gap) {
        case RevocationGap::none: return "none";
        case RevocationGap::not_checked: return "not_checked";
        case RevocationGap::disabled: return "disabled";
        case RevocationGap::offline: return "offline";
        case RevocationGap::other_time: return "other_time";
        case RevocationGap::no_source: return "no_source";
        case RevocationGap::host_not_allowed: return "host_not_allowed";
        case RevocationGap::no_issuer: return "no_issuer";
        case RevocationGap::no_answer: return "no_answer";
        case RevocationGap::bad_answer: return "bad_answer";
        case RevocationGap::timeout: return "timeout";
    }
    return "none";
}

const char* to_string(CaValidity validity) {
    switch (validity) {
        case CaValidity::ok: return "ok";
        case CaValidity::expired: return "expired";
        case CaValidity::not_yet_valid: return "not_yet_valid";
    }
    return "ok";
}

bool confirmed(const Revocation& revocation, SystemTime now) {
    switch (revocation.status) {
        case RevocationStatus::unknown: return false;
        // A revocation is final: even an earlier answer saying so stands.
        case RevocationStatus::revoked: return revocation.source != RevocationSource::none;
        case RevocationStatus::good:
            if (revocation.source == RevocationSource::ocsp) return true;
            if (revocation.source == RevocationSource::crl)
                return !revocation.next_update || now < *revocation.next_update;
            return false;
    }
    return false;
}

const char* to_string(Overall overall) {
    switch (overall) {
        case Overall::valid: return "valid";
        case Overall::renew_soon: return "renew_soon";
        case Overall::expired: return "expired";
        case Overall::not_yet_valid: return "not_yet_valid";
        case Overall::revoked: return "revoked";
        case Overall::untrusted: return "untrusted";
        case Overall::pin_blocked: return "pin_blocked";
        case Overall::ca_invalid: return "ca_invalid";
        case Overall::checking: return "checking";
        case Overall::unconfirmed: return "unconfirmed";
        case Overall::no_certificate: return "no_certificate";
        case Overall::unreadable: return "unreadable";
    }
    return "unreadable";
}

const char* to_string(Process process) {
    switch (process) {
        case Process::none: return "none";
        case Process::renewal: return "renewal";
        case Process::registrar_renewal: return "registrar_renewal";
        case Process::lost_stolen: return "lost_stolen";
        case Process::pin_puk_block: return "pin_puk_block";
        case Process::identity_update: return "identity_update";
        case Process::first_application: return "first_application";
    }
    return "none";
}

Verdict give_up_waiting(Verdict verdict) {
    auto settle = [](Revocation& r) {
        if (!r.pending) return;
        r.pending = false;
        r.gap = RevocationGap::timeout;
    };
    for (auto& cert : verdict.certificates) {
        settle(cert.revocation);
        for (auto& ca : cert.path) settle(ca.revocation);
    }
    if (verdict.overall != Overall::checking) return verdict;
    verdict.overall = Overall::unconfirmed;
    for (auto it = verdict.reasons.begin(); it != verdict.reasons.end(); ++it) {
        if (it->key != "verdict.reason.checking") continue;
        it->key = "verdict.reason.unconfirmed";
        verdict.reasons.insert(it + 1, Reason{"verdict.reason.gap.timeout", {}});
        break;
    }
    return verdict;
}

}  // namespace eimza::hw
