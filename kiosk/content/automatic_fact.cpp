#include "kiosk/content/automatic_fact.h"

#include <array>
#include <utility>

namespace eimza::content {

namespace {

constexpr std::array<std::pair<AutomaticFact, std::string_view>, 4> kNames{{
    {AutomaticFact::has_valid_nes, "has_valid_nes"},
    {AutomaticFact::has_registrar, "has_registrar"},
    {AutomaticFact::certificate_revoked, "certificate_revoked"},
    {AutomaticFact::ankara_route, "ankara_route"},
}};

}  // namespace

std::optional<AutomaticFact> parse_automatic_fact(std::string_view name) {
    for (const auto& [fact, fact_name] : kNames)
        if (fact_name == name) return fact;
    return std::nullopt;
}

std::string_view automatic_fact_name(AutomaticFact fact) {
    for (const auto& [known, name] : kNames)
        if (known == fact) return name;
    return {};
}

std::string automatic_fact_names() {
    std::string out;
    for (std::size_t i = 0; i < kNames.size(); ++i) {
        if (i > 0) out += i + 1 == kNames.size() ? " or " : ", ";
        out += kNames[i].second;
    }
    return out;
}

std::optional<bool> KnownFacts::answer(AutomaticFact fact) const {
    switch (fact) {
        case AutomaticFact::has_valid_nes: return has_valid_nes;
        case AutomaticFact::has_registrar: return has_registrar;
        case AutomaticFact::certificate_revoked: return certificate_revoked;
        case AutomaticFact::ankara_route: return lost_stolen_route == LostStolenRoute::ankara;
    }
    return std::nullopt;
}

}  // namespace eimza::content
