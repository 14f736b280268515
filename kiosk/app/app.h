#pragma once
#include <string>

#include "kiosk/cli/commands.h"

namespace eimza::app {

struct Options {
    bool demo = false;
    std::string config_file;  // empty: /etc/eimza-kiosk/kiosk.yaml when present
    std::string metrics_dir;  // --metrics-dir: wins over metrics.dir in the configuration
};

// The kiosk: window, event loop, hardware. Returns the process exit code.
int run_kiosk(const Options& options);

// eimza-kiosk screenshot --screen NAME --lang tr|en --out FILE.png [--size WxH] [--mode MODE]
int screenshot(const cli::Args& args);
// eimza-kiosk speak --screen NAME --lang tr|en --out FILE.wav: what the voice guide says there
int speak(const cli::Args& args);

}  // namespace eimza::app
