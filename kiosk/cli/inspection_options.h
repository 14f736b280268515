#pragma once
// The options status and verify share: the configuration and what the
// command line adds to how a verdict is reached (trust, hosts, offline).
#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

#include "kiosk/inspection/inspection.h"
#include "kiosk/base/settings.h"

namespace eimza::cli {

struct InspectionOptions {
    std::string config_file;
    std::vector<std::string> trust, allowed_hosts;
    bool offline = false;

    // --config FILE, --trust FILE|DIR..., --allow-host HOST..., --offline.
    void add_to(CLI::App& options);

    // Loads the configuration into CONFIG and returns its inspection settings
    // with the options applied; nullopt (problems printed) when it does not
    // load. OTHER_TIME: the verdict is for another time than now, when
    // today's answer from the CA says nothing.
    std::optional<InspectionSettings> load(Settings& config, bool other_time = false) const;
};

}  // namespace eimza::cli
