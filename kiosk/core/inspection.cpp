#include "kiosk/core/inspection.h"

#include <sys/timex.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string_view>

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
    : settings_(settings), reader_(settings.token), trust_(load_trust(settings, problems)) {}

std::variant<Inspection, hw::ReadFailure> Inspector::inspect(const std::string& reader, const hw::Bytes& atr) {
    auto result = reader_.read(reader, atr);
    if (auto* failure = std::get_if<hw::ReadFailure>(&result)) return *failure;
    Inspection inspection;
    inspection.snapshot = std::move(std::get<hw::TokenSnapshot>(result));
    inspection.verdict = judge(inspection.snapshot.certificates, inspection.snapshot.pin, std::chrono::system_clock::now());
    return inspection;
}

hw::Verdict Inspector::judge(const std::vector<hw::CertificateObject>& certificates, hw::PinState pin,
                             hw::SystemTime now) const {
    hw::VerdictInput input;
    input.certificates = certificates;
    input.pin = pin;
    input.now = now;
    input.build_time = build_time();
    input.clock_unsynchronised = settings_.verdict.require_synchronised_clock && clock_unsynchronised();
    return hw::compute_verdict(input, trust_, settings_.verdict);
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
