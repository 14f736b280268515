#pragma once
// Reads a token through PKCS#11 without ever logging in: token info, the
// PIN flags and every certificate object. Offers no login, sign, decrypt or
// PIN function at all — there is nothing here that could ask for a PIN.
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <variant>

#include "hw/token/atr_catalog.h"
#include "hw/token/token_config.h"
#include "hw/token/token_snapshot.h"

namespace eimza::hw {

class Pkcs11Module;

using ReadResult = std::variant<TokenSnapshot, ReadFailure>;

class TokenReader {
public:
    explicit TokenReader(const TokenConfig& config);
    ~TokenReader();
    TokenReader(const TokenReader&) = delete;
    TokenReader& operator=(const TokenReader&) = delete;

    // Blocking; call from a worker thread. Safe to call from several.
    ReadResult read(const std::string& reader, const Bytes& atr);

    const AtrCatalog& catalog() const { return catalog_; }

private:
    std::shared_ptr<Pkcs11Module> module_for(const std::string& path);

    AtrCatalog catalog_;
    std::mutex modules_mutex_;
    // Loaded once and kept: C_Finalize + reload per card would cost more than
    // the read itself.
    std::map<std::string, std::shared_ptr<Pkcs11Module>> modules_;
};

}  // namespace eimza::hw
