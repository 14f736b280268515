#include "screens/widgets/widgets.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace eimza::screens {

namespace {

struct Line {
    const char* begin;
    const char* end;
};

std::vector<Line> wrap_lines(ImFont* font, std::string_view text, float width) {
    std::vector<Line> lines;
    const char* p = text.data();
    const char* end = p + text.size();
    while (p < end) {
        const char* newline = std::find(p, end, '\n');
        const char* cut = font->CalcWordWrapPositionA(1.0f, p, newline, width);
        if (cut == p) cut = p + 1;  // a single glyph wider than the box
        if (cut > newline) cut = newline;
        const char* line_end = cut;
        while (line_end > p && line_end[-1] == ' ') --line_end;
        lines.push_back({p, line_end});
        p = cut;
        while (p < end && *p == ' ') ++p;
        if (p < end && *p == '\n' && cut == newline) ++p;
    }
    return lines;
}

float width_of(ImFont* font, const Line& line) {
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, line.begin, line.end).x;
}

constexpr Palette kNormal{
    IM_COL32(246, 247, 249, 255), IM_COL32(255, 255, 255, 255), IM_COL32(20, 24, 31, 255),  IM_COL32(70, 78, 90, 255),
    IM_COL32(200, 205, 214, 255), IM_COL32(11, 79, 156, 255),   IM_COL32(6, 46, 94, 255),    IM_COL32(226, 232, 242, 255),
    IM_COL32(180, 192, 212, 255), IM_COL32(22, 116, 52, 255),   IM_COL32(166, 84, 0, 255),   IM_COL32(176, 0, 32, 255),
    IM_COL32(84, 92, 104, 255),   IM_COL32(255, 255, 255, 255)};
// Light on black, as low-vision settings of phones and screen readers do;
// the coloured fills are light so that the black words on them stand out.
constexpr Palette kHighContrast{
    IM_COL32(0, 0, 0, 255),       IM_COL32(18, 18, 18, 255),    IM_COL32(255, 255, 255, 255), IM_COL32(235, 235, 235, 255),
    IM_COL32(255, 255, 255, 255), IM_COL32(255, 221, 0, 255),   IM_COL32(200, 170, 0, 255),   IM_COL32(40, 40, 40, 255),
    IM_COL32(70, 70, 70, 255),    IM_COL32(120, 230, 130, 255), IM_COL32(255, 190, 70, 255),  IM_COL32(255, 150, 150, 255),
    IM_COL32(205, 205, 205, 255), IM_COL32(0, 0, 0, 255)};

}  // namespace

const Palette& palette_for(DisplayMode mode) { return mode == DisplayMode::high_contrast ? kHighContrast : kNormal; }

namespace palette {
ImU32 background = kNormal.background, surface = kNormal.surface, text = kNormal.text, text_muted = kNormal.text_muted,
      border = kNormal.border, primary = kNormal.primary, primary_pressed = kNormal.primary_pressed,
      secondary = kNormal.secondary, secondary_pressed = kNormal.secondary_pressed, good = kNormal.good,
      warn = kNormal.warn, bad = kNormal.bad, neutral = kNormal.neutral, on_colour = kNormal.on_colour;
}  // namespace palette

void use_palette(DisplayMode mode) {
    const Palette& p = palette_for(mode);
    palette::background = p.background;
    palette::surface = p.surface;
    palette::text = p.text;
    palette::text_muted = p.text_muted;
    palette::border = p.border;
    palette::primary = p.primary;
    palette::primary_pressed = p.primary_pressed;
    palette::secondary = p.secondary;
    palette::secondary_pressed = p.secondary_pressed;
    palette::good = p.good;
    palette::warn = p.warn;
    palette::bad = p.bad;
    palette::neutral = p.neutral;
    palette::on_colour = p.on_colour;
}

