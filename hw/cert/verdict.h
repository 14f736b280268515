#pragma once
// The verdict on one token: a pure function of what was read, the clock,
// the trust anchors and whatever revocation answers are known.
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hw/token/token_snapshot.h"

namespace eimza::hw {

using SystemTime = std::chrono::system_clock::time_point;

enum class CertRole { nes, registrar, other };
enum class ChainStatus { ok, untrusted, incomplete };
enum class RevocationStatus { good, revoked, unknown };
enum class RevocationSource { ocsp, crl, cache, none };

enum class Overall {
    valid, renew_soon, expired, not_yet_valid, revoked, untrusted,
    pin_blocked, no_certificate, unreadable
};

enum class Process {
    none, renewal, registrar_renewal, lost_stolen, pin_puk_block,
    identity_update, first_application
};

// A reason is a text key (assets/i18n) plus named values for its
// placeholders, so the screen and the CLI render it in either language.
struct Reason {
    std::string key;
    std::map<std::string, std::string> values;
};

struct Revocation {
    RevocationStatus status = RevocationStatus::unknown;
    RevocationSource source = RevocationSource::none;
    std::optional<SystemTime> checked_at;
    std::optional<SystemTime> revoked_at;
    bool pending = false;  // a lookup is under way; the screen shows "checking"
};

struct CertificateVerdict {
    std::string subject;        // RFC 2253-ish, UTF-8
    std::string issuer;
    std::string serial;         // hex
    std::string der_sha256;     // hex
    SystemTime not_before{};
    SystemTime not_after{};
    long days_left = 0;         // floor((not_after - now) / 1 day); negative once expired
    CertRole role = CertRole::other;
    bool qualified = false;
    ChainStatus chain = ChainStatus::incomplete;
    Revocation revocation;
    std::vector<std::string> ocsp_urls, crl_urls, ca_issuer_urls;
};

struct Holder {
    std::string name;           // CN, UTF-8 as on the certificate
    std::string tckn;           // full; only shown when the person reveals it
    std::string tckn_masked;    // e.g. 100******11
    bool tckn_checksum_ok = false;
};

struct Verdict {
    Overall overall = Overall::no_certificate;
    Process recommended_process = Process::first_application;
    std::optional<Holder> holder;
    PinState pin = PinState::unknown;
    bool clock_suspect = false;
    std::vector<CertificateVerdict> certificates;  // holder's NES first when present
    std::vector<Reason> reasons;                   // most important first
    std::vector<Reason> warnings;                  // for IT (e.g. TCKN checksum)
};

const char* to_string(CertRole);
const char* to_string(ChainStatus);
const char* to_string(RevocationStatus);
const char* to_string(RevocationSource);
const char* to_string(Overall);
const char* to_string(Process);

}  // namespace eimza::hw
