// eimza-kiosk screenshot: renders a named sample screen with SDL's software
// renderer into memory and writes a PNG. Needs no display at all.
#include <SDL.h>
#include <imgui_impl_sdlrenderer.h>
#include <stb_image_write.h>

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/app.h"
#include "kiosk/app/display.h"
#include "kiosk/app/sample_screen.h"
#include "kiosk/cli/options.h"
#include "kiosk/content/content.h"
#include "kiosk/base/settings.h"
#include "screens/runtime.h"
#include "screens/samples.h"
#include "screens/widgets/widgets.h"

namespace eimza::app {

namespace {

void usage(std::FILE* stream) {
    std::fprintf(stream,
                 "Usage: eimza-kiosk screenshot --screen NAME --lang tr|en --out FILE.png [--size WxH]\n"
                 "                              [--mode normal|large|high-contrast] [--config FILE]\n"
                 "       eimza-kiosk screenshot --token-certs CERT[,CERT...] [--pin STATE] [--checking] --lang tr|en\n"
                 "                              --out FILE.png [--size WxH] [--mode ...] [--config FILE]\n"
                 "  --token-certs: the token screen for a card holding these certificates (none: \"\"), judged\n"
                 "  by the kiosk's verdict with the configured trust and revocation (as `verify`); --pin: ok,\n"
                 "  count_low, final_try, locked or unknown (default ok); --checking: before the CA answers.\n"
                 "Screens:");
    for (const auto& name : screens::sample_names()) std::fprintf(stream, " %s", name.c_str());
    std::vector<content::Problem> problems;
    const auto content = content::load_content(resolve_assets_dir(Settings{}) / "content", problems);
    std::fprintf(stream, "\nSteps:");
    for (const auto& name : screens::step_sample_names(content)) std::fprintf(stream, " %s", name.c_str());
    std::fprintf(stream, "\n");
}

bool parse_pin(const std::string& text, hw::PinState& out) {
    for (const auto state : {hw::PinState::ok, hw::PinState::count_low, hw::PinState::final_try, hw::PinState::locked,
                             hw::PinState::unknown})
        if (text == hw::to_string(state)) {
            out = state;
            return true;
        }
    return false;
}

bool parse_size(const std::string& text, int& w, int& h) {
    return std::sscanf(text.c_str(), "%dx%d", &w, &h) == 2 && w >= 320 && h >= 320 && w <= 7680 && h <= 7680;
}

}  // namespace

int screenshot(const cli::Args& args) {
    std::string screen, out, config_file;
    Lang lang = Lang::tr;
    std::optional<DisplayMode> mode;
    int width = 1920, height = 1080;
    std::vector<std::string> token_certs;
    hw::PinState pin = hw::PinState::ok;
    bool checking = false;
    CLI::App options{"", "screenshot"};
    auto* screen_option = options.add_option("--screen", screen);
    // "" is a card with no certificate: the option's presence, not its parts, asks for the token screen.
    auto* certs_option = options.add_option("--token-certs", token_certs)->delimiter(',')->expected(0, -1);
    screen_option->excludes(certs_option);
    cli::add_parsed_option(
        options, "--pin", [&pin](const std::string& text) { return parse_pin(text, pin); },
        "ok, count_low, final_try, locked or unknown");
    options.add_flag("--checking", checking);
    cli::add_lang_option(options, lang);
    options.add_option("--out", out)->required();
    cli::add_parsed_option(
        options, "--size", [&](const std::string& text) { return parse_size(text, width, height); },
        "WxH, e.g. 1920x1080");
    cli::add_parsed_option(
        options, "--mode",
        [&mode](const std::string& text) {
            DisplayMode parsed;
            if (!parse_display_mode(text.c_str(), parsed)) return false;
            mode = parsed;
            return true;
        },
        "normal, large or high-contrast");
    cli::add_config_option(options, config_file);
    if (const auto exit = cli::parse_options(options, args, usage)) return *exit;
    const bool from_certs = certs_option->count() > 0;
    std::erase(token_certs, std::string());
    if (screen.empty() && !from_certs) return cli::usage_error(options, usage, "--screen or --token-certs is required");

    Settings config;
    if (!load_cli_settings(config_file, config)) return 2;

    const TimePoint now = Clock::now();
    auto state = from_certs ? token_screen("screenshot", config, token_certs, pin, checking, lang, now,
                                           std::chrono::system_clock::now())
                            : sample_screen("screenshot", config, screen, lang, now, std::chrono::system_clock::now());
    if (!state) {
        usage(stderr);
        return 2;
    }
    state->default_mode = mode.value_or(config.kiosk.display.mode);

    SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ABGR8888);
    SDL_Renderer* renderer = surface ? SDL_CreateSoftwareRenderer(surface) : nullptr;
    if (!renderer) {
        std::fprintf(stderr, "screenshot: cannot create a software renderer: %s\n", SDL_GetError());
        return 1;
    }
    screens::UiRuntime ui;
    std::string error;
    if (!ui.init(resolve_assets_dir(config), ImVec2(static_cast<float>(width), static_cast<float>(height)),
                 config.kiosk.display.scale, config.kiosk.display.diagonal_inches, error)) {
        std::fprintf(stderr, "screenshot: %s\n", error.c_str());
        return 1;
    }
    ImGui_ImplSDLRenderer_Init(renderer);
    // Auto-sized windows settle on their second frame; draw a few.
    for (int frame = 0; frame < 3; ++frame) {
        ImGui_ImplSDLRenderer_NewFrame();
        ui.frame(*state, now, std::chrono::system_clock::now());
        const SDL_Color clear = sdl_colour(screens::palette::background);
        SDL_SetRenderDrawColor(renderer, clear.r, clear.g, clear.b, clear.a);
        SDL_RenderClear(renderer);
        ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
    }
    SDL_RenderFlush(renderer);
    const int ok = stbi_write_png(out.c_str(), width, height, 4, surface->pixels, surface->pitch);
    ImGui_ImplSDLRenderer_Shutdown();
    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(surface);
    if (!ok) {
        std::fprintf(stderr, "screenshot: cannot write %s\n", out.c_str());
        return 1;
    }
    return 0;
}

}  // namespace eimza::app