void fill_rounded_rect(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 colour, float rounding) {
    rounding = std::min(rounding, std::min(max.x - min.x, max.y - min.y) * 0.5f);
    if (rounding < 1.0f || (colour & IM_COL32_A_MASK) == 0) {
        draw->AddRectFilled(min, max, colour, rounding);
        return;
    }
    const bool smooth = (draw->Flags & ImDrawListFlags_AntiAliasedFill) != 0;
    const float half = smooth ? 0.5f : 0.0f;  // the edge band reaches half a pixel each side
    // As many steps per corner as keep the arc within ImGui's tolerance.
    const float tolerance = std::min(ImGui::GetStyle().CircleTessellationMaxError, rounding * 0.5f);
    const float max_angle = 2.0f * std::acos(1.0f - tolerance / rounding);
    const int steps = std::clamp(static_cast<int>(std::ceil(static_cast<float>(M_PI_2) / max_angle)), 2, 16);
    const auto per_corner = static_cast<unsigned>(steps + 1);
    const unsigned n = 4 * per_corner;

    // The outline clockwise from the left end of the top-left corner. Every
    // corner is sampled at the same angles, so the top-left and top-right
    // samples pair up at equal heights, as do the bottom ones; the ends of
    // each arc are exact, so the part between the corners is an exact
    // rectangle, which SDL fills as a rectangle.
    const ImVec2 centres[4] = {{min.x + rounding, min.y + rounding},
                               {max.x - rounding, min.y + rounding},
                               {max.x - rounding, max.y - rounding},
                               {min.x + rounding, max.y - rounding}};
    std::vector<ImVec2> directions(n);
    for (unsigned corner = 0; corner < 4; ++corner) {
        for (unsigned k = 0; k < per_corner; ++k) {
            const float angle = static_cast<float>(M_PI) * (1.0f + 0.5f * static_cast<float>(corner)) +
                                static_cast<float>(M_PI_2) * static_cast<float>(k) / static_cast<float>(steps);
            ImVec2 d(std::cos(angle), std::sin(angle));
            if (k == 0 || k == per_corner - 1) d = ImVec2(std::round(d.x), std::round(d.y));
            directions[corner * per_corner + k] = d;
        }
    }
    const ImVec2 uv = ImGui::GetFontTexUvWhitePixel();
    const ImU32 clear = colour & ~IM_COL32_A_MASK;
    const unsigned interior_triangles = 2 * static_cast<unsigned>(steps) * 2 + 2;
    draw->PrimReserve(static_cast<int>(3 * interior_triangles + (smooth ? 6 * n : 0)),
                      static_cast<int>(smooth ? 2 * n : n));
    const unsigned base = draw->_VtxCurrentIdx;
    for (unsigned i = 0; i < n; ++i) {
        const ImVec2& c = centres[i / per_corner];
        draw->PrimWriteVtx(ImVec2(c.x + directions[i].x * (rounding - half), c.y + directions[i].y * (rounding - half)),
                           uv, colour);
    }
    if (smooth)
        for (unsigned i = 0; i < n; ++i) {
            const ImVec2& c = centres[i / per_corner];
            draw->PrimWriteVtx(
                ImVec2(c.x + directions[i].x * (rounding + half), c.y + directions[i].y * (rounding + half)), uv, clear);
        }
    auto triangle = [&](unsigned a, unsigned b, unsigned c) {
        for (unsigned index : {a, b, c}) draw->PrimWriteIdx(static_cast<ImDrawIdx>(base + index));
    };
    auto at = [&](unsigned corner, unsigned k) { return corner * per_corner + k; };
    const auto last = static_cast<unsigned>(steps);
    // Top: rows between the top-left and top-right arcs.
    for (unsigned k = last; k >= 1; --k) {
        triangle(at(0, k), at(1, last - k), at(1, last - k + 1));
        triangle(at(0, k), at(1, last - k + 1), at(0, k - 1));
    }
    // Middle: one rectangle, two triangles sharing a diagonal.
    triangle(at(0, 0), at(1, last), at(2, 0));
    triangle(at(0, 0), at(2, 0), at(3, last));
    // Bottom: rows between the bottom-right and bottom-left arcs.
    for (unsigned k = 0; k < last; ++k) {
        triangle(at(2, k), at(2, k + 1), at(3, last - k - 1));
        triangle(at(2, k), at(3, last - k - 1), at(3, last - k));
    }
    // Edge: a one-pixel band fading out, as ImGui's anti-aliased fill.
    if (smooth) {
        for (unsigned i = 0; i < n; ++i) {
            const unsigned j = (i + 1) % n;
            triangle(i, j, n + j);
            triangle(i, n + j, n + i);
        }
    }
}

