#include "screens/frame_builder.h"

#include <cstdint>

#include "screens/damage.h"

namespace eimza::screens {

int build_settled_frames(UiRuntime& ui, PointerQueue& pointer, const State& state, bool state_changed,
                         const std::function<FrameInputs()>& inputs, const std::function<void(const Action&)>& apply,
                         const std::function<bool()>& stop, FrameBuilderLimits limits) {
    ImGuiIO& io = ImGui::GetIO();
    std::uint64_t last_hash = 0;
    for (int built = 1;; ++built) {
        pointer.feed(io);
        const FrameInputs in = inputs();
        io.DisplaySize = in.display;
        io.DeltaTime = in.delta_seconds > 0 ? in.delta_seconds : 1e-4f;
        const auto actions = ui.frame(state, in.now, in.wall_now);
        for (const auto& action : actions) apply(action);
        state_changed |= !actions.empty();
        if (built >= limits.max_frames || (stop && stop())) return built;
        if (pointer.has_transition() || !actions.empty()) continue;
        if (!state_changed) return built;
        const std::uint64_t hash = frame_hash(*ImGui::GetDrawData());
        if (hash == last_hash) return built;
        last_hash = hash;
    }
}

}  // namespace eimza::screens
