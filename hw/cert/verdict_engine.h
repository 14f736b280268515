#pragma once
// The verdict as a pure function of what was read, the clock, the trust
// anchors and the known revocation answers. Used by the screen, the CLI and
// the tests alike.
#include <map>
#include <string>
#include <vector>

#include "hw/cert/verdict.h"
#include "hw/cert/verdict_config.h"
#include "hw/base/token_objects.h"

namespace eimza::hw {

// Trust anchors and extra intermediates (DER), loaded once from disk.
struct TrustStore {
    std::vector<Bytes> anchors;
    std::vector<Bytes> intermediates;

    // Loads every PEM/DER certificate in each directory (or file); files
    // that hold no certificate are reported in problems and skipped.
    static TrustStore load(const std::vector<std::string>& anchor_paths,
                           const std::vector<std::string>& intermediate_paths, std::vector<std::string>& problems);
};

struct VerdictInput {
    std::vector<CertificateObject> certificates;  // as found on the token
    PinState pin = PinState::unknown;
    SystemTime now{};
    SystemTime build_time{};  // a clock before this is obviously wrong
    bool clock_unsynchronised = false;
    // Known revocation answers, by certificate DER SHA-256 (hex).
    std::map<std::string, Revocation> revocation;
    // A lookup is under way: certificates without an answer, or with only an
    // earlier one (source cache), are pending.
    bool revocation_pending = false;
    // Why certificates without an answer have none, when no lookup is under
    // way (revocation off, --offline, --at).
    RevocationGap revocation_gap = RevocationGap::not_checked;
};

// The certification path from cert to an anchor at time now, the
// certificate first and the anchor last; empty when there is none. others:
// certificates that may be intermediates (the token's). Dates do not stop
// the path: the verdict judges them.
std::vector<Bytes> certification_path(const Bytes& cert, const std::vector<Bytes>& others, const TrustStore& trust,
                                      SystemTime now);

Verdict compute_verdict(const VerdictInput& input, const TrustStore& trust, const VerdictConfig& config);

}  // namespace eimza::hw
