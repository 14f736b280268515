#include "kiosk/base/config_site.h"

namespace eimza {

namespace {

void read_data_controller(const YAML::Node& node, std::string& out, std::vector<ConfigProblem>& problems) {
    std::string controller;
    if (!read_string(node, "data_controller", controller, problems)) return;
    // The notice adds its own full stop ("Veri sorumlusu: {controller}.").
    if (!controller.empty() && controller.back() == '.') controller.pop_back();
    if (utf8_length(controller) > kMaxDataControllerLetters) {
        problems.push_back({node["data_controller"].Mark().line + 1,
                            "data_controller must be at most " + std::to_string(kMaxDataControllerLetters) +
                                " letters: the details form shows it whole"});
        return;
    }
    out = controller;
}

}  // namespace

void parse_site_section(const YAML::Node& node, SiteConfig& out, std::vector<ConfigProblem>& problems) {
    reject_unknown_keys(node, {"name", "data_controller", "configured"}, "site", problems);
    read_string(node, "name", out.name, problems);
    read_data_controller(node, out.data_controller, problems);
    read_bool(node, "configured", out.configured, problems);
}

}  // namespace eimza
