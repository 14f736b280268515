#include "kiosk/app/display.h"

#include <imgui_impl_sdlrenderer.h>

#include <algorithm>
#include <cstddef>

#include "screens/widgets/widgets.h"

namespace eimza::app {

SDL_Color sdl_colour(ImU32 colour) {
    return SDL_Color{static_cast<Uint8>(colour >> IM_COL32_R_SHIFT), static_cast<Uint8>(colour >> IM_COL32_G_SHIFT),
                     static_cast<Uint8>(colour >> IM_COL32_B_SHIFT), static_cast<Uint8>(colour >> IM_COL32_A_SHIFT)};
}

void FramePainter::paint(SDL_Renderer* renderer, const ImDrawData& data, const std::vector<screens::PixelRect>& rects,
                         SDL_Color background) {
    const ImVec2 scale = data.FramebufferScale;
    const ImVec2 origin = data.DisplayPos;
    SDL_RenderSetViewport(renderer, nullptr);
    for (const auto& area : rects) {
        const SDL_Rect whole{area.x0, area.y0, area.width(), area.height()};
        SDL_RenderSetClipRect(renderer, &whole);
        SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_NONE);
        SDL_SetRenderDrawColor(renderer, background.r, background.g, background.b, background.a);
        SDL_RenderFillRect(renderer, &whole);
        // Untextured shapes blend by the draw blend mode, which SDL's own
        // rectangle path also changes as it goes; ImGui's colours all blend.
        SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND);
        for (int n = 0; n < data.CmdListsCount; ++n) {
            const ImDrawList* list = data.CmdLists[n];
            for (const ImDrawCmd& cmd : list->CmdBuffer) {
                if (cmd.UserCallback || cmd.ElemCount == 0) continue;
                const float x0 = std::max(static_cast<float>(area.x0), (cmd.ClipRect.x - origin.x) * scale.x);
                const float y0 = std::max(static_cast<float>(area.y0), (cmd.ClipRect.y - origin.y) * scale.y);
                const float x1 = std::min(static_cast<float>(area.x1), (cmd.ClipRect.z - origin.x) * scale.x);
                const float y1 = std::min(static_cast<float>(area.y1), (cmd.ClipRect.w - origin.y) * scale.y);
                if (x1 <= x0 || y1 <= y0) continue;
                const ImDrawVert* vertices = list->VtxBuffer.Data + cmd.VtxOffset;
                const ImDrawIdx* indices = list->IdxBuffer.Data + cmd.IdxOffset;
                const SDL_Rect clip{static_cast<int>(x0), static_cast<int>(y0), static_cast<int>(x1) - static_cast<int>(x0),
                                    static_cast<int>(y1) - static_cast<int>(y0)};
                SDL_RenderSetClipRect(renderer, &clip);
                const char* base = reinterpret_cast<const char*>(vertices);
                const ImVec2 white = ImGui::GetFontTexUvWhitePixel();
                auto flush = [&](bool textured) {
                    if (scratch_.empty()) return;
                    SDL_RenderGeometryRaw(renderer, textured ? static_cast<SDL_Texture*>(cmd.TextureId) : nullptr,
                                          reinterpret_cast<const float*>(base + offsetof(ImDrawVert, pos)),
                                          static_cast<int>(sizeof(ImDrawVert)),
                                          reinterpret_cast<const SDL_Color*>(base + offsetof(ImDrawVert, col)),
                                          static_cast<int>(sizeof(ImDrawVert)),
                                          reinterpret_cast<const float*>(base + offsetof(ImDrawVert, uv)),
                                          static_cast<int>(sizeof(ImDrawVert)),
                                          list->VtxBuffer.Size - static_cast<int>(cmd.VtxOffset), scratch_.data(),
                                          static_cast<int>(scratch_.size()), static_cast<int>(sizeof(ImDrawIdx)));
                    scratch_.clear();
                };
                // Only the triangles that reach the area: SDL's software
                // rasteriser would otherwise set up every one of them.
                bool run_textured = true;
                for (unsigned i = 0; i + 2 < cmd.ElemCount; i += 3) {
                    const ImDrawVert& va = vertices[indices[i]];
                    const ImDrawVert& vb = vertices[indices[i + 1]];
                    const ImDrawVert& vc = vertices[indices[i + 2]];
                    const ImVec2& a = va.pos;
                    const ImVec2& b = vb.pos;
                    const ImVec2& c = vc.pos;
                    if ((std::max({a.x, b.x, c.x}) - origin.x) * scale.x + 1 < x0 ||
                        (std::min({a.x, b.x, c.x}) - origin.x) * scale.x - 1 > x1 ||
                        (std::max({a.y, b.y, c.y}) - origin.y) * scale.y + 1 < y0 ||
                        (std::min({a.y, b.y, c.y}) - origin.y) * scale.y - 1 > y1)
                        continue;
                    // Shapes sample the font's white pixel; without the
                    // texture SDL fills them instead of sampling it for every
                    // pixel (a third less CPU for the keyboard). Runs keep
                    // the drawing order.
                    const bool textured = !untextured_shapes_ || !(va.uv.x == white.x && va.uv.y == white.y && vb.uv.x == white.x &&
                                                                  vb.uv.y == white.y && vc.uv.x == white.x &&
                                                                  vc.uv.y == white.y);
                    if (textured != run_textured) {
                        flush(run_textured);
                        run_textured = textured;
                    }
                    scratch_.insert(scratch_.end(), {indices[i], indices[i + 1], indices[i + 2]});
                }
                flush(run_textured);
            }
        }
    }
    SDL_RenderSetClipRect(renderer, nullptr);
}

