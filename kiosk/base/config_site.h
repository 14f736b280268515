#pragma once
#include <string>

#include "kiosk/base/config.h"

namespace eimza {

// The longest data controller the details form's notice is tested to show
// whole, in every mode and orientation (tests/ui/screens_test.cpp).
inline constexpr std::size_t kMaxDataControllerLetters = 100;

// The `site` section: which hospital this kiosk serves. One generic image
// serves every site; IT writes the site's configuration onto the data
// partition (eimza-kiosk provision, docs/fleet.md).
struct SiteConfig {
    // The hospital's name, for IT (admin screen); empty when the
    // configuration names no site.
    std::string name;
    // The data controller (veri sorumlusu, KVKK md. 10) the details form's
    // notice names: the hospital's decision, so only ever from here.
    std::string data_controller;
    // false: this is the generic image's configuration, not yet a site's;
    // the kiosk shows IT that it is not set up and offers nothing else.
    bool configured = true;
};

void parse_site_section(const YAML::Node& map, SiteConfig& out, std::vector<ConfigProblem>& problems);

}  // namespace eimza
