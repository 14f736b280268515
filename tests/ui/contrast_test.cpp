// Contrast of every text against what is behind it: ≥ 4.5:1 in the normal
// mode, ≥ 7:1 in high contrast (WCAG 1.4.3 and 1.4.6). Once over the
// palette, and once over the screens as painted: each letter's colour
// against the pixels under it with the letters left out.
#include <catch2/catch.hpp>

#include <SDL.h>
#include <imgui_impl_sdlrenderer.h>

#include <cmath>

#include "kiosk/app/display.h"
#include "screens/samples.h"
#include "screens/widgets/widgets.h"
#include "tests/ui/headless.h"

using namespace eimza;
using eimza::testing::HeadlessUi;
using eimza::testing::shipped_content;

namespace {

double channel(unsigned value) {
    const double v = value / 255.0;
    return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
}

double luminance(unsigned r, unsigned g, unsigned b) {
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

double contrast(double a, double b) { return (std::max(a, b) + 0.05) / (std::min(a, b) + 0.05); }

double luminance(ImU32 c) {
    return luminance((c >> IM_COL32_R_SHIFT) & 0xFF, (c >> IM_COL32_G_SHIFT) & 0xFF, (c >> IM_COL32_B_SHIFT) & 0xFF);
}

double required(DisplayMode mode) { return mode == DisplayMode::high_contrast ? 7.0 : 4.5; }

}  // namespace

TEST_CASE("every text colour of the palette stands out from its background", "[ui][contrast]") {
    for (const DisplayMode mode : {DisplayMode::normal, DisplayMode::large, DisplayMode::high_contrast}) {
        const screens::Palette& p = screens::palette_for(mode);
        struct Pair {
            const char* what;
            ImU32 text, background;
        };
        const std::vector<Pair> pairs = {
            {"text on background", p.text, p.background},
            {"text on surface", p.text, p.surface},
            {"muted text on background", p.text_muted, p.background},
            {"muted text on surface", p.text_muted, p.surface},
            {"the kiosk's name", p.primary, p.surface},
            {"good on background", p.good, p.background},
            {"warning on background", p.warn, p.background},
            {"warning on surface (the countdown)", p.warn, p.surface},
            {"bad on background", p.bad, p.background},
            {"bad on surface (a wrong field)", p.bad, p.surface},
            {"primary button", p.on_colour, p.primary},
            {"primary button pressed", p.on_colour, p.primary_pressed},
            {"secondary button", p.text, p.secondary},
            {"secondary button pressed", p.text, p.secondary_pressed},
            {"good badge", p.on_colour, p.good},
            {"warning badge", p.on_colour, p.warn},
            {"bad badge", p.on_colour, p.bad},
            {"neutral badge", p.on_colour, p.neutral},
        };
        for (const auto& pair : pairs) {
            INFO(to_string(mode) << ": " << pair.what);
            CHECK(contrast(luminance(pair.text), luminance(pair.background)) >= required(mode));
        }
    }
}

TEST_CASE("on every screen each letter stands out from the pixels under it", "[ui][contrast][display]") {
    auto names = screens::sample_names();
    for (const auto& step : screens::step_sample_names(*shipped_content())) names.push_back(step);
    for (const ImVec2 size : {ImVec2(1920, 1080), ImVec2(1080, 1920)}) {
        HeadlessUi ui(size);
        // Thick lines as plain triangles: textured quads are then letters only.
        ImGui::GetStyle().AntiAliasedLinesUseTex = false;
        const int w = static_cast<int>(size.x), h = static_cast<int>(size.y);
        SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGB888);
        SDL_Renderer* renderer = SDL_CreateSoftwareRenderer(surface);
        REQUIRE(renderer);
        ImGui_ImplSDLRenderer_Init(renderer);
        ImGui_ImplSDLRenderer_CreateDeviceObjects();
        app::FramePainter painter;
        for (const auto& name : names) {
            // IT's screens and the demo panel use ImGui's own look.
            if (name.rfind("admin", 0) == 0 || name == "demo") continue;
            for (const DisplayMode mode : {DisplayMode::normal, DisplayMode::high_contrast}) {
                auto state = screens::sample_state(name, ui.now, ui.wall_now, shipped_content());
                REQUIRE(state);
                screens::set_language(*state, size.x > size.y ? Lang::tr : Lang::en);
                state->default_mode = mode;
                ui.frame(*state);
                ui.frame(*state);
                ImDrawData* data = ImGui::GetDrawData();
                const ImVec2 white = ImGui::GetFontTexUvWhitePixel();  // known once a frame is built
                // Letters: each a quad of four vertices sampling the font.
                // The idle warning covers the screen: only its own letters count.
                struct Letter {
                    ImVec2 centre;
                    ImU32 colour;
                };
                std::vector<Letter> letters;
                const bool overlay = state->idle_countdown_left(ui.now).has_value();
                for (int l = overlay ? data->CmdListsCount - 1 : 0; l < data->CmdListsCount; ++l) {
                    ImDrawList* list = data->CmdLists[l];
                    for (int v = 0; v + 3 < list->VtxBuffer.Size;) {
                        ImDrawVert* quad = &list->VtxBuffer[v];
                        if (quad[0].uv.x == white.x && quad[0].uv.y == white.y) {
                            ++v;
                            continue;
                        }
                        letters.push_back({ImVec2((quad[0].pos.x + quad[2].pos.x) / 2, (quad[0].pos.y + quad[2].pos.y) / 2),
                                           quad[0].col});
                        for (int k = 0; k < 4; ++k) quad[k].col &= ~IM_COL32_A_MASK;  // left out of the painting
                        v += 4;
                    }
                }
                painter.paint(renderer, *data, {screens::PixelRect{0, 0, w, h}}, app::sdl_colour(screens::palette::background));
                SDL_RenderFlush(renderer);
                REQUIRE_FALSE(letters.empty());
                int failures = 0;
                for (const auto& letter : letters) {
                    const int x = std::clamp(static_cast<int>(letter.centre.x), 0, w - 1);
                    const int y = std::clamp(static_cast<int>(letter.centre.y), 0, h - 1);
                    const Uint32 pixel =
                        static_cast<const Uint32*>(surface->pixels)[static_cast<std::size_t>(y) * surface->pitch / 4 + x];
                    const double under = luminance((pixel >> 16) & 0xFF, (pixel >> 8) & 0xFF, pixel & 0xFF);
                    const double ratio = contrast(luminance(letter.colour), under);
                    if (ratio < required(mode) && failures++ == 0)
                        FAIL_CHECK(name << " " << to_string(mode) << " " << w << "x" << h << ": a letter at " << x << ","
                                        << y << " has contrast " << ratio << " (colour " << std::hex << letter.colour
                                        << ", under it " << pixel << ")");
                }
                CHECK(failures == 0);
            }
        }
        ImGui_ImplSDLRenderer_Shutdown();
        SDL_DestroyRenderer(renderer);
        SDL_FreeSurface(surface);
    }
}
