// The kiosk's UI loop: SDL2 window, ImGui on SDL_Renderer, and one thread
// that sleeps until something happens. Hardware events arrive through the
// EventQueue; input and time become events too; update() is the only place
// State changes.
#include "kiosk/app/app.h"

#include <SDL.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>
#include <systemd/sd-daemon.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>

#include "kiosk/app/event_queue.h"
#include "kiosk/app/fleet_reporting.h"
#include "kiosk/app/hardware.h"
#include "kiosk/content/content_store.h"
#include "kiosk/core/config.h"
#include "kiosk/core/config_admin.h"
#include "kiosk/core/config_verdict.h"
#include "kiosk/core/log.h"
#include "kiosk/core/update.h"
#include "screens/runtime.h"

namespace eimza::app {

namespace {

// The systemd watchdog interval, or 0. sd_watchdog_enabled() would answer 0
// here: on the image the unit's main process is cage, so WATCHDOG_PID names
// cage, and the pings come from us, its child (the unit has NotifyAccess=all).
Uint64 watchdog_interval_usec() {
    const char* socket = std::getenv("NOTIFY_SOCKET");
    const char* usec = std::getenv("WATCHDOG_USEC");
    if (socket == nullptr || usec == nullptr) return 0;
    char* end = nullptr;
    const unsigned long long value = std::strtoull(usec, &end, 10);
    return end != usec && *end == '\0' ? static_cast<Uint64>(value) : 0;
}

// After any input ImGui 1.86 needs a few frames to see press and release.
constexpr int kFramesAfterInput = 3;
constexpr Uint32 kAnimationFrameMs = 33;

bool is_input(const SDL_Event& event) {
    switch (event.type) {
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP:
        case SDL_MOUSEMOTION:
        case SDL_MOUSEWHEEL:
        case SDL_FINGERDOWN:
        case SDL_FINGERUP:
        case SDL_FINGERMOTION:
        case SDL_KEYDOWN:
        case SDL_KEYUP:
        case SDL_TEXTINPUT:
            return true;
        default:
            return false;
    }
}

Config load_configuration(const Options& options, bool& ok) {
    ok = true;
    std::vector<ConfigProblem> problems;
    Config config;
    std::string file = options.config_file;
    file = config_file_or_default(file);
    if (!file.empty()) config = load_config(file, problems);
    for (const auto& problem : problems) {
        log_error("config", file + ":" + std::to_string(problem.line) + ": " + problem.what);
        // An explicitly named file that cannot be read is a usage error; a
        // bad value only falls back to its default.
        if (problem.line == 0 && !options.config_file.empty()) ok = false;
    }
    return config;
}

// Milliseconds the loop may sleep: until the State's next deadline, the
// watchdog's next ping, or forever.
// How often an idle kiosk looks for a content update the timer installed.
constexpr std::chrono::seconds kContentCheckInterval{30};

int wait_budget_ms(const State& state, TimePoint now, Uint64 watchdog_usec) {
    long long budget = -1;
    if (const auto deadline = state.next_deadline(now)) {
        budget = std::max<long long>(
            0, std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - now).count() + 1);
    }
    if (watchdog_usec > 0) {
        const long long half = static_cast<long long>(watchdog_usec / 2000);
        budget = budget < 0 ? half : std::min(budget, half);
    }
    return static_cast<int>(std::min<long long>(budget, 24LL * 3600 * 1000));
}

bool animating(const State& state, TimePoint now) {
    return state.token && state.token->phase == TokenSession::Phase::reading &&
           now - state.token->inserted_at >= kSpinnerDelay;
}

}  // namespace

