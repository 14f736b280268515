#include <catch2/catch.hpp>

#include "hw/token/atr_catalog.h"

using namespace eimza::hw;

namespace {
Bytes hex(const std::string& text) {
    Bytes out;
    for (std::size_t i = 0; i + 1 < text.size(); i += 2) out.push_back(static_cast<std::uint8_t>(std::stoi(text.substr(i, 2), nullptr, 16)));
    return out;
}
}  // namespace

TEST_CASE("ATR patterns match with wildcards", "[atr]") {
    CHECK(atr_matches("3B 9F 96 81 31 FE 45 80 67 55 45 4B 41 45 12 .. 31 80 73 B3 A1 80 ..",
                      hex("3B9F968131FE45806755454B41451234318073B3A18099")));
    CHECK_FALSE(atr_matches("3B9F96", hex("3B9F97")));
    CHECK_FALSE(atr_matches("3B9F96", hex("3B9F9600")));
}

TEST_CASE("AKİS cards are named and routed to akisp11 only when it is installed", "[atr]") {
    TokenConfig config = default_token_config();
    config.smartcard_list = "/nonexistent";
    const AtrCatalog catalog(config);
    const Bytes akis = hex("3B9F158131FE45806755454B41451221318073B3A1805A");
    CHECK(catalog.name(akis) == "AKİS eID (Kamu SM)");
    // libakisp11 is not installed on test machines: OpenSC is the fallback.
    CHECK(catalog.module(akis) == config.default_module);
    CHECK(catalog.name(hex("3B00")).empty());
}
