#pragma once
// The app's side of the hardware: starts the reader monitor, runs the
// commands update() asks for on worker threads, and posts their results
// back as events. The UI thread never waits on a card, a network or a
// printer.
#include <functional>
#include <memory>

#include "kiosk/base/settings.h"
#include "kiosk/model/events.h"

namespace eimza::app {

using EventSink = std::function<void(Event)>;

class Hardware {
public:
    Hardware(const Settings& config, bool demo, EventSink sink);
    ~Hardware();
    Hardware(const Hardware&) = delete;
    Hardware& operator=(const Hardware&) = delete;

    void start();
    void execute(const Command& command);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace eimza::app
