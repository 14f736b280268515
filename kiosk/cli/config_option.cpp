#include <cstdio>

#include "kiosk/cli/commands.h"
#include "kiosk/core/settings.h"

namespace eimza::cli {

int parse_config_option(const Args& args, const char* usage, std::string& config_file) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--config" && i + 1 < args.size()) {
            config_file = args[++i];
        } else {
            std::fputs(usage, stderr);
            return args[i] == "--help" ? 0 : 2;
        }
    }
    config_file = config_file_or_default(config_file);
    return -1;
}

}  // namespace eimza::cli
