#include "screens/pointer_queue.h"

namespace eimza::screens {

bool PointerQueue::push(PointerEvent event) {
    using Kind = PointerEvent::Kind;
    if (event.kind == Kind::press || event.kind == Kind::release) {
        const bool down = event.kind == Kind::press;
        if (down == queued_down_) return false;
        queued_down_ = down;
        ++transitions_;
    } else if (!events_.empty() && events_.back().kind == Kind::move) {
        // Only where the pointer ended up between two transitions matters.
        events_.back().pos = event.pos;
        return true;
    }
    events_.push_back(event);
    return true;
}

bool PointerQueue::feed(ImGuiIO& io) {
    bool transition = false;
    while (!events_.empty()) {
        const PointerEvent event = events_.front();
        events_.pop_front();
        fed_pos_ = event.pos;
        if (event.kind != PointerEvent::Kind::move) {
            fed_down_ = event.kind == PointerEvent::Kind::press;
            --transitions_;
            transition = true;
            break;
        }
    }
    io.MousePos = fed_pos_;
    io.MouseDown[0] = fed_down_;
    return transition;
}

}  // namespace eimza::screens
