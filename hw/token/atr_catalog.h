#pragma once
// ATR -> a card's human name and the PKCS#11 module that reads it.
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

private:
    struct Entry {
        std::string pattern;
        std::string name;
    };
    TokenConfig config_;
    std::vector<Entry> listed_;  // from smartcard_list.txt
};

}  // namespace eimza::hw
