// The kiosk's UI loop: SDL2 window, ImGui on SDL_Renderer, and one thread
// that sleeps until something happens. Hardware events arrive through the
// EventQueue; input and time become events too; update() is the only place
// State changes.
#include "kiosk/app/app.h"

#include <SDL.h>
#include <systemd/sd-daemon.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>

#include "kiosk/app/at_rest_marker.h"
#include "kiosk/app/display.h"
#include "kiosk/app/event_queue.h"
#include "kiosk/app/fleet_reporting.h"
#include "kiosk/app/hardware.h"
#include "kiosk/app/voice_guide.h"
#include "kiosk/content/content_store.h"
#include "kiosk/base/settings.h"
#include "kiosk/base/log.h"
#include "kiosk/model/update.h"
#include "screens/frame_builder.h"
#include "screens/pointer_queue.h"
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

constexpr Uint32 kAnimationFrameMs = 33;

// Input that keeps a session alive; the pointer's own events also go to
// the PointerQueue.
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

// The pointer event an SDL event carries, in the renderer's pixels. Touches
// arrive as SDL's mouse events (SDL_HINT_TOUCH_MOUSE_EVENTS); the finger
// events themselves are not used, or every tap would count twice.
std::optional<screens::PointerEvent> pointer_event(const SDL_Event& event, ImVec2 to_pixels) {
    using Kind = screens::PointerEvent::Kind;
    switch (event.type) {
        case SDL_MOUSEMOTION:
            return screens::PointerEvent{Kind::move, ImVec2(static_cast<float>(event.motion.x) * to_pixels.x,
                                                            static_cast<float>(event.motion.y) * to_pixels.y)};
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP:
            if (event.button.button != SDL_BUTTON_LEFT) return std::nullopt;
            return screens::PointerEvent{event.type == SDL_MOUSEBUTTONDOWN ? Kind::press : Kind::release,
                                         ImVec2(static_cast<float>(event.button.x) * to_pixels.x,
                                                static_cast<float>(event.button.y) * to_pixels.y)};
        default:
            return std::nullopt;
    }
}

Settings load_configuration(const Options& options, bool& ok) {
    ok = true;
    std::vector<ConfigProblem> problems;
    Settings config;
    std::string file = options.config_file;
    file = config_file_or_default(file);
    if (!file.empty()) config = load_settings(file, problems);
    for (const auto& problem : problems) {
        log_error("config", describe(file, problem));
        // An explicitly named file that cannot be read is a usage error; a
        // bad value only falls back to its default.
        if (problem.line == 0 && !options.config_file.empty()) ok = false;
    }
    return config;
}

// Milliseconds the loop may sleep: until the State's next deadline, the
// watchdog's next ping, or forever.
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
    const TokenSession* token = state.token();
    return token && token->reading() && now - token->inserted_at >= kSpinnerDelay;
}

bool waiting_for_revocation(const State& state) {
    const TokenSession* token = state.token();
    return token && token->ready() && token->ready()->revocation_deadline;
}

// The window: SDL, the display and the UI on it. False (logged, SDL shut
// down again) when any of them cannot be had.
bool open_window(const Settings& config, const Options& options, std::unique_ptr<Display>& display,
                 screens::UiRuntime& ui) {
    const DisplayConfig& display_config = config.kiosk.display;
    SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
    Display::prepare(display_config.renderer);
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER | SDL_INIT_EVENTS) != 0) {
        log_error("startup", std::string("cannot start SDL: ") + SDL_GetError());
        return false;
    }
    const bool fullscreen = display_config.fullscreen && !options.demo;
    Display::Settings settings;
    settings.renderer = display_config.renderer;
    settings.fullscreen = fullscreen;
    // The demo window is two thirds of the kiosk's screen, same orientation.
    settings.width = options.demo ? display_config.width * 2 / 3 : display_config.width;
    settings.height = options.demo ? display_config.height * 2 / 3 : display_config.height;
    settings.title = options.demo ? "eimza-kiosk (demo)" : "eimza-kiosk";
    display = std::make_unique<Display>();
    std::string error;
    if (!display->open(settings, error)) {
        log_error("startup", error);
        display.reset();
        SDL_Quit();
        return false;
    }
    if (fullscreen) SDL_ShowCursor(SDL_DISABLE);

    if (!ui.init(resolve_assets_dir(config), display->output_size(), display_config.scale,
                 display_config.diagonal_inches, error)) {
        log_error("startup", error);
        display.reset();
        SDL_Quit();
        return false;
    }
    display->init_imgui();
    log_info("startup", std::string("renderer ") + renderer_name(display_config.renderer) +
                            (display->software() ? " (SDL software)" : " (SDL GL)"));
    return true;
}