int run_kiosk(const Options& options) {
    bool config_ok = true;
    const Config config = load_configuration(options, config_ok);
    if (!config_ok) return 2;
    set_log_target(config.log_target);

    const DisplayConfig& display = config.kiosk.display;
    SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
    if (!display.accelerated) {
        // Without these SDL brings up a GL context even for its software
        // renderer: +100 MB resident and +0.3 s at start for nothing.
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    }
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER | SDL_INIT_EVENTS) != 0) {
        log_error("startup", std::string("cannot start SDL: ") + SDL_GetError());
        return 1;
    }
    const bool fullscreen = display.fullscreen && !options.demo;
    // The demo window is two thirds of the kiosk's screen, same orientation.
    const int width = options.demo ? display.width * 2 / 3 : display.width;
    const int height = options.demo ? display.height * 2 / 3 : display.height;
    SDL_Window* window =
        SDL_CreateWindow(options.demo ? "eimza-kiosk (demo)" : "eimza-kiosk", SDL_WINDOWPOS_CENTERED,
                         SDL_WINDOWPOS_CENTERED, width, height,
                         SDL_WINDOW_ALLOW_HIGHDPI | (fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0));
    if (!window) {
        log_error("startup", std::string("cannot open a window: ") + SDL_GetError());
        SDL_Quit();
        return 1;
    }
    SDL_Renderer* renderer = nullptr;
    if (display.accelerated) renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!renderer) renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
    if (!renderer) {
        log_error("startup", std::string("cannot create a renderer: ") + SDL_GetError());
        SDL_DestroyWindow(window);
        SDL_Quit();
        return 1;
    }
    if (fullscreen) SDL_ShowCursor(SDL_DISABLE);

    int output_w = 0, output_h = 0;
    SDL_GetRendererOutputSize(renderer, &output_w, &output_h);
    screens::UiRuntime ui;
    std::string error;
    if (!ui.init(resolve_assets_dir(config),
                 ImVec2(static_cast<float>(output_w), static_cast<float>(output_h)), display.scale, error)) {
        log_error("startup", error);
        SDL_DestroyRenderer(renderer);
        SDL_DestroyWindow(window);
        SDL_Quit();
        return 1;
    }
    ImGui_ImplSDL2_InitForSDLRenderer(window);
    ImGui_ImplSDLRenderer_Init(renderer);

    State state;
    state.demo = options.demo;
    state.default_lang = state.lang = config.kiosk.default_language;
    state.idle.timeout = std::chrono::seconds(config.kiosk.idle_timeout_seconds);
    state.idle.countdown = std::chrono::seconds(config.kiosk.idle_countdown_seconds);
    state.last_activity = Clock::now();
    {
        // Room for an OCSP request and a CRL download, each within its timeout.
        std::vector<ConfigProblem> ignored;  // the hardware logs the verdict section's problems
        const auto timeout = std::chrono::milliseconds(parse_verdict_config(config, ignored).revocation.timeout_ms);
        state.revocation_wait = 2 * timeout + std::chrono::seconds(1);
    }
    std::vector<ConfigProblem> content_problems;
    const content::ContentSettings content_settings = content::parse_content_config(config, content_problems);
    for (const auto& p : content_problems) log_error("config", "line " + std::to_string(p.line) + ": " + p.what);
    const std::filesystem::path shipped_content = resolve_assets_dir(config) / "content";
    content::LoadedContent loaded_content = content::load_for_kiosk(content_settings, shipped_content);
    state.content = loaded_content.content;
    state.lost_stolen_ankara_route = content_settings.lost_stolen_ankara_route;
    // A signed update switches content.dir's link; the kiosk looks at rest,
    // so a person keeps the content their process started with.
    const bool content_updates = !content_settings.dir.empty();
    TimePoint next_content_check = Clock::now() + kContentCheckInterval;
    {
        std::vector<ConfigProblem> problems;
        const AdminConfig admin = parse_admin_config(config, problems);
        state.admin_policy.enabled = !admin.pin_hash.empty();
        state.admin_policy.hold = admin.hold;
    }

    EventQueue queue;
    auto hardware = std::make_unique<Hardware>(config, options.demo, [&queue](Event event) { queue.post(std::move(event)); });

    // Counters and the metrics file (docs/monitoring.md). Its wake-up is an
    // event of its own: one more turn of the loop (and so a Tick), no redraw.
    const Uint32 fleet_wake = SDL_RegisterEvents(1);
    auto fleet = std::make_unique<FleetReporting>(config, options.metrics_dir, [fleet_wake] {
        SDL_Event wake{};
        wake.type = fleet_wake;
        SDL_PushEvent(&wake);
    });

    std::vector<Command> commands;
    auto apply = [&](const Event& event) {
        commands.clear();
        state = update(std::move(state), event, Clock::now(), commands);
        fleet->after_update(state, event);
        for (const auto& command : commands) hardware->execute(command);
    };

    const Uint64 watchdog_usec = watchdog_interval_usec();

    hardware->start();
    log_info("startup", options.demo ? "kiosk started (demo)" : "kiosk started");

    int frames_pending = kFramesAfterInput;
    bool running = true;
    bool announced_ready = false;
    while (running) {
        const TimePoint now = Clock::now();
        int timeout = frames_pending > 0 ? 0 : wait_budget_ms(state, now, watchdog_usec);
        if (content_updates && state.at_rest()) {
            const auto until_check = std::chrono::duration_cast<std::chrono::milliseconds>(next_content_check - now).count();
            const int check_ms = static_cast<int>(std::max<long long>(0, until_check));
            timeout = timeout < 0 ? check_ms : std::min(timeout, check_ms);
        }
        // A finger held down (the admin corner) needs frames to be timed.
        if (ImGui::GetCurrentContext() && ImGui::GetIO().MouseDown[0]) timeout = timeout < 0 ? 100 : std::min(timeout, 100);
        if (animating(state, now)) timeout = timeout < 0 ? static_cast<int>(kAnimationFrameMs)
                                                         : std::min(timeout, static_cast<int>(kAnimationFrameMs));
        SDL_Event event;
        bool got = timeout < 0 ? SDL_WaitEvent(&event) == 1 : SDL_WaitEventTimeout(&event, timeout) == 1;
        bool redraw = frames_pending > 0 || animating(state, Clock::now());
        while (got) {
            ImGui_ImplSDL2_ProcessEvent(&event);
            if (event.type == SDL_QUIT) running = false;
            if (event.type == queue.wake_type()) {
                for (auto& posted : queue.take_all()) apply(posted);
                redraw = true;
            } else if (is_input(event)) {
                apply(UserActivity{});
                frames_pending = kFramesAfterInput;
                redraw = true;
            } else if (event.type == SDL_WINDOWEVENT) {
                redraw = true;
            }
            got = SDL_PollEvent(&event) == 1;
        }
        const ScreenId screen_before_tick = state.screen;
        const bool waiting_before_tick = state.token && state.token->revocation_deadline;
        apply(Tick{});
        // The revocation deadline passed: "Checking…" turns to "not confirmed".
        if (waiting_before_tick && !(state.token && state.token->revocation_deadline)) redraw = true;
        if (content_updates && state.at_rest() && Clock::now() >= next_content_check) {
            next_content_check = Clock::now() + kContentCheckInterval;
            if (content::content_changed_since(loaded_content, content_settings, shipped_content)) {
                loaded_content = content::load_for_kiosk(content_settings, shipped_content);
                if (loaded_content.content) {
                    log_info("content", "updated content in use: version " + loaded_content.content->version);
                    apply(ContentLoaded{loaded_content.content});
                    redraw = true;
                }
            }
        }
        if (state.screen != screen_before_tick || state.idle_countdown_left(Clock::now()).has_value()) redraw = true;
        if (state.screen == ScreenId::admin_pin && Clock::now() < state.admin_policy.locked_until + std::chrono::seconds(1))
            redraw = true;
        if (watchdog_usec > 0) sd_notify(0, "WATCHDOG=1");
        if (!redraw) continue;

        ImGui_ImplSDLRenderer_NewFrame();
        ImGui_ImplSDL2_NewFrame();
        const auto actions = ui.frame(state, Clock::now(), std::chrono::system_clock::now());
        SDL_SetRenderDrawColor(renderer, 246, 247, 249, 255);
        SDL_RenderClear(renderer);
        ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
        SDL_RenderPresent(renderer);
        if (!announced_ready) {
            sd_notify(0, "READY=1");
            log_info("startup", "first frame shown");
            fleet->ready();
            announced_ready = true;
        }
        for (const auto& action : actions) {
            apply(action);
            frames_pending = kFramesAfterInput;
        }
        if (frames_pending > 0) --frames_pending;
        if (state.restart_requested) running = false;
    }

    log_info("shutdown", "kiosk stopping");
    hardware.reset();  // joins the workers before SDL, which they post to, goes away
    fleet.reset();     // the same, and leaves a last metrics file saying up 0
    ImGui_ImplSDLRenderer_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    SDL_DestroyRenderer(renderer);
    SDL_DestroyWindow(window);
    SDL_Quit();
    return 0;
}

}  // namespace eimza::app
