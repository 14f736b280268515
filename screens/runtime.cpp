#include "screens/runtime.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "kiosk/base/log.h"
#include "screens/style.h"
#include "screens/widgets/widgets.h"

namespace eimza::screens {

UiRuntime::~UiRuntime() {
    if (context_) ImGui::DestroyContext(context_);
}

float millimetres_per_pixel(ImVec2 display, float diagonal_inches) {
    return diagonal_inches * 25.4f / std::hypot(display.x, display.y);
}

float UiRuntime::scale_for(ImVec2 display, float config_scale) {
    return config_scale * std::min(display.x, display.y) / 1080.0f;
}

bool UiRuntime::init(const std::filesystem::path& assets_dir, ImVec2 display, float config_scale, float diagonal_inches,
                     std::string& error) {
    context_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = display;
    scale_ = scale_for(display, config_scale);
    // Larger letters would not make the keyboard's keys wider on a narrow
    // screen: a panel too small for its pixels is told, not hidden.
    const float smallest_mm = kSmallestTouchTarget * scale_ * millimetres_per_pixel(display, diagonal_inches);
    if (smallest_mm < kMinTouchTargetMm) {
        char message[200];
        std::snprintf(message, sizeof message,
                      "on a %.1f\" panel at %.0fx%.0f the smallest touch target is %.1f mm, under %.0f mm: raise "
                      "kiosk.display.scale or use a larger panel",
                      diagonal_inches, display.x, display.y, smallest_mm, kMinTouchTargetMm);
        log_warning("display", message);
    }
    apply_kiosk_style(scale_);

    FontFiles files;
    if (!find_font_files(files, error) || !load_fonts(files, scale_, fonts_, large_fonts_, error)) return false;

    std::vector<TextProblem> problems;
    texts_ = Texts::load(assets_dir / "i18n", problems);
    for (const auto& problem : problems)
        log_warning("content", problem.file + ":" + std::to_string(problem.line) + ": " + problem.what);
    return true;
}

std::vector<Action> UiRuntime::frame(const State& state, TimePoint now, std::chrono::system_clock::time_point wall_now,
                                     std::vector<LayoutProblem>* layout_problems) {
    std::vector<Action> actions;
    use_palette(state.display_mode());
    Ui ui{texts_, state.lang(), fonts(state.display_mode()), scale_, now, wall_now, &actions, layout_problems};
    ui.texts_shown = recorded_texts_;
    ui.touch_targets = recorded_targets_;
    ui.bar_fonts = fonts_;
    ImGui::NewFrame();
    draw_frame(state, ui);
    ImGui::Render();
    return actions;
}

}  // namespace eimza::screens