// The State the kiosk starts in: IT's configuration and the content in use.
State initial_state(const Settings& config, const Options& options, std::shared_ptr<const content::Content> content) {
    State state;
    state.demo = options.demo;
    state.default_lang = config.kiosk.default_language;
    state.idle.timeout = std::chrono::seconds(config.kiosk.idle_timeout_seconds);
    state.idle.countdown = std::chrono::seconds(config.kiosk.idle_countdown_seconds);
    state.default_mode = config.kiosk.display.mode;
    state.last_activity = Clock::now();
    // Room for an OCSP request and a CRL download, each within its timeout.
    state.revocation_wait = 2 * std::chrono::milliseconds(config.verdict.revocation.timeout_ms) + std::chrono::seconds(1);
    state.content = std::move(content);
    state.lost_stolen_route = config.content.lost_stolen_route;
    state.form_mail_enabled = config.mail.enabled;
    state.admin_policy.enabled = !config.admin.pin_hash.empty();
    state.admin_policy.hold = config.admin.hold;
    state.site_configured = config.site.configured;
    state.site_name = config.site.name;
    state.site_data_controller = config.site.data_controller;
    if (!state.site_configured) log_warning("startup", "no site configuration: showing that the kiosk is not set up");
    return state;
}

// The content in use, and the updates the timer installs. A signed update
// switches content.dir's link; the kiosk takes it up only at rest, so a
// person keeps the content their process started with.
class ContentWatcher {
public:
    ContentWatcher(const content::ContentSettings& settings, std::filesystem::path shipped)
        : settings_(settings),
          shipped_(std::move(shipped)),
          watching_(!settings.dir.empty()),
          loaded_(content::load_for_kiosk(settings_, shipped_)),
          next_look_(Clock::now() + kLookInterval) {}

    std::shared_ptr<const content::Content> content() const { return loaded_.content; }

    // How long the loop may sleep before the next look; nullopt when there
    // is none to make (updates off, or a person is using the kiosk).
    std::optional<int> wait_ms(const State& state, TimePoint now) const {
        if (!watching_ || !state.at_rest()) return std::nullopt;
        const auto until = std::chrono::duration_cast<std::chrono::milliseconds>(next_look_ - now).count();
        return static_cast<int>(std::max<long long>(0, until));
    }

    // The updated content when it is time to look and an update was
    // installed since the last load; else nullptr.
    std::shared_ptr<const content::Content> look(const State& state, TimePoint now) {
        if (!watching_ || !state.at_rest() || now < next_look_) return nullptr;
        next_look_ = now + kLookInterval;
        if (!content::content_changed_since(loaded_, settings_, shipped_)) return nullptr;
        loaded_ = content::load_for_kiosk(settings_, shipped_);
        if (!loaded_.content) return nullptr;
        log_info("content", "updated content in use: version " + loaded_.content->version);
        return loaded_.content;
    }

private:
    // How often an idle kiosk looks for a content update the timer installed.
    static constexpr std::chrono::seconds kLookInterval{30};