float margin(const Ui& ui) { return ui.px(64.0f); }

bool touch_target(const Ui& ui, const char* id, ImVec2 size) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool clicked = ImGui::InvisibleButton(id, size);
    // A target scrolled out of its region is not there for a finger; one
    // half under the region's edge is, whole, a scroll away.
    const ImRect clip = ImGui::GetCurrentWindow()->ClipRect;
    if (ui.touch_targets && clip.Overlaps(ImRect(pos, ImVec2(pos.x + size.x, pos.y + size.y))))
        ui.touch_targets->push_back({id, pos.x, pos.y, size.x, size.y});
    return clicked;
}

bool big_button(const Ui& ui, const char* id, std::string_view label, ButtonStyle style, ImVec2 size,
                std::string_view detail) {
    // ≥ 72 px at 1080p is ≈ 18 mm on a 21.5" panel, above the 15 mm target.
    size.y = std::max(size.y, ui.px(72.0f));
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool clicked = touch_target(ui, id, size);
    const bool pressed = ImGui::IsItemActive();
    const bool primary = style == ButtonStyle::primary;
    ImU32 fill = primary ? (pressed ? palette::primary_pressed : palette::primary)
                         : (pressed ? palette::secondary_pressed : palette::secondary);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float rounding = ui.px(14.0f);
    // Pressed: darker and pushed down a little, so a finger sees it land.
    const ImVec2 shift = pressed ? ImVec2(0, ui.px(3.0f)) : ImVec2(0, 0);
    if (!pressed)
        fill_rounded_rect(draw, ImVec2(pos.x, pos.y + ui.px(4.0f)),
                          ImVec2(pos.x + size.x, pos.y + size.y + ui.px(4.0f)), IM_COL32(0, 0, 0, 40), rounding);
    fill_rounded_rect(draw, ImVec2(pos.x + shift.x, pos.y + shift.y), ImVec2(pos.x + size.x, pos.y + size.y + shift.y),
                      fill, rounding);
    if (!primary)
        draw->AddRect(ImVec2(pos.x, pos.y + shift.y), ImVec2(pos.x + size.x, pos.y + size.y + shift.y), palette::border,
                      rounding, 0, ui.px(2.0f));

    ImFont* font = ui.fonts.strong;
    const float padding = ui.px(24.0f);
    const auto lines = wrap_lines(font, label, size.x - 2 * padding);
    const float line_height = font->FontSize * 1.15f;
    ImFont* detail_font = ui.fonts.small;
    const auto detail_lines = wrap_lines(detail_font, detail, size.x - 2 * padding);
    const float detail_line_height = detail_font->FontSize * 1.2f;
    const float text_height = line_height * static_cast<float>(lines.size()) +
                              detail_line_height * static_cast<float>(detail_lines.size());
    if (text_height > size.y - ui.px(8.0f))
        ui.report_overflow(std::string("button ") + id, std::string(label) + " " + std::string(detail));
    float y = pos.y + shift.y + (size.y - text_height) / 2;
    const ImU32 colour = primary ? palette::on_colour : palette::text;
    for (const auto& line : lines) {
        const float x = pos.x + (size.x - width_of(font, line)) / 2;
        draw->AddText(font, font->FontSize, ImVec2(x, y), colour, line.begin, line.end);
        y += line_height;
    }
    for (const auto& line : detail_lines) {
        const float x = pos.x + (size.x - width_of(detail_font, line)) / 2;
        draw->AddText(detail_font, detail_font->FontSize, ImVec2(x, y), colour, line.begin, line.end);
        y += detail_line_height;
    }
    return clicked;
}

std::string text_start(ImFont* font, const std::string& text, float width, bool& cut) {
    cut = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, text.c_str()).x > width;
    if (!cut) return text;
    const float room = width - font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, "…").x;
    const char* end = nullptr;
    font->CalcTextSizeA(font->FontSize, room, 0, text.c_str(), text.c_str() + text.size(), &end);
    auto length = static_cast<std::size_t>(end - text.c_str());
    while (length > 0 && (static_cast<unsigned char>(text[length]) & 0xC0) == 0x80) --length;  // whole letters only
    return text.substr(0, length) + "…";
}

