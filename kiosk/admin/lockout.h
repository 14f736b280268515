#pragma once
// How long the admin PIN entry stays locked after wrong PINs; pure, for the
// kiosk's pure model.
#include <chrono>

namespace eimza::admin {

// Wrong PINs lock the entry for a while: the first three are free, then 30 s,
// doubling each time, at most 15 minutes.
std::chrono::seconds lockout_after(int consecutive_failures);

}  // namespace eimza::admin
