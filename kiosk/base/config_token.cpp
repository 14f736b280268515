#include "kiosk/base/config_token.h"

namespace eimza {

void parse_token_section(const YAML::Node& node, hw::TokenConfig& out, std::vector<ConfigProblem>& problems) {
    reject_unknown_keys(node, {"modules", "default_module", "smartcard_list", "read_timeout_ms"}, "token", problems);
    read_string(node, "default_module", out.default_module, problems);
    read_string(node, "smartcard_list", out.smartcard_list, problems);
    read_int(node, "read_timeout_ms", out.read_timeout_ms, 500, 60000, problems);
    if (const auto modules = node["modules"]) {
        if (!modules.IsSequence()) {
            problems.push_back({modules.Mark().line + 1, "token.modules must be a list"});
            return;
        }
        // Configured rules come first, so they override the built-in ones.
        std::vector<hw::ModuleRule> rules;
        for (const auto& entry : modules) {
            hw::ModuleRule rule;
            if (!entry.IsMap() || !read_string(entry, "atr", rule.atr_pattern, problems)) {
                problems.push_back({entry.Mark().line + 1, "each token.modules entry needs an 'atr' pattern"});
                continue;
            }
            reject_unknown_keys(entry, {"atr", "module", "name"}, "token.modules", problems);
            read_string(entry, "module", rule.module, problems);
            read_string(entry, "name", rule.name, problems);
            rules.push_back(rule);
        }
        rules.insert(rules.end(), out.rules.begin(), out.rules.end());
        out.rules = rules;
    }
}

}  // namespace eimza
