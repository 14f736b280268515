#pragma once
// Everything that can change the State: hardware reports, worker results,
// touches and the passing of time.
#include <cstdint>
#include <variant>
#include <vector>

#include "hw/cert/verdict.h"
#include "hw/token/token_snapshot.h"
#include "kiosk/core/actions.h"

namespace eimza {

struct Tick {};          // time passed; update() reads the clock it is given
struct UserActivity {};  // any touch, click or key: the person is still here

struct TokenReadDone {
    std::uint64_t generation;
    hw::TokenSnapshot snapshot;
    hw::Verdict verdict;  // computed at once from cached revocation answers
};
struct TokenReadFailed {
    std::uint64_t generation;
    hw::ReadFailure failure;
};
// A revocation answer arrived: the verdict recomputed with it.
struct VerdictUpdated {
    std::uint64_t generation;
    hw::Verdict verdict;
};

using Event = std::variant<Tick, UserActivity, Action, hw::ReaderEvent, TokenReadDone, TokenReadFailed, VerdictUpdated>;

// Work update() asks the app to start; results come back as events.
struct ReadToken {
    std::uint64_t generation;
    std::string reader;
    hw::Bytes atr;
};
struct CancelTokenRead {
    std::uint64_t generation;
};
struct RunDemoCard {
    std::string profile;  // empty: remove the card
};
// Ask the CA about the token's certificates; answers come as VerdictUpdated.
struct CheckRevocation {
    std::uint64_t generation;
    std::vector<hw::CertificateObject> certificates;
    hw::PinState pin;
};

using Command = std::variant<ReadToken, CancelTokenRead, RunDemoCard, CheckRevocation>;

}  // namespace eimza
