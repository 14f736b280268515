#pragma once
// The ImGui side shared by the kiosk window, the screenshot command and the
// headless tests: context, style, fonts, texts, and one frame of the State.
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include <imgui.h>

#include "kiosk/base/i18n.h"
#include "kiosk/model/state.h"
#include "screens/fonts.h"
#include "screens/ui.h"

namespace eimza::screens {

// The smallest a touch target may be on the panel (EN 301 549 and ISO 9241-9
// ask for about 9 mm), and the size of one pixel on a panel of that
// diagonal showing display.
inline constexpr float kMinTouchTargetMm = 9.0f;
float millimetres_per_pixel(ImVec2 display, float diagonal_inches);

class UiRuntime {
public:
    UiRuntime() = default;
    ~UiRuntime();
    UiRuntime(const UiRuntime&) = delete;
    UiRuntime& operator=(const UiRuntime&) = delete;

    // Creates the ImGui context and loads texts from assets_dir/i18n.
    // Fails (with a message) only when no font with Turkish letters exists;
    // warns when the panel (diagonal_inches) makes touch targets under 9 mm.
    bool init(const std::filesystem::path& assets_dir, ImVec2 display, float config_scale, float diagonal_inches,
              std::string& error);

    // Scale for a display: 1.0 at 1080 px on the short side, times IT's scale.
    static float scale_for(ImVec2 display, float config_scale);

    // Builds one frame of the State (ImGui::NewFrame … ImGui::Render) and
    // returns what was pressed. The caller renders ImGui::GetDrawData().
    std::vector<Action> frame(const State& state, TimePoint now, std::chrono::system_clock::time_point wall_now,
                              std::vector<LayoutProblem>* layout_problems = nullptr);

    // Tests: the keys of the texts each following frame shows are added here.
    void record_texts(std::vector<std::string>* keys) { recorded_texts_ = keys; }
    // Tests: the touch targets of each following frame are added here.
    void record_touch_targets(std::vector<TouchTarget>* targets) { recorded_targets_ = targets; }

    const Texts& texts() const { return texts_; }
    const Fonts& fonts() const { return fonts_; }
    // The fonts of a display mode: large text and high contrast use larger ones.
    const Fonts& fonts(DisplayMode mode) const { return mode == DisplayMode::normal ? fonts_ : large_fonts_; }
    float scale() const { return scale_; }

private:
    ImGuiContext* context_ = nullptr;
    Texts texts_;
    Fonts fonts_;
    Fonts large_fonts_;
    float scale_ = 1.0f;
    std::vector<std::string>* recorded_texts_ = nullptr;
    std::vector<TouchTarget>* recorded_targets_ = nullptr;
};

}  // namespace eimza::screens
