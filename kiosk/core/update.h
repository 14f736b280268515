#pragma once
#include <vector>

#include "kiosk/core/events.h"
#include "kiosk/core/state.h"

namespace eimza {

// The only way State changes. Pure: no I/O, no clock reads (now is given),
// so every transition can be tested by feeding events.
State update(State state, const Event& event, TimePoint now, std::vector<Command>& commands);

// Drops everything personal: the token session, the person's details, the
// revealed TCKN, and returns to Home in the default language.
void end_session(State& state);

}  // namespace eimza
