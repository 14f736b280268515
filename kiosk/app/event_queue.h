#pragma once
// Hardware threads post events here; each post wakes the UI loop through an
// SDL user event, so the loop can sleep in SDL_WaitEvent when idle.
#include <SDL.h>

#include <deque>
#include <mutex>
#include <utility>

#include "kiosk/model/events.h"

namespace eimza::app {

class EventQueue {
public:
    EventQueue() : wake_type_(SDL_RegisterEvents(1)) {}

    void post(Event event) {
        {
            std::lock_guard lock(mutex_);
            events_.push_back(std::move(event));
        }
        SDL_Event wake{};
        wake.type = wake_type_;
        SDL_PushEvent(&wake);  // thread-safe by SDL's contract
    }

    std::deque<Event> take_all() {
        std::lock_guard lock(mutex_);
        return std::exchange(events_, {});
    }

    Uint32 wake_type() const { return wake_type_; }

private:
    Uint32 wake_type_;
    std::mutex mutex_;
    std::deque<Event> events_;
};

}  // namespace eimza::app
