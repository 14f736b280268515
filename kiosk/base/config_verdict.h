#pragma once
#include "hw/cert/verdict_config.h"
#include "kiosk/base/config.h"

namespace eimza {

// The `verdict` section (docs/configuration.md).
void parse_verdict_section(const YAML::Node& map, hw::VerdictConfig& out, std::vector<ConfigProblem>& problems);

}  // namespace eimza
