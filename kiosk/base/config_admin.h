#pragma once
#include <chrono>
#include <string>

#include "kiosk/base/config.h"

namespace eimza {

// The `admin` section: the hidden IT screens.
struct AdminConfig {
    // Salted PBKDF2 hash of the admin PIN (kiosk/admin/admin_pin.h); empty
    // keeps the admin screens closed.
    std::string pin_hash;
    // How long the top-left corner of Home must be held to ask for the PIN.
    std::chrono::seconds hold{4};
};

void parse_admin_section(const YAML::Node& map, AdminConfig& out, std::vector<ConfigProblem>& problems);

}  // namespace eimza
