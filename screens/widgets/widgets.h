#pragma once
// The touch widgets every screen shares: big buttons with a visible pressed
// state, wrapped and centred text, the status badge, the spinner, the top
// bar. Sizes are given at 1080p and multiplied by Ui::scale.
#include <imgui.h>

#include <string>
#include <string_view>

#include "screens/ui.h"

namespace eimza::screens {

// The colours of one display mode. Normal text and its background differ
// by at least 4.5:1, in high contrast by at least 7:1 (tests/ui/contrast_test.cpp).
struct Palette {
    ImU32 background, surface, text, text_muted, border, primary, primary_pressed, secondary, secondary_pressed, good,
        warn, bad, neutral, on_colour;
};
const Palette& palette_for(DisplayMode mode);

// The palette in use, set for each frame by use_palette(). Screens name the
// colours here instead of carrying the palette in every call.
namespace palette {
extern ImU32 background, surface, text, text_muted, border, primary, primary_pressed, secondary, secondary_pressed, good,
    warn, bad, neutral, on_colour;
}  // namespace palette
void use_palette(DisplayMode mode);

// ImDrawList::AddRectFilled with rounding, anti-aliased edge included, cut
// into one rectangle and rows one arc step high instead of ImGui's fan from
// one corner. SDL's software rasteriser visits every pixel of a triangle's
// bounding box, and each of a fan's long thin triangles spans most of the
// shape: the screen's rounded background alone cost ~40 ms a 1080p frame.
void fill_rounded_rect(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 colour, float rounding);

// The smallest touch target any screen draws, at 1080p (the details form's
// fields); the tests check that none is smaller, and UiRuntime::init warns
// when the configured panel makes it less than kMinTouchTargetMm.
inline constexpr float kSmallestTouchTarget = 66.0f;

// An invisible button at the cursor, told to Ui::touch_targets: every
// widget a finger presses is one, so that the tests see them all.
bool touch_target(const Ui& ui, const char* id, ImVec2 size);

enum class ButtonStyle { primary, secondary };

// A touch target at least 96 px (≈ 24 mm on a 21.5" 1080p panel) high.
// Returns true on release inside, like ImGui::Button. A detail, in smaller
// letters under the label, says what the button is for.
bool big_button(const Ui& ui, const char* id, std::string_view label, ButtonStyle style, ImVec2 size,
                std::string_view detail = {});

// Text wrapped to width; centred line by line when asked. Advances the cursor.
void text_block(const Ui& ui, ImFont* font, std::string_view text, ImU32 colour, float width, bool centred = false);
// The start of text, as much of it as fits width with a closing "…"; cut
// says whether that was needed. The start is what a person checks a field
// by (a street, an e-mail's name).
std::string text_start(ImFont* font, const std::string& text, float width, bool& cut);
// How many lines text_block would draw, and the height of one.
int text_line_count(ImFont* font, std::string_view text, float width);
float text_line_height(ImFont* font);
// A web address in lines of at most width that break after a slash, an
// underscore, a dot or a hyphen, never inside a word ("\n" between lines),
// and drawn as a text_block.
std::string url_lines(ImFont* font, std::string_view url, float width);
void url_block(const Ui& ui, ImFont* font, std::string_view url, ImU32 colour, float width);
// text_block limited to its last max_lines lines, the first of them opened
// with "…" when lines were left out.
void text_block_tail(const Ui& ui, ImFont* font, std::string_view text, ImU32 colour, float width, int max_lines);

enum class BadgeIcon { check, warning, cross, question };
// Colour plus an icon and a word, never colour alone.
void status_badge(const Ui& ui, BadgeIcon icon, ImU32 colour, std::string_view label, float width);

void spinner(const Ui& ui, ImVec2 centre, float radius);

// The bar on top of every screen: the voice guide in the top-right corner
// (the first control of every screen), the TR/EN switch, the display mode
// and, where there is room, the kiosk's name.
void top_bar(const State& state, const Ui& ui);

// A borderless full-screen window for one screen. end_screen() reports
// content that spilled past the bottom edge.
void begin_screen(const char* name);
void end_screen(const Ui& ui, const char* name);

// A part of a screen whose content may be taller than the room it has:
// the content scrolls, moved by two large arrow buttons beside it (a finger
// finds a button; a thin bar or a swipe a person must guess at are not for
// everyone), with the bar between them showing where the view is and how
// much there is. Without more content than room it is a plain area, at full
// width. `key` names what is shown; new content starts at start_at (its
// top unless told), so that the next person or the next step never opens
// half-way down. Content made of rows `row` high scrolls by whole rows.
struct ScrollRegion {
    ImGuiID id = 0;
    ImVec2 pos, size;
    float content_width = 0;  // size.x less the arrows' column when they are shown
};
ScrollRegion begin_scroll_region(const Ui& ui, const char* id, std::string_view key, ImVec2 size, float start_at = 0.0f,
                                 float row = 0.0f);
void end_scroll_region(const ScrollRegion& region);

// Horizontal padding of screens' content.
float margin(const Ui& ui);

}  // namespace eimza::screens
