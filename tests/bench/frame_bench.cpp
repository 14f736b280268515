// CPU of one frame (docs/performance.md): the kiosk's own ImGui screens,
// built and drawn through the same Display the kiosk uses, in a real window.
//   frame_bench [--renderer software|opengl|opengles2] [--frames N]
//               [--xserver-pid PID] [--whole]
// Run under Xvfb (tests/bench/frame_bench.sh starts it in both orientations).
// For Home, a verdict, a process step and the details form with its keyboard:
//  - a whole frame (as after a change of screen): build + draw + present;
//  - a tap's frames: the press (the key looks pressed) and the release (the
//    action, then the frame showing its result), as the kiosk's loop draws them.
// CPU is the process's (all threads: Mesa's llvmpipe draws on several) and,
// with --xserver-pid, the X server's share of the same frames.
// --whole: draw every frame whole, as before damage tracking.
#include <SDL.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "kiosk/app/display.h"
#include "kiosk/content/content.h"
#include "kiosk/base/config.h"
#include "kiosk/model/update.h"
#include "screens/pointer_queue.h"
#include "screens/runtime.h"
#include "screens/samples.h"

using namespace eimza;

namespace {

double process_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// utime + stime of another process, in ms (the kernel's tick resolution).
double other_cpu_ms(int pid) {
    if (pid <= 0) return 0;
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    std::getline(stat, line);
    const auto close = line.rfind(')');
    if (close == std::string::npos) return 0;
    std::vector<std::string> fields;
    std::size_t at = close + 2;
    while (at < line.size()) {
        const auto space = line.find(' ', at);
        fields.push_back(line.substr(at, space - at));
        if (space == std::string::npos) break;
        at = space + 1;
    }
    // fields[0] is the state (field 3); utime and stime are fields 14 and 15.
    if (fields.size() < 13) return 0;
    const double ticks = std::stod(fields[11]) + std::stod(fields[12]);
    return ticks * 1000.0 / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

struct Target {
    const char* label;
    const char* sample;
    const char* window;
    const char* widget;
    bool apply;  // let the tap's action change the State (typing)
};

int run(int argc, char** argv) {
    Renderer renderer = Renderer::software;
    int frames = 30;
    int xserver = 0;
    bool whole = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--renderer" && i + 1 < argc) {
            const std::string name = argv[++i];
            renderer = name == "opengl"      ? Renderer::opengl
                       : name == "opengles2" ? Renderer::opengles2
                                             : Renderer::software;
        } else if (arg == "--frames" && i + 1 < argc) {
            frames = std::max(3, std::atoi(argv[++i]));
        } else if (arg == "--xserver-pid" && i + 1 < argc) {
            xserver = std::atoi(argv[++i]);
        } else if (arg == "--whole") {
            whole = true;
        } else {
            std::fprintf(stderr,
                         "usage: frame_bench [--renderer software|opengl|opengles2] [--frames N] [--xserver-pid PID] "
                         "[--whole]\n");
            return 2;
        }
    }

