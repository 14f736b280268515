#pragma once
// What the kiosk reports to IT: anonymous usage counters, kept across
// restarts, and the Prometheus metrics file (docs/monitoring.md). The UI
// thread only counts and hands over a snapshot; writing files, asking CUPS
// about the printer and reading the CRL cache happen on this object's own
// thread.
#include <functional>
#include <memory>
#include <string>

#include "kiosk/base/settings.h"
#include "kiosk/model/events.h"
#include "kiosk/model/state.h"

namespace eimza::app {

class FleetReporting {
public:
    // metrics_dir: --metrics-dir, which wins over the configuration. wake:
    // called once per interval (from this object's thread) to ask the UI loop
    // for one more turn, whose Tick then refreshes the file: the loop itself
    // drives the refresh, so a hung loop leaves the file stale, which its
    // mtime shows.
    FleetReporting(const Settings& config, const std::string& metrics_dir, std::function<void()> wake);
    // Leaves a last file with up 0 and saves the counters.
    ~FleetReporting();
    FleetReporting(const FleetReporting&) = delete;
    FleetReporting& operator=(const FleetReporting&) = delete;

    // After every update(): counts the transition and refreshes the file
    // when something shown in it changed or the interval has passed.
    void after_update(const State& state, const Event& event);
    // The first frame is on the screen.
    void ready();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace eimza::app
