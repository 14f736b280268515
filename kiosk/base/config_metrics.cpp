#include "kiosk/base/config_metrics.h"

namespace eimza {

void parse_metrics_section(const YAML::Node& node, MetricsConfig& out, std::vector<ConfigProblem>& problems) {
    reject_unknown_keys(node, {"dir", "interval_seconds", "state_dir"}, "metrics", problems);
    std::string text;
    if (read_string(node, "dir", text, problems)) out.dir = text;
    if (read_string(node, "state_dir", text, problems)) out.state_dir = text;
    int interval = static_cast<int>(out.interval.count());
    if (read_int(node, "interval_seconds", interval, 1, 600, problems)) out.interval = std::chrono::seconds(interval);
}

}  // namespace eimza
