#include "kiosk/core/config_printing.h"

namespace eimza {

hw::PrintConfig parse_printing_config(const Config& config, std::vector<ConfigProblem>& problems) {
    hw::PrintConfig out;
    const YAML::Node node = config.root ? config.root["printing"] : YAML::Node();
    if (!node) return out;
    if (!node.IsMap()) {
        problems.push_back({node.Mark().line + 1, "'printing' must be a map"});
        return out;
    }
    reject_unknown_keys(node, {"queue", "timeout_seconds"}, "printing", problems);
    read_string(node, "queue", out.queue, problems);
    int timeout = static_cast<int>(out.timeout.count());
    if (read_int(node, "timeout_seconds", timeout, 5, 900, problems)) out.timeout = std::chrono::seconds(timeout);
    return out;
}

}  // namespace eimza
