#include "kiosk/cli/json_output.h"

#include <ctime>

namespace eimza::cli {

using nlohmann::json;

std::string iso8601(hw::SystemTime time) {
    const std::time_t t = std::chrono::system_clock::to_time_t(time);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buffer;
}

json token_to_json(const hw::TokenSnapshot& snapshot) {
    return json{{"reader", snapshot.reader},
                {"atr", hw::to_hex(snapshot.atr)},
                {"card_name", snapshot.card_name},
                {"model", snapshot.model},
                {"label", snapshot.label},
                {"manufacturer", snapshot.manufacturer},
                {"serial", snapshot.serial},
                {"module", snapshot.module}};
}

namespace {

json reasons_json(const std::vector<hw::Reason>& reasons, const Texts& texts) {
    json out = json::array();
    for (const auto& reason : reasons)
        out.push_back({{"key", reason.key},
                       {"tr", format(texts.get(reason.key, Lang::tr), reason.values)},
                       {"en", format(texts.get(reason.key, Lang::en), reason.values)}});
    return out;
}

}  // namespace

void add_verdict(json& out, const hw::Verdict& verdict, const Texts& texts) {
    out["verdict"] = hw::to_string(verdict.overall);
    out["recommended_process"] = hw::to_string(verdict.recommended_process);
    out["pin"] = hw::to_string(verdict.pin);
    out["clock_suspect"] = verdict.clock_suspect;
    if (verdict.holder) {
        // The full TCKN is never printed: the CLI output ends up in logs.
        out["holder"] = {{"name", verdict.holder->name},
                         {"tckn_masked", verdict.holder->tckn_masked},
                         {"tckn_checksum_ok", verdict.holder->tckn_checksum_ok}};
    } else {
        out["holder"] = nullptr;
    }
    json certificates = json::array();
    for (const auto& cert : verdict.certificates) {
        json revocation = {{"status", hw::to_string(cert.revocation.status)},
                           {"source", hw::to_string(cert.revocation.source)},
                           {"checked_at", cert.revocation.checked_at ? json(iso8601(*cert.revocation.checked_at))
                                                                     : json(nullptr)}};
        certificates.push_back({{"subject", cert.subject},
                                {"issuer", cert.issuer},
                                {"serial", cert.serial},
                                {"not_before", iso8601(cert.not_before)},
                                {"not_after", iso8601(cert.not_after)},
                                {"der_sha256", cert.der_sha256},
                                {"role", hw::to_string(cert.role)},
                                {"qualified", cert.qualified},
                                {"days_left", cert.days_left},
                                {"chain", hw::to_string(cert.chain)},
                                {"revocation", revocation}});
    }
    out["certificates"] = certificates;
    out["reasons"] = reasons_json(verdict.reasons, texts);
    out["warnings"] = reasons_json(verdict.warnings, texts);
}

}  // namespace eimza::cli
