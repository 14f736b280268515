#pragma once
#include "hw/print/cups_printer.h"
#include "kiosk/core/config.h"

namespace eimza {

// The `printing` section: { queue: NAME, timeout_seconds: N }.
hw::PrintConfig parse_printing_config(const Config& config, std::vector<ConfigProblem>& problems);

}  // namespace eimza
