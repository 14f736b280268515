// The robot's eyes for tests/ui/typing_integration.sh: where to tap on the
// real kiosk's screen, and what the screen must look like afterwards.
// It walks the same path the robot taps (Home → first application → staff →
// next → details) with the kiosk's own screens and update(), headlessly.
//   robot_plan plan WxH
//     prints "tap NAME X Y" for the language switch, each step of the path
//     and each form field, then "key TEXT X Y" for every key of the Turkish layout
//   robot_plan expect WxH OUT.ppm FIELD=TEXT...
//     draws the form after FIELD (a field index) got TEXT, in order, with
//     the last field focused, through the kiosk's own painter, to a PPM file
#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdlrenderer.h>
#include <imgui_internal.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/display.h"
#include "kiosk/content/content.h"
#include "kiosk/base/config.h"
#include "kiosk/model/person_form.h"
#include "kiosk/model/update.h"
#include "screens/runtime.h"
#include "screens/widgets/keyboard.h"
#include "tests/ui/widget_ids.h"

using namespace eimza;

namespace {

class Robot {
public:
    Robot(ImVec2 size) : size_(size) {
        std::string error;
        if (!ui_.init(std::filesystem::path(EIMZA_SOURCE_DIR) / "assets", size, 1.0f, DisplayConfig{}.diagonal_inches, error)) {
            std::fprintf(stderr, "robot_plan: %s\n", error.c_str());
            std::exit(1);
        }
        std::vector<content::Problem> problems;
        state_.content = std::make_shared<const content::Content>(
            content::load_content(std::filesystem::path(EIMZA_SOURCE_DIR) / "assets" / "content", problems));
        state_.default_lang = Lang::tr;
        state_.last_activity = now_;
    }

    State& state() { return state_; }
    screens::UiRuntime& ui() { return ui_; }

    std::vector<Action> frame(ImVec2 mouse, bool down) {
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = size_;
        io.DeltaTime = 1.0f / 60.0f;
        io.MousePos = mouse;
        io.MouseDown[0] = down;
        return ui_.frame(state_, now_, wall_);
    }

    // The middle of the widget: the centre of the pointer positions that
    // hover it on a sweep of the screen, so that the tap lands well inside.
    // One sweep serves every widget until the State changes.
    std::optional<ImVec2> locate(const char* window, const std::string& id) {
        if (swept_for_ != window || swept_state_ != state_version_) {
            hits_.clear();
            for (float y = 4; y < size_.y; y += 12)
                for (float x = 4; x < size_.x; x += 12) {
                    frame(ImVec2(x, y), false);
                    if (!GImGui->HoveredId) continue;
                    auto [it, fresh] = hits_.try_emplace(GImGui->HoveredId, ImVec4(x, y, x, y));
                    if (!fresh) it->second = ImVec4(std::min(it->second.x, x), std::min(it->second.y, y),
                                                    std::max(it->second.z, x), std::max(it->second.w, y));
                }
            swept_for_ = window;
            swept_state_ = state_version_;
        }
        auto hit = hits_.end();
        for (const ImGuiID target : testing::widget_ids(window, id.c_str()))
            if (hit == hits_.end()) hit = hits_.find(target);
        if (hit == hits_.end()) return std::nullopt;
        const ImVec4& box = hit->second;
        return ImVec2(static_cast<float>(static_cast<int>((box.x + box.z) / 2)),
                      static_cast<float>(static_cast<int>((box.y + box.w) / 2)));
    }

    void apply(const Action& action) {
        ++state_version_;
        std::vector<Command> commands;
        std::vector<LogLine> log_lines;
        state_ = update(std::move(state_), action, now_, commands, log_lines);
    }

    // Taps the widget as the robot will, applies what it did; prints it.
    bool tap(const char* window, const std::string& id, const std::string& name, bool print) {
        const auto at = locate(window, id);
        if (!at) {
            std::fprintf(stderr, "robot_plan: %s not found on %s\n", id.c_str(), window);
            return false;
        }
        if (print) std::printf("tap %s %d %d\n", name.c_str(), static_cast<int>(at->x), static_cast<int>(at->y));
        std::vector<Action> actions;
        for (bool down : {false, true, false}) {
            auto a = frame(*at, down);
            actions.insert(actions.end(), a.begin(), a.end());
        }
        for (const auto& action : actions) apply(action);
        frame(*at, false);
        return true;
    }

