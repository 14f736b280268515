#include "kiosk/core/config_printing.h"

namespace eimza {

void parse_printing_section(const YAML::Node& node, hw::PrintConfig& out, std::vector<ConfigProblem>& problems) {
    reject_unknown_keys(node, {"queue", "timeout_seconds"}, "printing", problems);
    read_string(node, "queue", out.queue, problems);
    int timeout = static_cast<int>(out.timeout.count());
    if (read_int(node, "timeout_seconds", timeout, 5, 900, problems)) out.timeout = std::chrono::seconds(timeout);
}

}  // namespace eimza
