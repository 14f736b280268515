#include "kiosk/admin/admin_pin.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <vector>

namespace eimza::admin {
namespace {

constexpr std::string_view kScheme = "pbkdf2-sha256";
constexpr int kSaltBytes = 16;
constexpr int kHashBytes = 32;

std::string base64(const std::vector<unsigned char>& bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes.data(), static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(length));
    return out;
}

std::optional<std::vector<unsigned char>> unbase64(std::string_view text) {
    if (text.empty() || text.size() % 4 != 0) return std::nullopt;
    std::vector<unsigned char> out(text.size() / 4 * 3);
    const int length = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
    if (length < 0) return std::nullopt;
    // EVP_DecodeBlock counts the padding as zero bytes.
    const auto padding = static_cast<std::size_t>(std::count(text.end() - 2, text.end(), '='));
    out.resize(static_cast<std::size_t>(length) - padding);
    return out;
}

std::optional<std::vector<unsigned char>> derive(std::string_view pin, const std::vector<unsigned char>& salt, int iterations) {
    std::vector<unsigned char> out(kHashBytes);
    if (PKCS5_PBKDF2_HMAC(pin.data(), static_cast<int>(pin.size()), salt.data(), static_cast<int>(salt.size()), iterations,
                          EVP_sha256(), kHashBytes, out.data()) != 1)
        return std::nullopt;
    return out;
}

struct Parsed {
    int iterations = 0;
    std::vector<unsigned char> salt;
    std::vector<unsigned char> hash;
};

std::optional<Parsed> parse(std::string_view encoded) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (std::size_t dollar; (dollar = encoded.find('$', start)) != std::string_view::npos; start = dollar + 1)
        parts.push_back(encoded.substr(start, dollar - start));
    parts.push_back(encoded.substr(start));
    if (parts.size() != 4 || parts[0] != kScheme) return std::nullopt;
    Parsed parsed;
    const auto [end, error] = std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), parsed.iterations);
    if (error != std::errc() || end != parts[1].data() + parts[1].size() || parsed.iterations < 10000) return std::nullopt;
    auto salt = unbase64(parts[2]);
    auto hash = unbase64(parts[3]);
    if (!salt || !hash || salt->size() < 8 || hash->size() != kHashBytes) return std::nullopt;
    parsed.salt = std::move(*salt);
    parsed.hash = std::move(*hash);
    return parsed;
}

}  // namespace

std::string hash_pin(std::string_view pin, int iterations) {
    std::vector<unsigned char> salt(kSaltBytes);
    if (RAND_bytes(salt.data(), kSaltBytes) != 1) return {};
    const auto hash = derive(pin, salt, iterations);
    if (!hash) return {};
    return std::string(kScheme) + "$" + std::to_string(iterations) + "$" + base64(salt) + "$" + base64(*hash);
}

bool verify_pin(std::string_view pin, std::string_view encoded) {
    const auto parsed = parse(encoded);
    if (!parsed) return false;
    const auto hash = derive(pin, parsed->salt, parsed->iterations);
    return hash && CRYPTO_memcmp(hash->data(), parsed->hash.data(), kHashBytes) == 0;
}

bool is_valid_hash(std::string_view encoded) { return parse(encoded).has_value(); }

}  // namespace eimza::admin
