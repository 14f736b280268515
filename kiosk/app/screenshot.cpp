// eimza-kiosk screenshot: renders a named sample screen with SDL's software
// renderer into memory and writes a PNG. Needs no display at all.
#include <SDL.h>
#include <imgui_impl_sdlrenderer.h>
#include <stb_image_write.h>

#include <cstdio>
#include <optional>
#include <string>

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
                 "Screens:");
    for (const auto& name : screens::sample_names()) std::fprintf(stream, " %s", name.c_str());
    std::vector<content::Problem> problems;
    const auto content = content::load_content(resolve_assets_dir(Settings{}) / "content", problems);
    std::fprintf(stream, "\nSteps:");
    for (const auto& name : screens::step_sample_names(content)) std::fprintf(stream, " %s", name.c_str());
    std::fprintf(stream, "\n");
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
    CLI::App options{"", "screenshot"};
    options.add_option("--screen", screen)->required();
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

    Settings config;
    if (!load_cli_settings(config_file, config)) return 2;

    const TimePoint now = Clock::now();
    auto state = sample_screen("screenshot", config, screen, lang, now, std::chrono::system_clock::now());
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
                 config.kiosk.display.scale, error)) {
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
