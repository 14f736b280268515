#pragma once
#include <vector>

#include "kiosk/base/log_line.h"
#include "kiosk/model/events.h"
#include "kiosk/model/state.h"

namespace eimza {

// The only way State changes. Pure: no I/O, no clock reads (now is given),
// so every transition can be tested by feeding events. What it asks of the
// world comes back as data: the work to start (commands) and the lines for
// IT (log), which the loop writes.
State update(State state, const Event& event, TimePoint now, std::vector<Command>& commands, std::vector<LogLine>& log);

// The person's session, begun (in the default language) if none is open.
Session& open_session(State& state);

// The one end of a person's visit (card removed, idle timeout, Home, another
// card): cancels a read under way, drops the Session (its details are
// overwritten as it goes) and any admin visit, and returns to Home in the
// default language.
void end_session(State& state, std::vector<Command>& commands);

}  // namespace eimza
