#include "kiosk/base/config_site.h"

namespace eimza {

void parse_site_section(const YAML::Node& node, SiteConfig& out, std::vector<ConfigProblem>& problems) {
    reject_unknown_keys(node, {"name", "configured"}, "site", problems);
    read_string(node, "name", out.name, problems);
    read_bool(node, "configured", out.configured, problems);
}

}  // namespace eimza
