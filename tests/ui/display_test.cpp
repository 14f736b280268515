// The kiosk's painter on SDL's software renderer, in memory: a screen
// repainted only where frames changed must equal the same screen drawn
// whole, pixel for pixel, through taps, typing and changes of screen.
#include <catch2/catch.hpp>

#include <SDL.h>
#include <imgui_impl_sdlrenderer.h>

#include <cstring>

#include "kiosk/app/display.h"
#include "kiosk/model/update.h"
#include "screens/damage.h"
#include "screens/samples.h"
#include "screens/widgets/keyboard.h"
#include "tests/ui/headless.h"

using namespace eimza;
using eimza::screens::PointerEvent;
using eimza::testing::HeadlessUi;
using eimza::testing::shipped_content;

namespace {

constexpr SDL_Color kBackground{246, 247, 249, 255};

// A software renderer on a surface of the X server's pixel format.
struct Canvas {
    SDL_Surface* surface = nullptr;
    SDL_Renderer* renderer = nullptr;
    Canvas(int w, int h) {
        surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGB888);
        REQUIRE(surface);
        renderer = SDL_CreateSoftwareRenderer(surface);
        REQUIRE(renderer);
    }
    ~Canvas() {
        SDL_DestroyRenderer(renderer);
        SDL_FreeSurface(surface);
    }
    Uint32 at(int x, int y) const {
        return static_cast<const Uint32*>(surface->pixels)[static_cast<std::size_t>(y) * surface->pitch / 4 + x];
    }
};

// Differing pixels, and the first of them.
long long differences(const Canvas& a, const Canvas& b, int& first_x, int& first_y) {
    long long count = 0;
    first_x = first_y = -1;
    for (int y = 0; y < a.surface->h; ++y)
        for (int x = 0; x < a.surface->w; ++x)
            // The top byte is padding (X ignores it).
            if (((a.at(x, y) ^ b.at(x, y)) & 0xFFFFFF) != 0 && count++ == 0) {
                first_x = x;
                first_y = y;
            }
    return count;
}

}  // namespace

TEST_CASE("repainting only the damaged tiles gives the pixels of a whole repaint", "[ui][damage][display]") {
    for (const ImVec2 size : {ImVec2(1920, 1080), ImVec2(1080, 1920)}) {
        HeadlessUi ui(size);
        const int w = static_cast<int>(size.x), h = static_cast<int>(size.y);
        Canvas partial(w, h), whole(w, h);
        // The font texture is made per renderer; ImGui's draw data names it,
        // so both canvases draw with the partial one's texture, shared.
        ImGui_ImplSDLRenderer_Init(partial.renderer);
        ImGui_ImplSDLRenderer_CreateDeviceObjects();
        SDL_Texture* font = SDL_CreateTexture(whole.renderer, SDL_PIXELFORMAT_ABGR8888, SDL_TEXTUREACCESS_STATIC, 1, 1);
        REQUIRE(font);
        {
            unsigned char* pixels = nullptr;
            int tw = 0, th = 0;
            ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &tw, &th);
            SDL_DestroyTexture(font);
            font = SDL_CreateTexture(whole.renderer, SDL_PIXELFORMAT_ABGR8888, SDL_TEXTUREACCESS_STATIC, tw, th);
            SDL_UpdateTexture(font, nullptr, pixels, 4 * tw);
            SDL_SetTextureBlendMode(font, SDL_BLENDMODE_BLEND);
            SDL_SetTextureScaleMode(font, SDL_ScaleModeLinear);
        }
        SDL_Texture* partial_font = static_cast<SDL_Texture*>(ImGui::GetIO().Fonts->TexID);

        screens::DamageTracker damage;
        app::FramePainter painter, whole_painter;
        std::vector<Command> commands;
        std::vector<LogLine> log_lines;
        State state = *screens::sample_state("details", ui.now, ui.wall_now, shipped_content());
        state.session->person.address.clear();
        screens::PointerQueue queue;
        int frames = 0;
        auto check_frame = [&] {
            ImDrawData& data = *ImGui::GetDrawData();
            painter.paint(partial.renderer, data, damage.update(data), kBackground);
            SDL_RenderFlush(partial.renderer);
            // The same frame whole, with the whole canvas's copy of the font.
            for (int n = 0; n < data.CmdListsCount; ++n)
                for (ImDrawCmd& cmd : data.CmdLists[n]->CmdBuffer) cmd.TextureId = font;
            whole_painter.paint(whole.renderer, data, {{0, 0, w, h}}, kBackground);
            SDL_RenderFlush(whole.renderer);
            for (int n = 0; n < data.CmdListsCount; ++n)
                for (ImDrawCmd& cmd : data.CmdLists[n]->CmdBuffer) cmd.TextureId = partial_font;
            int x = 0, y = 0;
            const long long differ = differences(partial, whole, x, y);
            INFO(size.x << "x" << size.y << ", frame " << frames << ": first difference at " << x << "," << y);
            CHECK(differ == 0);
            ++frames;
        };
        auto apply = [&](const Action& action) { state = update(std::move(state), action, ui.now, commands, log_lines); };
        ui.settle(state, queue, true, apply);
        check_frame();
        state.session->form.focused = 10;
        for (const std::string key : {"k", "a", "l", "e", "m", "_", "+", "ü", "@"}) {
            const auto id = screens::keyboard_key_id(screens::KeyboardLayout::turkish_q, key);
            const auto at = ui.locate(state, "details", id->c_str());
            REQUIRE(at);
            queue.push({PointerEvent::Kind::press, *at});
            ui.settle(state, queue, false, apply);
            check_frame();
            queue.push({PointerEvent::Kind::release, *at});
            ui.settle(state, queue, false, apply);
            check_frame();
        }
        CHECK(state.session->person.address == "kalem_+ü@");
        for (const char* name : {"home", "token-renew-soon", "idle-countdown", "process-renewal-payment"}) {
            state = *screens::sample_state(name, ui.now, ui.wall_now, shipped_content());
            ui.settle(state, queue, true, apply);
            check_frame();
        }
        SDL_DestroyTexture(font);
        ImGui_ImplSDLRenderer_Shutdown();
    }
}
