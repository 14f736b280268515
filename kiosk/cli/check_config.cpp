#include <cstdio>

#include "kiosk/cli/options.h"
#include "kiosk/base/settings.h"

namespace eimza::cli {

namespace {

constexpr const char* kUsage =
    "Usage: eimza-kiosk check-config FILE\n"
    "Validates a whole configuration file (docs/configuration.md) as the kiosk\n"
    "reads it at start, and prints every problem as FILE:LINE: what.\n"
    "Exit codes: 0 valid, 1 invalid (or unreadable), 2 usage.\n";

}  // namespace

int check_config(const Args& args) {
    std::string file;
    CLI::App options{"", "check-config"};
    options.add_option("FILE", file)->required();
    if (const auto exit = parse_options(options, args, usage_text(kUsage))) return *exit;
    std::vector<ConfigProblem> problems;
    load_settings(file, problems);
    for (const auto& problem : problems) std::printf("%s\n", describe(file, problem).c_str());
    if (!problems.empty()) return 1;
    std::printf("%s: valid\n", file.c_str());
    return 0;
}

}  // namespace eimza::cli
