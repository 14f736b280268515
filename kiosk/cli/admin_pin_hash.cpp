// eimza-kiosk admin-pin-hash: turns the admin PIN IT chose into the line for
// the configuration, so the PIN itself is never written anywhere.
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <string>

#include "kiosk/admin/admin_pin.h"
#include "kiosk/cli/options.h"

namespace eimza::cli {
namespace {

std::string read_line(bool hide) {
    termios saved{};
    const bool terminal = hide && tcgetattr(STDIN_FILENO, &saved) == 0;
    if (terminal) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    std::string line;
    std::getline(std::cin, line);
    if (terminal) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::fputc('\n', stderr);
    }
    return line;
}

bool acceptable(const std::string& pin) {
    if (pin.size() < 6 || pin.size() > 12) return false;
    for (char c : pin)
        if (c < '0' || c > '9') return false;
    return true;
}

}  // namespace

int admin_pin_hash(const Args& args) {
    CLI::App options{"", "admin-pin-hash"};
    if (const auto exit = parse_options(
            options, args,
            usage_text("Usage: eimza-kiosk admin-pin-hash   (reads the PIN from standard input)\n"
                       "Prints the admin.pin_hash line for the kiosk configuration. The PIN is 6 to 12\n"
                       "digits (the kiosk's admin keypad is numeric). Exit codes: 0 printed, 1 PIN not\n"
                       "acceptable, 2 usage.\n")))
        return *exit;
    const bool interactive = isatty(STDIN_FILENO) == 1;
    if (interactive) std::fprintf(stderr, "Admin PIN (6-12 digits): ");
    const std::string pin = read_line(interactive);
    if (interactive) {
        std::fprintf(stderr, "Again: ");
        if (read_line(true) != pin) {
            std::fprintf(stderr, "admin-pin-hash: the two PINs differ\n");
            return 1;
        }
    }
    if (!acceptable(pin)) {
        std::fprintf(stderr, "admin-pin-hash: the PIN must be 6 to 12 digits\n");
        return 1;
    }
    const std::string hash = admin::hash_pin(pin);
    if (hash.empty()) {
        std::fprintf(stderr, "admin-pin-hash: no random bytes for the salt\n");
        return 1;
    }
    std::printf("admin:\n  pin_hash: \"%s\"\n", hash.c_str());
    return 0;
}

}  // namespace eimza::cli
