#pragma once
#include "hw/token/token_config.h"
#include "kiosk/base/config.h"

namespace eimza {

// The `token` section (docs/configuration.md).
void parse_token_section(const YAML::Node& map, hw::TokenConfig& out, std::vector<ConfigProblem>& problems);

}  // namespace eimza
