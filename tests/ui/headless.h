#pragma once
// ImGui without SDL or a display: frames are built from a State, the mouse
// is moved and pressed through io, and what was pressed comes back as
// Actions. This exercises the very buttons a finger would touch.
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <functional>
#include <optional>
#include <stdexcept>

#include "kiosk/content/content.h"
#include "kiosk/base/config.h"
#include "screens/frame_builder.h"
#include "screens/pointer_queue.h"
#include "screens/runtime.h"
#include "tests/ui/widget_ids.h"

namespace eimza::testing {

// The content shipped in assets/, loaded once per test program; it must validate.
inline std::shared_ptr<const content::Content> shipped_content() {
    static const auto content = [] {
        std::vector<content::Problem> problems;
        auto loaded = content::load_content(std::filesystem::path(EIMZA_SOURCE_DIR) / "assets" / "content", problems);
        if (!problems.empty()) throw std::runtime_error("shipped content: " + problems.front().what);
        return std::make_shared<const content::Content>(std::move(loaded));
    }();
    return content;
}

class HeadlessUi {
public:
    // A panel of the default size (kiosk.display.diagonal_inches) unless told.
    explicit HeadlessUi(ImVec2 size, float diagonal_inches = DisplayConfig{}.diagonal_inches) {
        std::string error;
        if (!runtime_.init(std::filesystem::path(EIMZA_SOURCE_DIR) / "assets", size, 1.0f, diagonal_inches, error))
            throw std::runtime_error(error);
    }

    std::vector<Action> frame(const State& state, std::vector<screens::LayoutProblem>* problems = nullptr) {
        ImGuiIO& io = ImGui::GetIO();
        io.DeltaTime = 1.0f / 60.0f;
        io.MousePos = mouse_;
        io.MouseDown[0] = down_;
        return runtime_.frame(state, now, wall_now, problems);
    }

    // Finds the screen position of a widget by sweeping the mouse over the
    // display until ImGui reports the widget hovered.
    std::optional<ImVec2> locate(const State& state, const char* window, const char* id) {
        frame(state);
        frame(state);
        const auto targets = widget_ids(window, id);
        if (targets.empty()) return std::nullopt;
        const ImVec2 size = ImGui::GetIO().DisplaySize;
        for (float y = 8; y < size.y; y += 24) {
            for (float x = 8; x < size.x; x += 24) {
                mouse_ = ImVec2(x, y);
                frame(state);
                if (GImGui->HoveredId && std::count(targets.begin(), targets.end(), GImGui->HoveredId)) return mouse_;
            }
        }
        return std::nullopt;
    }

    // Presses and releases at pos over several frames, as a finger would,
    // and returns every action the frames produced.
    std::vector<Action> tap(const State& state, ImVec2 pos) {
        std::vector<Action> all;
        auto collect = [&](std::vector<Action> actions) { all.insert(all.end(), actions.begin(), actions.end()); };
        mouse_ = pos;
        down_ = false;
        collect(frame(state));
        down_ = true;
        collect(frame(state));
        collect(frame(state));
        down_ = false;
        collect(frame(state));
        collect(frame(state));
        return all;
    }

    std::vector<Action> press_move_release(const State& state, ImVec2 from, ImVec2 to) {
        std::vector<Action> all;
        auto collect = [&](std::vector<Action> actions) { all.insert(all.end(), actions.begin(), actions.end()); };
        mouse_ = from;
        down_ = false;
        collect(frame(state));
        down_ = true;
        collect(frame(state));
        mouse_ = to;
        collect(frame(state));
        down_ = false;
        collect(frame(state));
        collect(frame(state));
        return all;
    }

    // Holds a finger at pos for the given time (frames at 60 Hz), then lifts it.
    std::vector<Action> hold(const State& state, ImVec2 pos, float seconds) {
        std::vector<Action> all;
        auto collect = [&](std::vector<Action> actions) { all.insert(all.end(), actions.begin(), actions.end()); };
        mouse_ = pos;
        down_ = false;
        collect(frame(state));
        down_ = true;
        for (int i = 0; i < static_cast<int>(seconds * 60.0f); ++i) collect(frame(state));
        down_ = false;
        collect(frame(state));
        return all;
    }

    // The kiosk loop's way: frames built from a queue of pointer events
    // until the screen settles (screens/frame_builder.h). Returns the
    // number of frames built; apply gets every action.
    int settle(const State& state, screens::PointerQueue& queue, bool state_changed,
               const std::function<void(const Action&)>& apply) {
        const ImVec2 display = ImGui::GetIO().DisplaySize;
        return screens::build_settled_frames(
            runtime_, queue, state, state_changed,
            [&] { return screens::FrameInputs{display, 1.0f / 60.0f, now, wall_now}; }, apply);
    }

    // The keys of the texts one frame of the State shows.
    std::vector<std::string> texts_shown(const State& state) {
        std::vector<std::string> keys;
        runtime_.record_texts(&keys);
        frame(state);
        runtime_.record_texts(nullptr);
        return keys;
    }

    // Where one frame of the State puts its touch targets.
    std::vector<screens::TouchTarget> touch_targets(const State& state) {
        std::vector<screens::TouchTarget> targets;
        runtime_.record_touch_targets(&targets);
        frame(state);
        runtime_.record_touch_targets(nullptr);
        return targets;
    }

    const screens::UiRuntime& runtime() const { return runtime_; }

    TimePoint now = Clock::now();
    std::chrono::system_clock::time_point wall_now = std::chrono::system_clock::now();

private:
    screens::UiRuntime runtime_;
    ImVec2 mouse_{-1, -1};
    bool down_ = false;
};

}  // namespace eimza::testing
