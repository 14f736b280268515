#include "kiosk/core/config_site.h"

namespace eimza {

SiteConfig parse_site_config(const Config& config, std::vector<ConfigProblem>& problems) {
    SiteConfig out;
    const YAML::Node node = config.root ? config.root["site"] : YAML::Node();
    if (!node) return out;
    if (!node.IsMap()) {
        problems.push_back({node.Mark().line + 1, "'site' must be a map"});
        return out;
    }
    reject_unknown_keys(node, {"name", "configured"}, "site", problems);
    read_string(node, "name", out.name, problems);
    read_bool(node, "configured", out.configured, problems);
    return out;
}

}  // namespace eimza