const char* renderer_name(Renderer renderer) {
    switch (renderer) {
        case Renderer::software: return "software";
        case Renderer::opengl: return "opengl";
        case Renderer::opengles2: return "opengles2";
        case Renderer::accelerated: return "accelerated";
    }
    return "software";
}

void Display::prepare(Renderer renderer) {
    if (renderer == Renderer::software) {
        // Without these SDL brings up a GL context even for its software
        // renderer: +100 MB resident and +0.3 s at start for nothing.
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    } else if (renderer != Renderer::accelerated) {
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, renderer_name(renderer));
    }
}

Display::~Display() {
    shutdown_imgui();
    if (renderer_) SDL_DestroyRenderer(renderer_);
    if (window_) SDL_DestroyWindow(window_);
}

bool Display::open(const Settings& settings, std::string& error) {
    window_ = SDL_CreateWindow(settings.title, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, settings.width,
                               settings.height,
                               SDL_WINDOW_ALLOW_HIGHDPI | (settings.fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0));
    if (!window_) {
        error = std::string("cannot open a window: ") + SDL_GetError();
        return false;
    }
    if (settings.renderer != Renderer::software)
        renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!renderer_) renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_SOFTWARE);
    if (!renderer_) {
        error = std::string("cannot create a renderer: ") + SDL_GetError();
        return false;
    }
    SDL_RendererInfo info{};
    SDL_GetRendererInfo(renderer_, &info);
    software_ = (info.flags & SDL_RENDERER_SOFTWARE) != 0;
    // A GPU samples a texel for free, and more draw calls cost it more.
    painter_.set_untextured_shapes(software_);
    return true;
}

void Display::init_imgui() {
    ImGui_ImplSDLRenderer_Init(renderer_);
    ImGui_ImplSDLRenderer_CreateDeviceObjects();
    imgui_ready_ = true;
    damage_.invalidate();
}

void Display::shutdown_imgui() {
    if (imgui_ready_ && ImGui::GetCurrentContext()) ImGui_ImplSDLRenderer_Shutdown();
    imgui_ready_ = false;
}

ImVec2 Display::output_size() const {
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(renderer_, &w, &h);
    return ImVec2(static_cast<float>(w), static_cast<float>(h));
}

Display::Painted Display::present(const ImDrawData& data) {
    // The display mode's background is the clear colour: a new one repaints all.
    if (screens::palette::background != background_) {
        background_ = screens::palette::background;
        damage_.invalidate();
    }
    std::vector<screens::PixelRect> rects = damage_.update(data);
    if (!track_damage_ || !software_) {
        // A GL back buffer is not kept between frames: draw all or nothing.
        if (rects.empty() && track_damage_) return {};
        const ImVec2 size = output_size();
        rects = {screens::PixelRect{0, 0, static_cast<int>(size.x), static_cast<int>(size.y)}};
    }
    if (rects.empty()) return {};
    painter_.paint(renderer_, data, rects, sdl_colour(background_));
    Painted painted;
    painted.rects = static_cast<int>(rects.size());
    for (const auto& r : rects) painted.pixels += r.area();
    if (software_) {
        // SDL_RenderPresent would send the whole window; only the
        // repainted rectangles go to the X server.
        SDL_RenderFlush(renderer_);
        std::vector<SDL_Rect> sdl_rects;
        for (const auto& r : rects) sdl_rects.push_back({r.x0, r.y0, r.width(), r.height()});
        SDL_UpdateWindowSurfaceRects(window_, sdl_rects.data(), static_cast<int>(sdl_rects.size()));
    } else {
        SDL_RenderPresent(renderer_);
    }
    return painted;
}

}  // namespace eimza::app