float text_line_height(ImFont* font) { return font->FontSize * 1.25f; }

int text_line_count(ImFont* font, std::string_view text, float width) {
    return static_cast<int>(wrap_lines(font, text, width).size());
}

namespace {

void draw_lines(const Ui& ui, ImFont* font, const std::vector<Line>& lines, std::string_view first_prefix,
                ImU32 colour, float width, bool centred) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float line_height = text_line_height(font);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    float y = pos.y;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        std::string text(lines[i].begin, lines[i].end);
        if (i == 0) text.insert(0, first_prefix);
        const float line_width = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, text.c_str()).x;
        if (line_width > width + 1.0f) ui.report_overflow("text", text);
        const float x = centred ? pos.x + (width - line_width) / 2 : pos.x;
        draw->AddText(font, font->FontSize, ImVec2(x, y), colour, text.c_str());
        y += line_height;
    }
    ImGui::Dummy(ImVec2(width, std::max(line_height * static_cast<float>(lines.size()), 1.0f)));
    // The next block starts under this one, at the same left edge.
    ImGui::SetCursorScreenPos(ImVec2(pos.x, ImGui::GetCursorScreenPos().y));
}

}  // namespace

void text_block(const Ui& ui, ImFont* font, std::string_view text, ImU32 colour, float width, bool centred) {
    draw_lines(ui, font, wrap_lines(font, text, width), {}, colour, width, centred);
}

std::string url_lines(ImFont* font, std::string_view url, float width) {
    // Pieces that end where a reader sees a break: after a slash or an
    // underscore first, after a dot or a hyphen only inside a piece too
    // wide for a line.
    const auto split_after = [](std::string_view text, std::string_view marks) {
        std::vector<std::string_view> pieces;
        std::size_t start = 0;
        for (std::size_t i = 0; i < text.size(); ++i)
            if (marks.find(text[i]) != std::string_view::npos && i + 1 < text.size() && marks.find(text[i + 1]) == std::string_view::npos) {
                pieces.push_back(text.substr(start, i + 1 - start));
                start = i + 1;
            }
        if (start < text.size()) pieces.push_back(text.substr(start));
        return pieces;
    };
    const auto fits = [&](std::string_view text) {
        return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, text.data(), text.data() + text.size()).x <= width;
    };
    std::vector<std::string_view> pieces;
    for (std::string_view piece : split_after(url, "/_?&=")) {
        if (fits(piece)) pieces.push_back(piece);
        else for (std::string_view part : split_after(piece, ".-")) pieces.push_back(part);
    }
    std::string text, line;
    for (std::string_view piece : pieces) {
        if (!line.empty() && !fits(line + std::string(piece))) {
            text += line + "\n";
            line.clear();
        }
        line += piece;
    }
    return text + line;
}

void url_block(const Ui& ui, ImFont* font, std::string_view url, ImU32 colour, float width) {
    text_block(ui, font, url_lines(font, url, width), colour, width);
}

void text_block_tail(const Ui& ui, ImFont* font, std::string_view text, ImU32 colour, float width, int max_lines) {
    const float ellipsis = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, "…").x;
    auto lines = wrap_lines(font, text, width);
    if (max_lines < 1 || static_cast<int>(lines.size()) <= max_lines) {
        draw_lines(ui, font, lines, {}, colour, width, false);
        return;
    }
    // Wrap the kept tail again, narrower by the "…" it starts with.
    const char* tail = lines[lines.size() - static_cast<std::size_t>(max_lines)].begin;
    lines = wrap_lines(font, std::string_view(tail, static_cast<std::size_t>(text.data() + text.size() - tail)),
                       width - ellipsis);
    while (static_cast<int>(lines.size()) > max_lines) lines.erase(lines.begin());
    draw_lines(ui, font, lines, "…", colour, width, false);
}

