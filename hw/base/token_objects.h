#pragma once
// What a token holds that more than the reader needs: the certificate
// objects it stores and what its flags say of the PIN. Plain data, so the
// verdict can judge certificates without knowing the token reader.
#include <string>

#include "hw/base/bytes.h"

namespace eimza::hw {

// Derived from the PKCS#11 token flags only; the kiosk never tries a PIN.
enum class PinState { ok, count_low, final_try, locked, unknown };

struct CertificateObject {
    Bytes der;       // CKA_VALUE
    Bytes id;        // CKA_ID
    std::string label;  // CKA_LABEL
};

const char* to_string(PinState state);

}  // namespace eimza::hw