    const content::ContentSettings& settings_;
    const std::filesystem::path shipped_;
    const bool watching_;
    content::LoadedContent loaded_;
    TimePoint next_look_;
};

// The one thread's loop: sleeps until input, a posted hardware event or the
// next deadline, applies what came through update(), and paints when the
// screen may have changed.
class KioskLoop {
public:
    KioskLoop(Display& display, screens::UiRuntime& ui, State& state, ContentWatcher& content, EventQueue& queue,
              Hardware& hardware, FleetReporting& fleet)
        : display_(display),
          ui_(ui),
          state_(state),
          content_(content),
          queue_(queue),
          hardware_(hardware),
          fleet_(fleet),
          voice_guide_(ui.texts()),
          watchdog_usec_(watchdog_interval_usec()) {}

    void run() {
        bool running = true;
        bool announced_ready = false;
        bool state_changed = true;
        while (running) {
            const TimePoint now = Clock::now();
            const int timeout = announced_ready ? timeout_ms(now) : 0;
            SDL_Event event;
            const bool got = timeout < 0 ? SDL_WaitEvent(&event) == 1 : SDL_WaitEventTimeout(&event, timeout) == 1;
            bool redraw = !announced_ready || pointer_.down() || animating(state_, Clock::now());
            if (got) running = take_events(event, redraw, state_changed);
            const ScreenId screen_before_tick = state_.screen;
            const bool waiting_before_tick = waiting_for_revocation(state_);
            apply(Tick{});
            // The revocation deadline passed: "Checking…" turns to "not confirmed".
            if (waiting_before_tick && !waiting_for_revocation(state_)) redraw = true;
            if (auto updated = content_.look(state_, Clock::now())) {
                apply(ContentLoaded{std::move(updated)});
                redraw = state_changed = true;
            }
            if (state_.screen != screen_before_tick) redraw = state_changed = true;
            at_rest_marker_.follow(state_.at_rest());
            if (state_.idle_countdown_left(Clock::now()).has_value()) redraw = true;
            if (state_.screen == ScreenId::admin_pin &&
                Clock::now() < state_.admin_policy.locked_until + std::chrono::seconds(1))
                redraw = true;
            if (pointer_.has_transition()) redraw = true;
            voice_guide_.follow(state_, Clock::now(), std::chrono::system_clock::now());
            if (watchdog_usec_ > 0) sd_notify(0, "WATCHDOG=1");
            if (!redraw) continue;

            draw(state_changed);
            state_changed = false;
            // The frame's taps may have changed the screen or the guide itself.
            voice_guide_.follow(state_, Clock::now(), std::chrono::system_clock::now());
            if (!announced_ready) {
                sd_notify(0, "READY=1");
                log_info("startup", "first frame shown");
                fleet_.ready();
                announced_ready = true;
            }
            if (state_.restart_requested) running = false;
        }
    }

private:
    void apply(const Event& event) {
        commands_.clear();
        log_lines_.clear();
        state_ = update(std::move(state_), event, Clock::now(), commands_, log_lines_);
        for (const auto& line : log_lines_) log(line);
        fleet_.after_update(state_, event);
        for (const auto& command : commands_) hardware_.execute(command);
    }

    // How long to sleep: -1 for until something happens.
    int timeout_ms(TimePoint now) const {
        if (pointer_.has_transition()) return 0;
        int timeout = wait_budget_ms(state_, now, watchdog_usec_);
        const auto sooner = [&timeout](int ms) { timeout = timeout < 0 ? ms : std::min(timeout, ms); };
        if (const auto look = content_.wait_ms(state_, now)) sooner(*look);
        // A finger held down (the admin corner) needs frames to be timed.
        if (pointer_.down()) sooner(100);
        if (animating(state_, now)) sooner(static_cast<int>(kAnimationFrameMs));
        return timeout;
    }