void status_badge(const Ui& ui, BadgeIcon icon, ImU32 colour, std::string_view label, float width) {
    const float height = ui.px(128.0f);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    fill_rounded_rect(draw, pos, ImVec2(pos.x + width, pos.y + height), colour, ui.px(18.0f));

    const float r = ui.px(40.0f);
    const ImVec2 c(pos.x + ui.px(32.0f) + r, pos.y + height / 2);
    draw->AddCircleFilled(c, r, palette::on_colour, 48);
    const float t = ui.px(9.0f);
    switch (icon) {
        case BadgeIcon::check:
            draw->AddLine(ImVec2(c.x - r * 0.5f, c.y), ImVec2(c.x - r * 0.12f, c.y + r * 0.4f), colour, t);
            draw->AddLine(ImVec2(c.x - r * 0.12f, c.y + r * 0.4f), ImVec2(c.x + r * 0.55f, c.y - r * 0.4f), colour, t);
            break;
        case BadgeIcon::cross:
            draw->AddLine(ImVec2(c.x - r * 0.42f, c.y - r * 0.42f), ImVec2(c.x + r * 0.42f, c.y + r * 0.42f), colour, t);
            draw->AddLine(ImVec2(c.x + r * 0.42f, c.y - r * 0.42f), ImVec2(c.x - r * 0.42f, c.y + r * 0.42f), colour, t);
            break;
        case BadgeIcon::warning:
            draw->AddLine(ImVec2(c.x, c.y - r * 0.55f), ImVec2(c.x, c.y + r * 0.15f), colour, t);
            draw->AddCircleFilled(ImVec2(c.x, c.y + r * 0.5f), t * 0.6f, colour);
            break;
        case BadgeIcon::question: {
            ImFont* font = ui.fonts.title;
            const ImVec2 q = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, "?");
            draw->AddText(font, font->FontSize, ImVec2(c.x - q.x / 2, c.y - q.y / 2), colour, "?");
            break;
        }
    }
    const float text_x = c.x + r + ui.px(32.0f);
    const float available = pos.x + width - text_x - ui.px(24.0f);
    // The largest letters the line fits in; large text on a narrow screen
    // comes down to the bold body size.
    ImFont* fitting = ui.fonts.strong;
    for (ImFont* font : {ui.fonts.title, ui.fonts.heading})
        if (font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, label.data(), label.data() + label.size()).x <= available) {
            fitting = font;
            break;
        }
    const ImVec2 size = fitting->CalcTextSizeA(fitting->FontSize, FLT_MAX, 0, label.data(), label.data() + label.size());
    if (size.x > available) ui.report_overflow("badge", std::string(label));
    draw->AddText(fitting, fitting->FontSize, ImVec2(text_x, pos.y + (height - size.y) / 2), palette::on_colour,
                  label.data(), label.data() + label.size());
    ImGui::Dummy(ImVec2(width, height));
}

void spinner(const Ui& ui, ImVec2 centre, float radius) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const double seconds = std::chrono::duration<double>(ui.now.time_since_epoch()).count();
    const float start = static_cast<float>(std::fmod(seconds * 5.0, 2 * M_PI));
    draw->PathArcTo(centre, radius, start, start + 4.4f, 40);
    draw->PathStroke(palette::primary, 0, ui.px(10.0f));
}

