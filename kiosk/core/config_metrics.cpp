#include "kiosk/core/config_metrics.h"

namespace eimza {

MetricsConfig parse_metrics_config(const Config& config, std::vector<ConfigProblem>& problems) {
    MetricsConfig out;
    const YAML::Node node = config.root ? config.root["metrics"] : YAML::Node();
    if (!node) return out;
    if (!node.IsMap()) {
        problems.push_back({node.Mark().line + 1, "'metrics' must be a map"});
        return out;
    }
    reject_unknown_keys(node, {"dir", "interval_seconds", "state_dir"}, "metrics", problems);
    std::string text;
    if (read_string(node, "dir", text, problems)) out.dir = text;
    if (read_string(node, "state_dir", text, problems)) out.state_dir = text;
    int interval = static_cast<int>(out.interval.count());
    if (read_int(node, "interval_seconds", interval, 1, 600, problems)) out.interval = std::chrono::seconds(interval);
    return out;
}

}  // namespace eimza
