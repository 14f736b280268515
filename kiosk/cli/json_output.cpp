#include "kiosk/cli/json_output.h"

#include <cstdio>
#include <ctime>

#include "hw/base/time_text.h"

namespace eimza::cli {

using nlohmann::json;

std::string iso8601(hw::SystemTime time) { return utc_time_text(time, kIsoUtcTime); }

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

json time_or_null(const std::optional<hw::SystemTime>& time) { return time ? json(iso8601(*time)) : json(nullptr); }

std::string gap_key(hw::RevocationGap gap) { return std::string("verdict.reason.gap.") + hw::to_string(gap); }

// Every skipped or failed check says which and why: "reason" whenever the
// answer is not a fresh one.
json revocation_json(const hw::Revocation& r, const Texts& texts, hw::SystemTime now) {
    json out = {{"status", hw::to_string(r.status)},
                {"source", hw::to_string(r.source)},
                {"checked_at", time_or_null(r.checked_at)}};
    if (r.checked_at)
        out["age_seconds"] = std::chrono::duration_cast<std::chrono::seconds>(now - *r.checked_at).count();
    if (r.this_update) out["this_update"] = iso8601(*r.this_update);
    if (r.next_update) out["next_update"] = iso8601(*r.next_update);
    if (r.revoked_at) out["revoked_at"] = iso8601(*r.revoked_at);
    if (r.source == hw::RevocationSource::crl) out["crl_from_cache"] = r.crl_from_cache;
    if (r.pending) out["pending"] = true;
    if (r.gap != hw::RevocationGap::none) {
        out["reason_code"] = hw::to_string(r.gap);
        out["reason"] = texts.get(gap_key(r.gap), Lang::en);
    }
    if (!r.detail.empty()) out["detail"] = r.detail;
    out["confirmed"] = hw::confirmed(r, now);
    return out;
}

std::string revocation_line(const hw::Revocation& r, const Texts& texts) {
    std::string line = std::string(hw::to_string(r.status)) + " (" + hw::to_string(r.source);
    if (r.source == hw::RevocationSource::crl && r.this_update)
        line += " of " + iso8601(*r.this_update) + (r.next_update ? ", next " + iso8601(*r.next_update) : "");
    if (r.checked_at) line += ", answered " + iso8601(*r.checked_at);
    line += ")";
    if (r.gap != hw::RevocationGap::none) line += ": " + texts.get(gap_key(r.gap), Lang::en);
    return line;
}

}  // namespace

void print_certificate(const hw::CertificateVerdict& c, const Texts& texts) {
    std::printf("cert:     [%s%s] %s, until %s (%ld days), chain %s\n", hw::to_string(c.role),
                c.qualified ? ", qualified" : "", c.subject.c_str(), iso8601(c.not_after).c_str(), c.days_left,
                hw::to_string(c.chain));
    std::printf("          revocation %s\n", revocation_line(c.revocation, texts).c_str());
    for (const auto& ca : c.path) {
        std::printf("  ca:     %s%s, %s until %s", ca.subject.c_str(), ca.anchor ? " (anchor)" : "",
                    hw::to_string(ca.validity), iso8601(ca.not_after).c_str());
        if (ca.anchor) std::printf("\n");
        else std::printf(", revocation %s\n", revocation_line(ca.revocation, texts).c_str());
    }
}

void add_verdict(json& out, const hw::Verdict& verdict, const Texts& texts, hw::SystemTime now) {
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
        json path = json::array();
        for (const auto& ca : cert.path)
            path.push_back({{"subject", ca.subject},
                            {"der_sha256", ca.der_sha256},
                            {"not_before", iso8601(ca.not_before)},
                            {"not_after", iso8601(ca.not_after)},
                            {"validity", hw::to_string(ca.validity)},
                            {"anchor", ca.anchor},
                            // IT installed the anchor: it is trusted as is, not asked about.
                            {"revocation", ca.anchor ? json(nullptr) : revocation_json(ca.revocation, texts, now)}});
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
                                {"revocation", revocation_json(cert.revocation, texts, now)},
                                {"path", path}});
    }
    out["certificates"] = certificates;
    out["reasons"] = reasons_json(verdict.reasons, texts);
    out["warnings"] = reasons_json(verdict.warnings, texts);
}

}  // namespace eimza::cli
