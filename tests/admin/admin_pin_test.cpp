// The admin PIN hash: PBKDF2 round trip, wrong PINs, malformed hashes, lockout.
#include <catch2/catch.hpp>

#include "kiosk/admin/admin_pin.h"
#include "kiosk/admin/lockout.h"

using namespace eimza::admin;
using namespace std::chrono_literals;

TEST_CASE("a hashed PIN verifies and a wrong one does not", "[admin]") {
    const std::string hash = hash_pin("246810", 10000);
    REQUIRE(hash.rfind("pbkdf2-sha256$10000$", 0) == 0);
    CHECK(is_valid_hash(hash));
    CHECK(verify_pin("246810", hash));
    CHECK_FALSE(verify_pin("246811", hash));
    CHECK_FALSE(verify_pin("", hash));
    CHECK(hash.find("246810") == std::string::npos);
}

TEST_CASE("the same PIN hashes differently each time (salt)", "[admin]") {
    CHECK(hash_pin("135790", 10000) != hash_pin("135790", 10000));
}

TEST_CASE("malformed hashes never verify", "[admin]") {
    const std::string good = hash_pin("111111", 10000);
    for (const std::string& bad : {std::string(), std::string("111111"), std::string("pbkdf2-sha256$10000$$"),
                                  std::string("pbkdf2-sha1") + good.substr(13), std::string("pbkdf2-sha256$10$") + good.substr(20),
                                  good.substr(0, good.size() - 4), good + "$x", std::string("pbkdf2-sha256$abc$AAAA$AAAA")}) {
        CAPTURE(bad);
        CHECK_FALSE(is_valid_hash(bad));
        CHECK_FALSE(verify_pin("111111", bad));
    }
}

TEST_CASE("wrong PINs lock the entry with a growing, capped delay", "[admin]") {
    CHECK(lockout_after(0) == 0s);
    CHECK(lockout_after(2) == 0s);
    CHECK(lockout_after(3) == 30s);
    CHECK(lockout_after(4) == 60s);
    CHECK(lockout_after(5) == 120s);
    CHECK(lockout_after(20) == 900s);
}
