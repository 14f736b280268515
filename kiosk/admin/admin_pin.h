#pragma once
// The admin PIN of the kiosk's hidden IT screens (never the token's PIN). The
// configuration holds only a salted, slow hash of it, so a copied
// configuration file does not give the PIN away:
//   pbkdf2-sha256$<iterations>$<salt, base64>$<hash, base64>
// `eimza-kiosk admin-pin-hash` makes such a line.
#include <string>
#include <string_view>

namespace eimza::admin {

inline constexpr int kDefaultIterations = 600000;  // OWASP's 2023 figure for PBKDF2-HMAC-SHA256

// Empty when OpenSSL cannot produce random bytes.
std::string hash_pin(std::string_view pin, int iterations = kDefaultIterations);
// False for a wrong PIN and for a malformed or missing hash.
bool verify_pin(std::string_view pin, std::string_view encoded);
// Whether `encoded` is a hash verify_pin() understands (for config checks).
bool is_valid_hash(std::string_view encoded);

}  // namespace eimza::admin
