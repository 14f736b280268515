#pragma once
// The window and how ImGui's frames reach it. With SDL's software renderer
// only the tiles a frame changed are repainted and sent to the X server;
// with a GL renderer whole frames are drawn, and a frame identical to the
// one on screen is not drawn at all.
#include <SDL.h>
#include <imgui.h>

#include <string>
#include <vector>

#include "kiosk/base/config.h"
#include "screens/damage.h"

namespace eimza::app {

// An ImGui colour (the palette's) as SDL takes it.
SDL_Color sdl_colour(ImU32 colour);

// Draws ImGui's triangles with an SDL_Renderer inside the given rectangles
// only: each rectangle is cleared to the background and gets the triangles
// that touch it, clipped to it, in drawing order, so its pixels come out as
// in a whole frame.
class FramePainter {
public:
    void paint(SDL_Renderer* renderer, const ImDrawData& data, const std::vector<screens::PixelRect>& rects,
               SDL_Color background);
    // Shapes (triangles sampling only the font's white pixel) drawn without
    // the texture.
    void set_untextured_shapes(bool on) { untextured_shapes_ = on; }

private:
    std::vector<ImDrawIdx> scratch_;
    bool untextured_shapes_ = true;
};

const char* renderer_name(Renderer renderer);

class Display {
public:
    struct Settings {
        Renderer renderer = Renderer::software;
        bool fullscreen = true;
        int width = 1920;
        int height = 1080;
        const char* title = "eimza-kiosk";
    };

    Display() = default;
    ~Display();
    Display(const Display&) = delete;
    Display& operator=(const Display&) = delete;

    // Sets SDL's hints for the renderer; call before SDL_Init.
    static void prepare(Renderer renderer);

    // Opens the window and its renderer; false with a message.
    bool open(const Settings& settings, std::string& error);
    // The font texture, once the ImGui context and its fonts exist.
    void init_imgui();
    void shutdown_imgui();

    ImVec2 output_size() const;
    SDL_Window* window() const { return window_; }
    SDL_Renderer* renderer() const { return renderer_; }
    bool software() const { return software_; }

    // What presenting the last frame cost the screen.
    struct Painted {
        long long pixels = 0;  // repainted; 0 when the frame showed nothing new
        int rects = 0;
    };
    // Draws ImGui's current frame where it differs from the last one.
    Painted present(const ImDrawData& data);
    // The window's contents are unknown (exposed, resized): the next frame
    // is drawn whole.
    void invalidate() { damage_.invalidate(); }
    // Every frame drawn whole, for measuring what damage tracking saves.
    void set_damage_tracking(bool on) { track_damage_ = on; }

private:
    SDL_Window* window_ = nullptr;
    SDL_Renderer* renderer_ = nullptr;
    bool software_ = true;
    bool track_damage_ = true;
    bool imgui_ready_ = false;
    ImU32 background_ = 0;  // the clear colour of the last frame
    screens::DamageTracker damage_;
    FramePainter painter_;
};

}  // namespace eimza::app
