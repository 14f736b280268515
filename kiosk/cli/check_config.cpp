#include <cstdio>

#include "kiosk/cli/commands.h"
#include "kiosk/core/settings.h"

namespace eimza::cli {

namespace {

constexpr const char* kUsage =
    "Usage: eimza-kiosk check-config FILE\n"
    "Validates a whole configuration file (docs/configuration.md) as the kiosk\n"
    "reads it at start, and prints every problem as FILE:LINE: what.\n"
    "Exit codes: 0 valid, 1 invalid (or unreadable), 2 usage.\n";

}  // namespace

int check_config(const Args& args) {
    if (args.size() == 1 && (args[0] == "--help" || args[0] == "-h")) {
        std::fputs(kUsage, stdout);
        return 0;
    }
    if (args.size() != 1 || args[0].empty() || args[0][0] == '-') {
        std::fputs(kUsage, stderr);
        return 2;
    }
    std::vector<ConfigProblem> problems;
    load_settings(args[0], problems);
    for (const auto& problem : problems) std::printf("%s\n", describe(args[0], problem).c_str());
    if (!problems.empty()) return 1;
    std::printf("%s: valid\n", args[0].c_str());
    return 0;
}

}  // namespace eimza::cli