    app::Display::prepare(renderer);
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        std::fprintf(stderr, "frame_bench: %s\n", SDL_GetError());
        return 1;
    }
    SDL_DisplayMode mode{};
    SDL_GetDesktopDisplayMode(0, &mode);
    app::Display display;
    std::string error;
    app::Display::Settings settings;
    settings.renderer = renderer;
    settings.width = mode.w;
    settings.height = mode.h;
    settings.title = "frame_bench";
    if (!display.open(settings, error)) {
        std::fprintf(stderr, "frame_bench: %s\n", error.c_str());
        return 1;
    }
    display.set_damage_tracking(!whole);
    SDL_RendererInfo info{};
    SDL_GetRendererInfo(display.renderer(), &info);
    screens::UiRuntime ui;
    const ImVec2 size = display.output_size();
    if (!ui.init(std::filesystem::path(EIMZA_SOURCE_DIR) / "assets", size, 1.0f, DisplayConfig{}.diagonal_inches, error)) {
        std::fprintf(stderr, "frame_bench: %s\n", error.c_str());
        return 1;
    }
    display.init_imgui();
    // Let the window map and settle before measuring.
    for (int i = 0; i < 20; ++i) {
        SDL_Event event;
        while (SDL_PollEvent(&event)) {
        }
        SDL_Delay(10);
    }

    std::vector<content::Problem> problems;
    auto content = std::make_shared<const content::Content>(
        content::load_content(std::filesystem::path(EIMZA_SOURCE_DIR) / "assets" / "content", problems));
    const TimePoint now = Clock::now();
    const auto wall = std::chrono::system_clock::now();

    const Target targets[] = {
        {"Home", "home", "home", "##language", false},
        {"verdict", "token-renew-soon", "token", "##reveal", false},
        {"step", "process-renewal-payment", "process", "##back", false},
        {"details + keyboard", "details", "details", "##key2_0", true},
    };
    std::printf("renderer %s (SDL: %s), %dx%d, %s, %d frames each\n", app::renderer_name(renderer), info.name,
                static_cast<int>(size.x), static_cast<int>(size.y), whole ? "whole frames" : "damage tracking",
                frames);
    std::printf("%-20s %10s %10s %10s | %10s %10s %12s\n", "screen", "build ms", "whole ms", "X srv ms", "press ms",
                "release ms", "px per tap");
    ImGuiIO& io = ImGui::GetIO();
    for (const auto& target : targets) {
        auto sample = screens::sample_state(target.sample, now, wall, content);
        if (!sample) {
            std::fprintf(stderr, "frame_bench: no sample %s\n", target.sample);
            return 1;
        }
        State state = *sample;
        screens::PointerQueue pointer;
        auto build = [&] {
            pointer.feed(io);
            io.DeltaTime = 1.0f / 60.0f;
            io.DisplaySize = size;
            return ui.frame(state, now, wall);
        };
        // Where the widget is: sweep the pointer until ImGui hovers it.
        build();
        ImGuiWindow* window = ImGui::FindWindowByName(target.window);
        const ImGuiID id = window ? window->GetID(target.widget) : 0;
        ImVec2 at(-1, -1);
        for (float y = 8; y < size.y && at.x < 0; y += 16)
            for (float x = 8; x < size.x && at.x < 0; x += 16) {
                pointer.push({screens::PointerEvent::Kind::move, ImVec2(x, y)});
                build();
                if (GImGui->HoveredId == id) at = ImVec2(x, y);
            }
        if (at.x < 0) {
            std::fprintf(stderr, "frame_bench: %s not found on %s\n", target.widget, target.sample);
            return 1;
        }

        std::vector<double> build_ms, whole_ms, press_ms, release_ms;
        double x_total = 0;
        long long tap_pixels = 0;
        for (int i = 0; i < frames; ++i) {
            double t0 = process_cpu_ms();
            build();
            build_ms.push_back(process_cpu_ms() - t0);

            display.invalidate();
            const double x0 = other_cpu_ms(xserver);
            t0 = process_cpu_ms();
            build();
            display.present(*ImGui::GetDrawData());
            whole_ms.push_back(process_cpu_ms() - t0);
            x_total += other_cpu_ms(xserver) - x0;
        }
        for (int i = 0; i < frames; ++i) {
            pointer.push({screens::PointerEvent::Kind::press, at});
            double t0 = process_cpu_ms();
            build();
            tap_pixels += display.present(*ImGui::GetDrawData()).pixels;
            press_ms.push_back(process_cpu_ms() - t0);

            pointer.push({screens::PointerEvent::Kind::release, at});
            t0 = process_cpu_ms();
            const auto actions = build();
            if (target.apply && !actions.empty()) {
                std::vector<Command> commands;
                std::vector<LogLine> log_lines;
                for (const auto& action : actions) state = update(std::move(state), action, now, commands, log_lines);
                build();
            }
            tap_pixels += display.present(*ImGui::GetDrawData()).pixels;
            release_ms.push_back(process_cpu_ms() - t0);
        }
        std::printf("%-20s %10.2f %10.2f %10.2f | %10.2f %10.2f %12lld\n", target.label, median(build_ms),
                    median(whole_ms), x_total / frames, median(press_ms), median(release_ms), tap_pixels / frames);
    }
    display.shutdown_imgui();
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const int status = run(argc, argv);
    SDL_Quit();
    return status;
}
