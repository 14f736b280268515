#pragma once
// ATR -> a card's human name and the PKCS#11 module that reads it.
#include <optional>
#include <string>
#include <vector>

#include "hw/token/token_config.h"
#include "hw/token/token_snapshot.h"

namespace eimza::hw {

bool atr_matches(const std::string& pattern, const Bytes& atr);

class AtrCatalog {
public:
    explicit AtrCatalog(const TokenConfig& config);

    // Name from our rules first, then pcsc-tools' list; empty when unknown.
    std::string name(const Bytes& atr) const;
    // The first rule's module whose file exists, else the default module.
    std::string module(const Bytes& atr) const;
    // A rule naming a module for this ATR when none of the rules' modules is
    // installed (AKİS without akisp11): module() then falls back to the
    // default, which may well not read the card.
    std::optional<ModuleRule> missing_module(const Bytes& atr) const;

    const TokenConfig& config() const { return config_; }

private:
    struct Entry {
        std::string pattern;
        std::string name;
    };
    TokenConfig config_;
    std::vector<Entry> listed_;  // from smartcard_list.txt
};

}  // namespace eimza::hw
