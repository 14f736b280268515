#pragma once
// The facts a process question may be answered by without asking the
// person (a step's `automatic:` in the content), and what the kiosk knows
// of them for one person. Named once here: the content parser, its error
// message, the process flow and the printed route all read this table.
#include <optional>
#include <string>
#include <string_view>

namespace eimza::content {

enum class AutomaticFact { has_valid_nes, has_registrar, certificate_revoked, ankara_route };

// The name a content file uses for a fact; nullopt for a name it does not know.
std::optional<AutomaticFact> parse_automatic_fact(std::string_view name);
std::string_view automatic_fact_name(AutomaticFact fact);
// Every name, for a content problem: "has_valid_nes, …, certificate_revoked or ankara_route".
std::string automatic_fact_names();

// Which lost/stolen route the hospital follows (configuration
// content.lost_stolen_route): revoke through Ankara, or through the
// hospital's certificate representative.
enum class LostStolenRoute { ankara, representative };

// What the kiosk knows for one person: the configuration's route and what
// the card told (nullopt: not known, the person is asked).
struct KnownFacts {
    LostStolenRoute lost_stolen_route = LostStolenRoute::ankara;
    std::optional<bool> has_valid_nes;
    std::optional<bool> has_registrar;
    std::optional<bool> certificate_revoked;

    // The answer to an automatic question: true selects its first answer,
    // false the second; nullopt means the person must be asked.
    std::optional<bool> answer(AutomaticFact fact) const;
};

}  // namespace eimza::content
