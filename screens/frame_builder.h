#pragma once
// How many ImGui frames the loop builds before it paints one. ImGui 1.86
// sees a single button state per frame, so a waiting press and release each
// need a frame of their own; a frame whose actions changed the State shows
// the State before them, so another is built; and after any change frames
// are built until two in a row come out the same (a new screen, windows
// ImGui sizes on their second frame). Only the last one is painted: the
// frames before it were never going to be on screen long enough to see.
#include <chrono>
#include <functional>

#include "kiosk/model/actions.h"
#include "kiosk/model/state.h"
#include "screens/pointer_queue.h"
#include "screens/runtime.h"

namespace eimza::screens {

// What a frame is built with besides the State.
struct FrameInputs {
    ImVec2 display;
    float delta_seconds = 1.0f / 60.0f;
    TimePoint now{};
    std::chrono::system_clock::time_point wall_now{};
};

struct FrameBuilderLimits {
    // Frames built in a row without painting before one is painted anyway,
    // so that a screen that kept emitting actions could not stall the loop.
    int max_frames = 16;
};

// Builds frames of `state` (which `apply` changes) until the screen has
// settled; ImGui's draw data then holds the frame to paint. `stop` ends it
// early (a restart was asked for). Returns how many frames were built.
int build_settled_frames(UiRuntime& ui, PointerQueue& pointer, const State& state, bool state_changed,
                         const std::function<FrameInputs()>& inputs, const std::function<void(const Action&)>& apply,
                         const std::function<bool()>& stop = {}, FrameBuilderLimits limits = {});

}  // namespace eimza::screens