    bool to_details(bool print) {
        return tap("home", "##first_application", "first_application", print) &&
               tap("process", "##answer1", "staff", print) && tap("process", "##next", "next", print) &&
               tap("process", "##details", "details", print) && state_.screen == ScreenId::details;
    }

private:
    ImVec2 size_;
    screens::UiRuntime ui_;
    State state_;
    TimePoint now_ = Clock::now();
    std::chrono::system_clock::time_point wall_ = std::chrono::system_clock::now();
    std::map<ImGuiID, ImVec4> hits_;  // widget → hovered positions (min x, min y, max x, max y)
    std::string swept_for_;
    int state_version_ = 0, swept_state_ = -1;
};

bool parse_size(const char* text, ImVec2& size) {
    int w = 0, h = 0;
    if (std::sscanf(text, "%dx%d", &w, &h) != 2 || w < 320 || h < 320) return false;
    size = ImVec2(static_cast<float>(w), static_cast<float>(h));
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    ImVec2 size;
    if (argc >= 3 && std::string(argv[1]) == "plan" && parse_size(argv[2], size)) {
        Robot robot(size);
        // The language switch is at the same place on every screen.
        const auto language = robot.locate("home", "##language");
        if (!language) return 1;
        std::printf("tap language %d %d\n", static_cast<int>(language->x), static_cast<int>(language->y));
        if (!robot.to_details(true)) return 1;
        for (int i = 0; i < static_cast<int>(person_fields().size()); ++i) {
            const auto at = robot.locate("details", "##field" + std::to_string(i));
            if (!at) return 1;
            std::printf("tap field%d %d %d\n", i, static_cast<int>(at->x), static_cast<int>(at->y));
        }
        // The Turkish layout shows once a text field has the keyboard.
        robot.apply(FocusField{10});
        const char* keys[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "-", "_", "q", "w", "e", "r",
                              "t", "y", "u", "ı", "o", "p", "ğ", "ü", "a", "s", "d", "f", "g", "h", "j", "k",
                              "l", "ş", "i", "@", "z", "x", "c", "v", "b", "n", "m", "ö", "ç", ".", ",", "/",
                              "+", "'", "&", "(", ")", " "};
        for (const char* key : keys) {
            const auto id = screens::keyboard_key_id(screens::KeyboardLayout::turkish_q, key);
            const auto at = id ? robot.locate("details", *id) : std::nullopt;
            if (!at) {
                std::fprintf(stderr, "robot_plan: no key for '%s'\n", key);
                return 1;
            }
            std::printf("key %s %d %d\n", std::string(key) == " " ? "space" : key, static_cast<int>(at->x),
                        static_cast<int>(at->y));
        }
        const auto erase = robot.locate("details", "##backspace");
        if (!erase) return 1;
        std::printf("key backspace %d %d\n", static_cast<int>(erase->x), static_cast<int>(erase->y));
        return 0;
    }
    if (argc >= 4 && std::string(argv[1]) == "expect" && parse_size(argv[2], size)) {
        Robot robot(size);
        if (!robot.to_details(false)) return 1;
        for (int i = 4; i < argc; ++i) {
            const std::string arg = argv[i];
            const auto eq = arg.find('=');
            if (eq == std::string::npos) return 2;
            robot.apply(FocusField{std::stoi(arg.substr(0, eq))});
            // Typed as the keyboard sends it: one letter at a time.
            const std::string text = arg.substr(eq + 1);
            for (std::size_t at = 0; at < text.size();) {
                std::size_t n = 1;
                while (at + n < text.size() && (static_cast<unsigned char>(text[at + n]) & 0xC0) == 0x80) ++n;
                robot.apply(TypeText{text.substr(at, n)});
                at += n;
            }
        }
        // Two frames, as the kiosk builds until the screen settles.
        robot.frame(ImVec2(-1, -1), false);
        robot.frame(ImVec2(-1, -1), false);

        const int w = static_cast<int>(size.x), h = static_cast<int>(size.y);
        SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGB888);
        SDL_Renderer* renderer = surface ? SDL_CreateSoftwareRenderer(surface) : nullptr;
        if (!renderer) return 1;
        ImGui_ImplSDLRenderer_Init(renderer);
        ImGui_ImplSDLRenderer_CreateDeviceObjects();
        robot.frame(ImVec2(-1, -1), false);
        app::FramePainter painter;
        painter.paint(renderer, *ImGui::GetDrawData(), {{0, 0, w, h}}, SDL_Color{246, 247, 249, 255});
        SDL_RenderFlush(renderer);
        std::ofstream out(argv[3], std::ios::binary);
        out << "P6\n" << w << " " << h << "\n255\n";
        for (int y = 0; y < h; ++y) {
            const auto* row = reinterpret_cast<const Uint32*>(static_cast<const char*>(surface->pixels) + y * surface->pitch);
            for (int x = 0; x < w; ++x) {
                const char rgb[3] = {static_cast<char>((row[x] >> 16) & 0xFF), static_cast<char>((row[x] >> 8) & 0xFF),
                                     static_cast<char>(row[x] & 0xFF)};
                out.write(rgb, 3);
            }
        }
        ImGui_ImplSDLRenderer_Shutdown();
        SDL_DestroyRenderer(renderer);
        SDL_FreeSurface(surface);
        return out ? 0 : 1;
    }
    std::fprintf(stderr, "usage: robot_plan plan WxH | robot_plan expect WxH OUT.ppm FIELD=TEXT...\n");
    return 2;
}
