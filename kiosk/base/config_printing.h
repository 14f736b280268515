#pragma once
#include <string>

#include "hw/print/cups_printer.h"
#include "kiosk/base/config.h"

namespace eimza {

// The printer the image's queue is made for at boot (eimza-site-printer):
// empty device_uri leaves the queue as it is. model is "everywhere" (IPP
// Everywhere: CUPS asks the printer itself, no driver) or a model name from
// `lpinfo -m`; "everywhere" is the default for ipp, ipps and dnssd URIs.
struct PrinterSetup {
    std::string device_uri;
    std::string model;
};

// The `printing` section: { queue: NAME, timeout_seconds: N, device_uri: URI, model: MODEL }.
void parse_printing_section(const YAML::Node& map, hw::PrintConfig& out, PrinterSetup& setup,
                            std::vector<ConfigProblem>& problems);

}  // namespace eimza
