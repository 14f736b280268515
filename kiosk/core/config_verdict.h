#pragma once
#include "hw/cert/verdict_config.h"
#include "kiosk/core/config.h"

namespace eimza {

// The `verdict` section (docs/configuration.md).
hw::VerdictConfig parse_verdict_config(const Config& config, std::vector<ConfigProblem>& problems);

}  // namespace eimza