    // Applies the SDL events waiting, the first one given; false when the
    // window was closed.
    bool take_events(SDL_Event event, bool& redraw, bool& state_changed) {
        bool running = true;
        const ImVec2 output = display_.output_size();
        int window_w = 0, window_h = 0;
        SDL_GetWindowSize(display_.window(), &window_w, &window_h);
        const ImVec2 to_pixels(window_w > 0 ? output.x / static_cast<float>(window_w) : 1.0f,
                               window_h > 0 ? output.y / static_cast<float>(window_h) : 1.0f);
        do {
            if (event.type == SDL_QUIT) running = false;
            if (event.type == queue_.wake_type()) {
                for (auto& posted : queue_.take_all()) apply(posted);
                redraw = state_changed = true;
            } else if (is_input(event)) {
                // A move with the button up changes nothing on a touch
                // screen (no hover looks), so it draws nothing.
                const auto moved = pointer_event(event, to_pixels);
                if (moved) pointer_.push(*moved);
                if (event.type == SDL_MOUSEWHEEL) {
                    // IT's mouse on the admin screen's diagnostics.
                    ImGui::GetIO().MouseWheel += static_cast<float>(event.wheel.y);
                    redraw = true;
                }
                apply(UserActivity{});
            } else if (event.type == SDL_WINDOWEVENT) {
                if (event.window.event == SDL_WINDOWEVENT_EXPOSED || event.window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
                    display_.invalidate();
                redraw = true;
            }
        } while (SDL_PollEvent(&event) == 1);
        return running;
    }

    void draw(bool state_changed) {
        // One clock for every frame built before this paint: they show one
        // moment, so an animation (the spinner) does not keep them from
        // settling.
        const TimePoint now = Clock::now();
        const auto wall_now = std::chrono::system_clock::now();
        auto frame_inputs = [&] {
            const Uint64 counter = SDL_GetPerformanceCounter();
            screens::FrameInputs in;
            in.display = display_.output_size();
            in.delta_seconds = static_cast<float>(static_cast<double>(counter - last_frame_counter_) /
                                                  static_cast<double>(SDL_GetPerformanceFrequency()));
            in.now = now;
            in.wall_now = wall_now;
            last_frame_counter_ = counter;
            return in;
        };
        screens::build_settled_frames(ui_, pointer_, state_, state_changed, frame_inputs,
                                      [this](const Event& event) { apply(event); },
                                      [this] { return state_.restart_requested; });
        display_.present(*ImGui::GetDrawData());
    }

    Display& display_;
    screens::UiRuntime& ui_;
    State& state_;
    ContentWatcher& content_;
    EventQueue& queue_;
    Hardware& hardware_;
    FleetReporting& fleet_;
    VoiceGuide voice_guide_;
    AtRestMarker at_rest_marker_;
    const Uint64 watchdog_usec_;
    std::vector<Command> commands_;
    std::vector<LogLine> log_lines_;
    screens::PointerQueue pointer_;
    Uint64 last_frame_counter_ = SDL_GetPerformanceCounter();
};

}  // namespace

int run_kiosk(const Options& options) {
    bool config_ok = true;
    const Settings config = load_configuration(options, config_ok);
    if (!config_ok) return 2;
    set_log_target(config.log_target);

    std::unique_ptr<Display> display;
    screens::UiRuntime ui;
    if (!open_window(config, options, display, ui)) return 1;

    ContentWatcher content(config.content, resolve_assets_dir(config) / "content");
    State state = initial_state(config, options, content.content());

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

    KioskLoop loop(*display, ui, state, content, queue, *hardware, *fleet);
    hardware->start();
    log_info("startup", options.demo ? "kiosk started (demo)" : "kiosk started");
    loop.run();

    log_info("shutdown", "kiosk stopping");
    hardware.reset();  // joins the workers before SDL, which they post to, goes away
    fleet.reset();     // the same, and leaves a last metrics file saying up 0
    display->shutdown_imgui();
    display.reset();
    SDL_Quit();
    return 0;
}

}  // namespace eimza::app
