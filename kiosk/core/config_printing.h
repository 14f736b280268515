#pragma once
#include "hw/print/cups_printer.h"
#include "kiosk/core/config.h"

namespace eimza {

// The `printing` section: { queue: NAME, timeout_seconds: N }.
void parse_printing_section(const YAML::Node& map, hw::PrintConfig& out, std::vector<ConfigProblem>& problems);

}  // namespace eimza
