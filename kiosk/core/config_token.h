#pragma once
#include "hw/token/token_config.h"
#include "kiosk/core/config.h"

namespace eimza {

// The `token` section (docs/configuration.md).
hw::TokenConfig parse_token_config(const Config& config, std::vector<ConfigProblem>& problems);

}  // namespace eimza
