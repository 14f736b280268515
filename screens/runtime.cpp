#include "screens/runtime.h"

#include <algorithm>

#include "kiosk/base/log.h"
#include "screens/style.h"
#include "screens/widgets/widgets.h"

namespace eimza::screens {

UiRuntime::~UiRuntime() {
    if (context_) ImGui::DestroyContext(context_);
}

float UiRuntime::scale_for(ImVec2 display, float config_scale) {
    return config_scale * std::min(display.x, display.y) / 1080.0f;
}

bool UiRuntime::init(const std::filesystem::path& assets_dir, ImVec2 display, float config_scale, std::string& error) {
    context_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = display;
    scale_ = scale_for(display, config_scale);
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
    ui.bar_fonts = fonts_;
    ImGui::NewFrame();
    draw_frame(state, ui);
    ImGui::Render();
    return actions;
}

}  // namespace eimza::screens
