#include "kiosk/core/inspection.h"

#include <sys/timex.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <optional>
#include <string_view>

#include "hw/cert/certificate.h"
#include "kiosk/core/config_token.h"
#include "kiosk/core/config_verdict.h"

namespace eimza {

InspectionSettings inspection_settings(const Config& config, std::vector<ConfigProblem>& problems) {
    InspectionSettings settings;
    settings.token = parse_token_config(config, problems);
    settings.verdict = parse_verdict_config(config, problems);
    return settings;
}

namespace {

hw::TrustStore load_trust(const InspectionSettings& settings, std::vector<std::string>& problems) {
    std::vector<std::string> anchors = settings.extra_trust;
    std::error_code ec;
    if (anchors.empty() || std::filesystem::exists(settings.verdict.trust_dir, ec))
        anchors.push_back(settings.verdict.trust_dir);
    std::vector<std::string> intermediates;
    if (!settings.verdict.intermediates_dir.empty()) intermediates.push_back(settings.verdict.intermediates_dir);
    auto trust = hw::TrustStore::load(anchors, intermediates, problems);
    if (trust.anchors.empty())
        problems.push_back("no trust anchors: install the Kamu SM root certificates in " + settings.verdict.trust_dir);
    return trust;
}

}  // namespace

Inspector::Inspector(const InspectionSettings& settings, std::vector<std::string>& problems)
    : settings_(settings),
      reader_(settings.token),
      trust_(load_trust(settings, problems)),
      revocation_(settings.verdict.revocation) {}

std::variant<Inspection, hw::ReadFailure> Inspector::inspect(const hw::InsertedCard& card) {
    auto result = reader_.read(card);
    if (auto* failure = std::get_if<hw::ReadFailure>(&result)) return *failure;
    Inspection inspection;
    inspection.snapshot = std::move(std::get<hw::TokenSnapshot>(result));
    inspection.verdict = judge(inspection.snapshot.certificates, inspection.snapshot.pin,
                               std::chrono::system_clock::now(), revocation_enabled());
    return inspection;
}

hw::Verdict Inspector::judge(const std::vector<hw::CertificateObject>& certificates, hw::PinState pin,
                             hw::SystemTime now, bool pending) const {
    return evaluate(certificates, pin, now, revocation_.cached(), pending);
}

hw::TrustStore Inspector::with_fetched() const {
    hw::TrustStore known = trust_;
    std::lock_guard lock(fetched_mutex_);
    known.intermediates.insert(known.intermediates.end(), fetched_intermediates_.begin(), fetched_intermediates_.end());
    return known;
}

hw::Verdict Inspector::evaluate(const std::vector<hw::CertificateObject>& certificates, hw::PinState pin,
                                hw::SystemTime now, std::map<std::string, hw::Revocation> revocation,
                                bool pending) const {
    hw::VerdictInput input;
    input.revocation = std::move(revocation);
    input.revocation_pending = pending;
    input.certificates = certificates;
    input.pin = pin;
    input.now = now;
    input.build_time = build_time();
    input.clock_unsynchronised = settings_.verdict.require_synchronised_clock && clock_unsynchronised();
    return hw::compute_verdict(input, with_fetched(), settings_.verdict);
}

namespace {

// The certificate that issued cert, among the token's, the configured
// intermediates and the anchors.
std::optional<hw::Bytes> find_issuer(const hw::Bytes& cert, const std::vector<hw::CertificateObject>& token,
                                     const hw::TrustStore& trust) {
    std::vector<const hw::Bytes*> candidates;
    for (const auto& object : token) candidates.push_back(&object.der);
    for (const auto& der : trust.intermediates) candidates.push_back(&der);
    for (const auto& der : trust.anchors) candidates.push_back(&der);
    for (const hw::Bytes* candidate : candidates)
        if (*candidate != cert && hw::issued_by(cert, *candidate)) return *candidate;
    return std::nullopt;
}

}  // namespace

hw::Verdict Inspector::judge_with_revocation(const std::vector<hw::CertificateObject>& certificates,
                                             hw::PinState pin, hw::SystemTime now) {
    // A card usually holds only the person's certificates: an intermediate
    // missing from the configuration is fetched from the AIA caIssuers URL.
    for (const auto& object : certificates) {
        const auto parsed = hw::parse_certificate(object.der);
        if (!parsed || parsed->is_ca) continue;
        if (find_issuer(parsed->der, certificates, with_fetched())) continue;
        for (const auto& url : parsed->ca_issuer_urls) {
            if (auto issuer = revocation_.fetch_issuer(url); issuer && hw::issued_by(parsed->der, *issuer)) {
                std::lock_guard lock(fetched_mutex_);
                fetched_intermediates_.push_back(*issuer);
                break;
            }
        }
    }
    std::map<std::string, hw::Revocation> answers;
    for (const auto& object : certificates) {
        const auto parsed = hw::parse_certificate(object.der);
        if (!parsed || parsed->is_ca) continue;
        if (const auto issuer = find_issuer(parsed->der, certificates, with_fetched()))
            answers[parsed->sha256_hex] = revocation_.check(parsed->der, *issuer, now);
    }
    return evaluate(certificates, pin, now, std::move(answers), false);
}

hw::SystemTime build_time() {
    // __DATE__ is "Mmm dd yyyy"; a day's slack covers time zones.
    static const char* months = "JanFebMarAprMayJunJulAugSepOctNovDec";
    const char* date = __DATE__;
    std::tm tm{};
    tm.tm_mon = static_cast<int>((std::string_view(months).find(std::string_view(date, 3))) / 3);
    tm.tm_mday = std::atoi(date + 4);
    tm.tm_year = std::atoi(date + 7) - 1900;
    return std::chrono::system_clock::from_time_t(timegm(&tm)) - std::chrono::hours(24);
}

bool clock_unsynchronised() {
    timex tx{};
    return ntp_adjtime(&tx) == TIME_ERROR;
}

}  // namespace eimza
