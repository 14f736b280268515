#include "kiosk/base/config_verdict.h"

namespace eimza {

void parse_verdict_section(const YAML::Node& node, hw::VerdictConfig& out, std::vector<ConfigProblem>& problems) {
    reject_unknown_keys(node, {"renewal_window_days", "trust_dir", "intermediates_dir", "nes_policy_oids", "registrar",
                                  "require_synchronised_clock", "revocation"},
                        "verdict", problems);
    read_int(node, "renewal_window_days", out.renewal_window_days, 1, 365, problems);
    read_string(node, "trust_dir", out.trust_dir, problems);
    read_string(node, "intermediates_dir", out.intermediates_dir, problems);
    read_list(node, "nes_policy_oids", out.nes_policy_oids, problems);
    read_bool(node, "require_synchronised_clock", out.require_synchronised_clock, problems);
    if (const auto revocation = node["revocation"]) {
        if (!revocation.IsMap()) {
            problems.push_back({revocation.Mark().line + 1, "verdict.revocation must be a map"});
        } else {
            reject_unknown_keys(revocation, {"enabled", "allowed_hosts", "timeout_ms", "crl_cache_dir"},
                                "verdict.revocation", problems);
            read_string(revocation, "crl_cache_dir", out.revocation.crl_cache_dir, problems);
            read_bool(revocation, "enabled", out.revocation.enabled, problems);
            read_list(revocation, "allowed_hosts", out.revocation.allowed_hosts, problems);
            read_int(revocation, "timeout_ms", out.revocation.timeout_ms, 200, 30000, problems);
        }
    }
    if (const auto registrar = node["registrar"]) {
        if (!registrar.IsMap()) {
            problems.push_back({registrar.Mark().line + 1, "verdict.registrar must be a map"});
            return;
        }
        reject_unknown_keys(registrar, {"policy_oids", "label_contains", "issuer_contains", "eku_oids"},
                            "verdict.registrar", problems);
        read_list(registrar, "policy_oids", out.registrar.policy_oids, problems);
        read_list(registrar, "label_contains", out.registrar.label_contains, problems);
        read_list(registrar, "issuer_contains", out.registrar.issuer_contains, problems);
        read_list(registrar, "eku_oids", out.registrar.eku_oids, problems);
    }
}

}  // namespace eimza
