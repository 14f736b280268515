#pragma once
// Touches and clicks in the order they happened, handed to ImGui one press
// or release per frame. ImGui 1.86 reads a single button state and pointer
// position per frame (its input queue came in 1.87), so a press and release
// that arrive while a frame is being drawn would merge with the next tap or
// vanish, and a tap would land where the pointer is now rather than where it
// touched. The loop builds a frame for each transition waiting here.
#include <imgui.h>

#include <cfloat>
#include <deque>

namespace eimza::screens {

struct PointerEvent {
    enum class Kind { move, press, release } kind = Kind::move;
    ImVec2 pos;
};

class PointerQueue {
public:
    // Queues an event. A press while the button is already down, or a
    // release while it is up, is a duplicate (a touch reported twice) and
    // is dropped; returns whether the event was kept.
    bool push(PointerEvent event);

    // Advances the pointer by one frame: every move up to and including the
    // next press or release. Writes position and button to io. Returns
    // whether this frame carries a press or release.
    bool feed(ImGuiIO& io);

    // A press or release is waiting: the loop needs another frame now.
    bool has_transition() const { return transitions_ > 0; }
    // The button as ImGui last saw it through feed().
    bool down() const { return fed_down_; }
    std::size_t size() const { return events_.size(); }

private:
    std::deque<PointerEvent> events_;
    int transitions_ = 0;
    bool queued_down_ = false;  // after the last queued event
    bool fed_down_ = false;     // as fed to ImGui
    ImVec2 fed_pos_{-FLT_MAX, -FLT_MAX};
};

}  // namespace eimza::screens
