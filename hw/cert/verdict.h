#pragma once
// The verdict on one token: a pure function of what was read, the clock,
// the trust anchors and whatever revocation answers are known.
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hw/base/token_objects.h"

namespace eimza::hw {

using SystemTime = std::chrono::system_clock::time_point;

enum class CertRole { nes, registrar, other };
// ok: leads to an anchor through CAs that are valid now and not known to be
// revoked. The ca_* values name the first CA in the path that is not.
enum class ChainStatus { ok, untrusted, incomplete, ca_expired, ca_not_yet_valid, ca_revoked };
enum class RevocationStatus { good, revoked, unknown };
// cache: an earlier answer, reused because no fresh one could be had now.
enum class RevocationSource { ocsp, crl, cache, none };
// Why there is no fresh answer (unknown, or a cached one): said, never skipped.
enum class RevocationGap {
    none,              // a fresh answer
    not_checked,       // nothing was asked (no lookup was made for this verdict)
    disabled,          // revocation checks are switched off in the configuration
    offline,           // --offline
    other_time,        // judged at another time than now (--at)
    no_source,         // the certificate names no OCSP responder and no CRL
    host_not_allowed,  // its OCSP/CRL hosts are not on the allow-list
    no_issuer,         // the issuing certificate is unknown, so nothing can be asked
    no_answer,         // the network did not answer (timeout, refused, HTTP error)
    bad_answer,        // an answer came but was rejected (signature, nonce, stale)
    timeout            // the kiosk stopped waiting (screen deadline)
};

// checking: every other check passed and a revocation lookup is under way;
// unconfirmed: every other check passed but revocation could not be
// confirmed (offline, timeout, no source). Neither is ever shown as valid.
enum class Overall {
    valid, renew_soon, expired, not_yet_valid, revoked, untrusted,
    pin_blocked, ca_invalid, checking, unconfirmed, no_certificate, unreadable
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
    // When the answer was had: the OCSP request, or reading the CRL. For a
    // cached answer, when the real one came (its age is what the screen shows).
    std::optional<SystemTime> checked_at;
    std::optional<SystemTime> revoked_at;
    // The answer's own validity: the OCSP response's or the CRL's.
    std::optional<SystemTime> this_update, next_update;
    bool crl_from_cache = false;  // a CRL kept on disk, still before its nextUpdate
    RevocationGap gap = RevocationGap::none;
    std::string detail;    // for IT: the URLs asked and what each did (no personal data)
    bool pending = false;  // a lookup is under way; the screen shows "checking"
};

// Whether an answer is evidence now: a real answer (not reused from the
// cache) that is revoked, or good within its own validity.
bool confirmed(const Revocation& revocation, SystemTime now);

// A CA above a certificate in its certification path.
enum class CaValidity { ok, expired, not_yet_valid };
struct PathCertificate {
    std::string subject;
    std::string der_sha256;
    SystemTime not_before{};
    SystemTime not_after{};
    CaValidity validity = CaValidity::ok;
    bool anchor = false;    // installed by IT: trusted as is, revocation not asked
    Revocation revocation;  // by its issuer's OCSP or CRL; unused for the anchor
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
    std::vector<PathCertificate> path;  // its issuer first, the anchor last; empty without a chain
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
const char* to_string(RevocationGap);
const char* to_string(CaValidity);
const char* to_string(Overall);
const char* to_string(Process);

// The verdict as it stands when a revocation lookup was given up (the
// screen's deadline): pending answers become unknown (timeout), and
// "checking" becomes "unconfirmed". Any other verdict is returned as is.
Verdict give_up_waiting(Verdict verdict);

}  // namespace eimza::hw
