#pragma once
// Tells the image's whole-system update whether a person is at the screen:
// the file RUNTIME_DIRECTORY/at-rest exists exactly while the kiosk is at rest
// (State::at_rest), so eimza-system-update switches to a new slot only then
// (docs/fleet.md). Without RUNTIME_DIRECTORY (not under systemd) it does nothing.
#include <filesystem>
#include <optional>

namespace eimza::app {

class AtRestMarker {
public:
    AtRestMarker();
    void follow(bool at_rest);

private:
    std::filesystem::path file_;
    std::optional<bool> shown_;
};

}  // namespace eimza::app