void top_bar(const State& state, const Ui& screen_ui) {
    Ui ui = screen_ui;
    if (ui.bar_fonts.strong) ui.fonts = ui.bar_fonts;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float height = ui.px(120.0f);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetWindowPos();
    draw->AddRectFilled(origin, ImVec2(origin.x + display.x, origin.y + height), palette::surface);
    draw->AddLine(ImVec2(origin.x, origin.y + height), ImVec2(origin.x + display.x, origin.y + height), palette::border,
                  ui.px(2.0f));
    const float m = margin(ui);
    const float gap = ui.px(16.0f);
    const float button_height = ui.px(96.0f);
    float right = origin.x + display.x - m / 2;

    // The voice guide first, in the top-right corner of every screen, named
    // in both languages: found by position by a person who cannot read the screen.
    const float guide_width = ui.px(300.0f);
    right -= guide_width;
    ImGui::SetCursorScreenPos(ImVec2(right, origin.y + ui.px(12.0f)));
    const std::string guide = ui.texts.get("speech.guide", Lang::tr) + "\n" + ui.texts.get("speech.guide", Lang::en);
    if (big_button(ui, "##guide", guide, state.guide() ? ButtonStyle::primary : ButtonStyle::secondary,
                   ImVec2(guide_width, button_height)))
        ui.emit(ToggleGuide{});

    // The language switch: the other language's name, in that language, so
    // a person who cannot read the current one still finds it.
    const float language_width = ui.px(200.0f);
    right -= gap + language_width;
    ImGui::SetCursorScreenPos(ImVec2(right, origin.y + ui.px(12.0f)));
    const Lang other = state.lang() == Lang::tr ? Lang::en : Lang::tr;
    if (big_button(ui, "##language", ui.texts.get("language.switch_to", other), ButtonStyle::secondary,
                   ImVec2(language_width, button_height)))
        ui.emit(SetLanguage{other});

    // The display mode: the button says what the next tap gives.
    const float mode_width = ui.px(240.0f);
    right -= gap + mode_width;
    ImGui::SetCursorScreenPos(ImVec2(right, origin.y + ui.px(12.0f)));
    if (big_button(ui, "##mode", ui.t(std::string("mode.next.") + to_string(state.display_mode())), ButtonStyle::secondary,
                   ImVec2(mode_width, button_height)))
        ui.emit(NextDisplayMode{});

    // The kiosk's name where there is room (not on a narrow portrait screen).
    ImFont* font = ui.fonts.heading;
    const std::string name = ui.t("app.name");
    if (origin.x + m + font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, name.c_str()).x < right - gap)
        draw->AddText(font, font->FontSize, ImVec2(origin.x + m, origin.y + (height - font->FontSize) / 2), palette::primary,
                      name.c_str());
    ImGui::SetCursorScreenPos(ImVec2(origin.x + m, origin.y + height + ui.px(48.0f)));
}

namespace {

// The ids under which a region keeps, in its screen's ImGui storage, what the
// last frame found: which content it showed, in which frame, how far it
// scrolls and where it was.
struct RegionMemory {
    ImGuiID key, frame, max, scroll;
};
RegionMemory memory_of(ImGuiID id) {
    return {ImHashStr("key", 0, id), ImHashStr("frame", 0, id), ImHashStr("max", 0, id), ImHashStr("scroll", 0, id)};
}

// A square button with a triangle pointing up or down, muted when there is
// nothing more that way.
bool arrow_button(const Ui& ui, const char* id, ImVec2 pos, float side, bool up, bool enabled) {
    ImGui::SetCursorScreenPos(pos);
    const bool clicked = touch_target(ui, id, ImVec2(side, side));
    const bool pressed = enabled && ImGui::IsItemActive();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    fill_rounded_rect(draw, pos, ImVec2(pos.x + side, pos.y + side),
                      enabled ? (pressed ? palette::primary_pressed : palette::primary) : palette::secondary, ui.px(14.0f));
    const ImVec2 c(pos.x + side / 2, pos.y + side / 2);
    const float r = side * 0.3f, dir = up ? -1.0f : 1.0f;
    draw->AddTriangleFilled(ImVec2(c.x - r, c.y - dir * r * 0.6f), ImVec2(c.x + r, c.y - dir * r * 0.6f),
                            ImVec2(c.x, c.y + dir * r * 0.7f), enabled ? palette::on_colour : palette::text_muted);
    return clicked && enabled;
}

}  // namespace

