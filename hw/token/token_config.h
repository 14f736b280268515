#pragma once
// Which PKCS#11 module reads which card. The map is configuration because
// production AKİS cards need Kamu SM's own module (akisp11), which hospitals
// install themselves, while OpenSC reads the rest.
#include <string>
#include <vector>

namespace eimza::hw {

struct ModuleRule {
    std::string atr_pattern;  // hex, '.' matches any nibble; spaces ignored
    std::string module;       // path or file name of a PKCS#11 module
    std::string name;         // a human name for cards matching the rule
};

struct TokenConfig {
    std::vector<ModuleRule> rules;
    std::string default_module = "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so";
    std::string smartcard_list = "/usr/share/pcsc/smartcard_list.txt";
    int read_timeout_ms = 8000;
};

// The built-in rules: AKİS and UKiS ATRs (historical bytes "UEKAE") to
// akisp11, as named in pcsc-tools' list.
TokenConfig default_token_config();

}  // namespace eimza::hw
