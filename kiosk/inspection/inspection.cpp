#include "kiosk/inspection/inspection.h"

#include <sys/timex.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string_view>

#include "hw/cert/certificate.h"

namespace eimza {

InspectionSettings inspection_settings(const Settings& settings) {
    InspectionSettings inspection;
    inspection.token = settings.token;
    inspection.verdict = settings.verdict;
    return inspection;
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
    // The last real answers go along only to show their age while a fresh
    // lookup runs: a cached answer never stands in for the fresh one.
    const bool asking = pending && revocation_enabled();
    return evaluate(certificates, pin, now, asking ? revocation_.last_answers() : std::map<std::string, hw::Revocation>{},
                    asking);
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
    input.revocation_gap = revocation_enabled() ? hw::RevocationGap::not_checked : settings_.revocation_off;
    input.certificates = normalised(certificates);
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

hw::Verdict Inspector::judge_with_revocation(const std::vector<hw::CertificateObject>& given, hw::PinState pin,
                                             hw::SystemTime now) {
    if (!revocation_enabled()) return judge(given, pin, now, false);
    const auto certificates = normalised(given);
    std::vector<hw::Bytes> token;
    for (const auto& object : certificates) token.push_back(object.der);
    // A card usually holds only the person's certificates: an intermediate
    // missing from the configuration is fetched from the AIA caIssuers URL,
    // and so on up while the fetched one's issuer is missing too.
    constexpr int kMaxDepth = 4;
    for (const auto& object : certificates) {
        auto current = hw::parse_certificate(object.der);
        if (!current || current->is_ca) continue;
        for (int depth = 0; current && depth < kMaxDepth; ++depth) {
            auto issuer = find_issuer(current->der, certificates, with_fetched());
            if (!issuer) {
                for (const auto& url : current->ca_issuer_urls) {
                    if (auto fetched = revocation_.fetch_issuer(url); fetched && hw::issued_by(current->der, *fetched)) {
                        std::lock_guard lock(fetched_mutex_);
                        fetched_intermediates_.push_back(*fetched);
                        issuer = fetched;
                        break;
                    }
                }
            }
            if (!issuer || hw::issued_by(*issuer, *issuer)) break;
            const hw::TrustStore known = with_fetched();
            if (std::find(known.anchors.begin(), known.anchors.end(), *issuer) != known.anchors.end()) break;
            current = hw::parse_certificate(*issuer);
        }
    }
    std::map<std::string, hw::Revocation> answers;
    hw::RevocationPass pass;
    auto ask = [&](const hw::Bytes& cert, const std::optional<hw::Bytes>& issuer) {
        const auto parsed = hw::parse_certificate(cert);
        if (!parsed || answers.count(parsed->sha256_hex)) return;
        if (issuer) {
            answers[parsed->sha256_hex] = revocation_.check(parsed->der, *issuer, now, &pass);
        } else {
            hw::Revocation none;
            none.gap = hw::RevocationGap::no_issuer;
            answers[parsed->sha256_hex] = none;
        }
    };
    const hw::TrustStore known = with_fetched();
    for (const auto& object : certificates) {
        const auto parsed = hw::parse_certificate(object.der);
        if (!parsed || parsed->is_ca) continue;
        const auto path = hw::certification_path(parsed->der, token, known, now);
        if (path.size() < 2) {
            ask(parsed->der, find_issuer(parsed->der, certificates, known));
            continue;
        }
        // Every certificate below the anchor, by its issuer's word.
        for (std::size_t i = 0; i + 1 < path.size(); ++i) ask(path[i], path[i + 1]);
    }
    return evaluate(certificates, pin, now, std::move(answers), false);
}

std::optional<std::vector<hw::CertificateObject>> certificate_files(const std::vector<std::string>& files,
                                                                   std::string& unreadable) {
    std::vector<hw::CertificateObject> certificates;
    for (const auto& file : files) {
        std::ifstream in(file, std::ios::binary);
        if (!in) {
            unreadable = file;
            return std::nullopt;
        }
        hw::CertificateObject object;
        object.der.assign(std::istreambuf_iterator<char>(in), {});
        object.label = std::filesystem::path(file).filename().string();
        certificates.push_back(std::move(object));
    }
    return certificates;
}

std::vector<hw::CertificateObject> normalised(const std::vector<hw::CertificateObject>& certificates) {
    std::vector<hw::CertificateObject> out;
    for (const auto& object : certificates) {
        const auto ders = hw::split_certificates(object.der);
        // Unreadable data stays as it came, so the verdict can say so.
        if (ders.empty()) out.push_back(object);
        for (const auto& der : ders) {
            hw::CertificateObject copy = object;
            copy.der = der;
            out.push_back(std::move(copy));
        }
    }
    return out;
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
