#pragma once
#include <chrono>
#include <string>
#include <vector>

#include "hw/cert/revocation.h"

namespace eimza::hw {

// How a registrar (kayıtçı) certificate is recognised. Nothing public says,
// so it is configuration; any one matching rule is enough.
struct RegistrarRules {
    std::vector<std::string> policy_oids{"2.16.792.1.2.1.1.5.7.50.1"};
    std::vector<std::string> label_contains{"Kayıtçı", "Kayitci", "Registrar"};
    std::vector<std::string> issuer_contains;
    std::vector<std::string> eku_oids;
};

struct VerdictConfig {
    int renewal_window_days = 90;
    std::string trust_dir = "/etc/eimza-kiosk/trust";     // Kamu SM roots, installed by IT
    std::string intermediates_dir;                         // optional extra CA certificates
    std::vector<std::string> nes_policy_oids{"2.16.792.1.2.1.1.5.7.1.1"};
    RegistrarRules registrar;
    // Treat an unsynchronised system clock as wrong. On for the kiosk image,
    // which runs timesyncd; off by default because build and test machines
    // often report "unsynchronised" with a perfectly good clock.
    bool require_synchronised_clock = false;
    RevocationConfig revocation;
};

}  // namespace eimza::hw