ScrollRegion begin_scroll_region(const Ui& ui, const char* id, std::string_view key, ImVec2 size, float start_at,
                                 float row) {
    ScrollRegion region;
    region.id = ImGui::GetID(id);
    region.pos = ImGui::GetCursorScreenPos();
    region.size = size;
    ImGuiStorage* storage = ImGui::GetStateStorage();
    const RegionMemory memory = memory_of(region.id);
    const int key_hash = static_cast<int>(ImHashStr(key.data(), key.size()));
    // The same content seen again after another screen (a step walked back
    // to, the next person on the same step) starts over like new content.
    const int frame = ImGui::GetFrameCount();
    const bool continued = storage->GetInt(memory.frame, -2) == frame - 1;
    storage->SetInt(memory.frame, frame);
    if (!continued) storage->SetFloat(memory.max, 0.0f);
    if (!continued || storage->GetInt(memory.key, 0) != key_hash) {
        storage->SetInt(memory.key, key_hash);
        storage->SetFloat(memory.scroll, start_at);
    }
    // The region owns its scrolling (no wheel, no drag): what it remembers is
    // where the view is, given to ImGui every frame. ImGui clamps it to the
    // content it last saw; end_scroll_region clamps it to this frame's.
    const float max = storage->GetFloat(memory.max, 0.0f);
    float scroll = storage->GetFloat(memory.scroll, 0.0f);
    region.content_width = size.x;
    if (max > 0.5f) {
        const float side = ui.px(96.0f), gap = ui.px(16.0f);
        region.content_width = size.x - side - gap;
        const float x = region.pos.x + size.x - side;
        // Three quarters of the view, so that a line seen last stays in view.
        const float step = row > 0 ? std::max(1.0f, std::floor(size.y * 0.75f / row)) * row : size.y * 0.75f;
        const std::string up = std::string(id) + "_up", down = std::string(id) + "_down";
        if (arrow_button(ui, up.c_str(), ImVec2(x, region.pos.y), side, true, scroll > 0.5f))
            scroll = std::max(0.0f, scroll - step);
        if (arrow_button(ui, down.c_str(), ImVec2(x, region.pos.y + size.y - side), side, false, scroll < max - 0.5f))
            scroll = std::min(max, scroll + step);
        storage->SetFloat(memory.scroll, scroll);
        // The bar: the whole content is the track, the part in view the thumb.
        ImDrawList* draw = ImGui::GetWindowDrawList();
        const float track_top = region.pos.y + side + gap, track_bottom = region.pos.y + size.y - side - gap;
        const float track = track_bottom - track_top;
        const float bar = ui.px(24.0f);
        if (track > bar) {
            const float bar_x = x + (side - bar) / 2;
            fill_rounded_rect(draw, ImVec2(bar_x, track_top), ImVec2(bar_x + bar, track_bottom), palette::secondary,
                              bar / 2);
            const float thumb = std::max(bar, track * size.y / (size.y + max));
            const float thumb_top = track_top + (track - thumb) * std::min(scroll, max) / max;
            fill_rounded_rect(draw, ImVec2(bar_x, thumb_top), ImVec2(bar_x + bar, thumb_top + thumb),
                              palette::text_muted, bar / 2);
        }
    }
    ImGui::SetNextWindowScroll(ImVec2(0.0f, scroll));
    ImGui::SetCursorScreenPos(region.pos);
    ImGui::BeginChild(id, ImVec2(region.content_width, size.y), false,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoBackground);
    return region;
}

void end_scroll_region(const ScrollRegion& region) {
    // Measured on this frame's content, not ImGui's ScrollMaxY, which is the
    // last frame's: the first frame of new content already knows its height.
    // The spacing after the last item is no content.
    const ImGuiWindow* window = ImGui::GetCurrentWindow();
    const float bottom = std::max(window->DC.CursorMaxPos.y, window->DC.CursorPos.y) - ImGui::GetStyle().ItemSpacing.y;
    const float height = bottom - (window->Pos.y - window->Scroll.y);
    ImGui::EndChild();
    const RegionMemory memory = memory_of(region.id);
    ImGuiStorage* storage = ImGui::GetStateStorage();
    const float max = std::max(0.0f, height - region.size.y);
    storage->SetFloat(memory.max, max);
    storage->SetFloat(memory.scroll, std::min(storage->GetFloat(memory.scroll, 0.0f), max));
    ImGui::SetCursorScreenPos(ImVec2(region.pos.x, region.pos.y + region.size.y));
}

void begin_screen(const char* name) {
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    ImGui::Begin(name, nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse |
                     // The background is the renderer's clear colour
                     // (palette::background): ImGui would fill it again, as a
                     // fan (see fill_convex).
                     ImGuiWindowFlags_NoBackground);
}

void end_screen(const Ui& ui, const char* name) {
    const float bottom = ImGui::GetCursorScreenPos().y;
    const float limit = ImGui::GetWindowPos().y + ImGui::GetWindowSize().y;
    if (bottom > limit + 1.0f) ui.report_overflow(std::string("screen ") + name, "content below the bottom edge");
    ImGui::End();
    ImGui::PopStyleVar(2);
}

}  // namespace eimza::screens
