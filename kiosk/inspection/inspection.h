#pragma once
// Reading a token and judging it: the one path shared by the kiosk window
// and `eimza-kiosk status`, so both always show the same thing.
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "hw/cert/verdict_engine.h"
#include "hw/token/token_reader.h"
#include "kiosk/base/settings.h"

namespace eimza {

struct Inspection {
    hw::TokenSnapshot snapshot;
    hw::Verdict verdict;
};

struct InspectionSettings {
    hw::TokenConfig token;
    hw::VerdictConfig verdict;
    std::vector<std::string> extra_trust;  // --trust on the command line
    // Why revocation is not asked when it is off: the configuration, or the
    // command line's --offline or --at.
    hw::RevocationGap revocation_off = hw::RevocationGap::disabled;
};

// The certificate files given (PEM or DER, as read), labelled by file
// name; nullopt with the file that could not be read.
std::optional<std::vector<hw::CertificateObject>> certificate_files(const std::vector<std::string>& files,
                                                                   std::string& unreadable);

// Certificates as DER, one object per certificate: files may be PEM, and a
// PEM file may hold several (each keeps the file's label).
std::vector<hw::CertificateObject> normalised(const std::vector<hw::CertificateObject>& certificates);

InspectionSettings inspection_settings(const Settings& settings);

class Inspector {
public:
    // Loads the trust anchors once; problems (unreadable anchor files, an
    // empty trust directory) are returned for the log.
    Inspector(const InspectionSettings& settings, std::vector<std::string>& problems);

    // Blocking (PKCS#11 I/O); call from a worker thread.
    std::variant<Inspection, hw::ReadFailure> inspect(const hw::InsertedCard& card);
    // The verdict for certificates already read, before any revocation
    // answer (pending: a lookup will follow, so nothing is confirmed yet).
    hw::Verdict judge(const std::vector<hw::CertificateObject>& certificates, hw::PinState pin,
                      hw::SystemTime now, bool pending = false) const;
    // Asks about every certificate in each end-entity certificate's path
    // below the anchor (blocking, network) and returns the verdict with the
    // answers.
    hw::Verdict judge_with_revocation(const std::vector<hw::CertificateObject>& certificates, hw::PinState pin,
                                      hw::SystemTime now);
    bool revocation_enabled() const { return settings_.verdict.revocation.enabled; }

    const hw::TrustStore& trust() const { return trust_; }
    const hw::AtrCatalog& catalog() const { return reader_.catalog(); }
    // IT's CRL cache actions (admin screen).
    hw::RevocationChecker& revocation_checker() { return revocation_; }
    const InspectionSettings& settings() const { return settings_; }

private:
    hw::TrustStore with_fetched() const;
    hw::Verdict evaluate(const std::vector<hw::CertificateObject>& certificates, hw::PinState pin, hw::SystemTime now,
                         std::map<std::string, hw::Revocation> revocation, bool pending) const;

    InspectionSettings settings_;
    hw::TokenReader reader_;
    hw::TrustStore trust_;
    hw::RevocationChecker revocation_;
    // Intermediates fetched by AIA, kept for the kiosk's lifetime.
    mutable std::mutex fetched_mutex_;
    std::vector<hw::Bytes> fetched_intermediates_;
};

// When this binary was built: a clock earlier than this is obviously wrong.
hw::SystemTime build_time();
// Whether the kernel says the clock is not synchronised (adjtimex).
bool clock_unsynchronised();

}  // namespace eimza
