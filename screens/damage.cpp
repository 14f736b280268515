#include "screens/damage.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace eimza::screens {

namespace {

std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
    h = (h ^ v) * 0xff51afd7ed558ccdULL;
    return h ^ (h >> 31);
}

std::uint64_t bits(float a, float b) {
    std::uint32_t x, y;
    std::memcpy(&x, &a, sizeof x);
    std::memcpy(&y, &b, sizeof y);
    return (static_cast<std::uint64_t>(x) << 32) | y;
}

std::uint64_t vertex_hash(std::uint64_t h, const ImDrawVert& v) {
    h = mix(h, bits(v.pos.x, v.pos.y));
    h = mix(h, bits(v.uv.x, v.uv.y));
    return mix(h, v.col);
}

}  // namespace

std::uint64_t frame_hash(const ImDrawData& data) {
    std::uint64_t h = mix(0, bits(data.DisplaySize.x, data.DisplaySize.y));
    for (int n = 0; n < data.CmdListsCount; ++n) {
        const ImDrawList* list = data.CmdLists[n];
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            h = mix(h, static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(cmd.TextureId)));
            h = mix(h, bits(cmd.ClipRect.x, cmd.ClipRect.y));
            h = mix(h, bits(cmd.ClipRect.z, cmd.ClipRect.w));
            h = mix(h, (static_cast<std::uint64_t>(cmd.ElemCount) << 32) | cmd.VtxOffset);
            const ImDrawVert* vertices = list->VtxBuffer.Data + cmd.VtxOffset;
            const ImDrawIdx* indices = list->IdxBuffer.Data + cmd.IdxOffset;
            for (unsigned i = 0; i < cmd.ElemCount; ++i) h = vertex_hash(h, vertices[indices[i]]);
        }
    }
    return h;
}

std::vector<PixelRect> merge_tiles(const std::vector<bool>& dirty, int columns, int rows, int tile, int width,
                                   int height, std::size_t max_rects) {
    struct Run {
        int c0, c1, r0, r1;  // tiles, half-open
    };
    std::vector<Run> open, done;
    for (int r = 0; r < rows; ++r) {
        std::vector<Run> row_runs;
        for (int c = 0; c < columns;) {
            if (!dirty[static_cast<std::size_t>(r * columns + c)]) {
                ++c;
                continue;
            }
            const int start = c;
            while (c < columns && dirty[static_cast<std::size_t>(r * columns + c)]) ++c;
            row_runs.push_back({start, c, r, r + 1});
        }
        // A run continues one from the row above with the same columns.
        std::vector<Run> next;
        for (auto& run : row_runs) {
            auto above = std::find_if(open.begin(), open.end(),
                                      [&](const Run& o) { return o.c0 == run.c0 && o.c1 == run.c1; });
            if (above != open.end()) {
                above->r1 = run.r1;
                next.push_back(*above);
                open.erase(above);
            } else {
                next.push_back(run);
            }
        }
        done.insert(done.end(), open.begin(), open.end());
        open = std::move(next);
    }
    done.insert(done.end(), open.begin(), open.end());

    auto to_pixels = [&](const Run& run) {
        return PixelRect{run.c0 * tile, run.r0 * tile, std::min(run.c1 * tile, width), std::min(run.r1 * tile, height)};
    };
    std::vector<PixelRect> rects;
    for (const auto& run : done) rects.push_back(to_pixels(run));
    if (rects.size() > max_rects) {
        PixelRect box = rects.front();
        for (const auto& r : rects) {
            box.x0 = std::min(box.x0, r.x0);
            box.y0 = std::min(box.y0, r.y0);
            box.x1 = std::max(box.x1, r.x1);
            box.y1 = std::max(box.y1, r.y1);
        }
        rects = {box};
    }
    return rects;
}

std::vector<PixelRect> DamageTracker::update(const ImDrawData& data) {
    const ImVec2 scale = data.FramebufferScale;
    const int width = static_cast<int>(data.DisplaySize.x * scale.x);
    const int height = static_cast<int>(data.DisplaySize.y * scale.y);
    if (width <= 0 || height <= 0) return {};
    const int columns = (width + tile_ - 1) / tile_;
    const int rows = (height + tile_ - 1) / tile_;
    if (columns != columns_ || rows != rows_) {
        columns_ = columns;
        rows_ = rows;
        valid_ = false;
    }
    hashes_.assign(static_cast<std::size_t>(columns * rows), 0);

    const float inv_tile = 1.0f / static_cast<float>(tile_);
    for (int n = 0; n < data.CmdListsCount; ++n) {
        const ImDrawList* list = data.CmdLists[n];
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback || cmd.ElemCount == 0) continue;
            // Texture and clip rectangle change what the same triangle shows.
            std::uint64_t cmd_hash = mix(0x9e3779b97f4a7c15ULL, static_cast<std::uint64_t>(
                                                                    reinterpret_cast<std::uintptr_t>(cmd.TextureId)));
            cmd_hash = mix(cmd_hash, bits(cmd.ClipRect.x, cmd.ClipRect.y));
            cmd_hash = mix(cmd_hash, bits(cmd.ClipRect.z, cmd.ClipRect.w));
            const float clip_x0 = std::max(0.0f, (cmd.ClipRect.x - data.DisplayPos.x) * scale.x);
            const float clip_y0 = std::max(0.0f, (cmd.ClipRect.y - data.DisplayPos.y) * scale.y);
            const float clip_x1 = std::min(static_cast<float>(width), (cmd.ClipRect.z - data.DisplayPos.x) * scale.x);
            const float clip_y1 = std::min(static_cast<float>(height), (cmd.ClipRect.w - data.DisplayPos.y) * scale.y);
            if (clip_x1 <= clip_x0 || clip_y1 <= clip_y0) continue;
            const ImDrawVert* vertices = list->VtxBuffer.Data + cmd.VtxOffset;
            const ImDrawIdx* indices = list->IdxBuffer.Data + cmd.IdxOffset;
            for (unsigned i = 0; i + 2 < cmd.ElemCount; i += 3) {
                const ImDrawVert& a = vertices[indices[i]];
                const ImDrawVert& b = vertices[indices[i + 1]];
                const ImDrawVert& c = vertices[indices[i + 2]];
                // One pixel of margin: edge pixels are shared by neighbours.
                const float x0 = std::max(clip_x0, (std::min({a.pos.x, b.pos.x, c.pos.x}) - data.DisplayPos.x) * scale.x - 1);
                const float y0 = std::max(clip_y0, (std::min({a.pos.y, b.pos.y, c.pos.y}) - data.DisplayPos.y) * scale.y - 1);
                const float x1 = std::min(clip_x1, (std::max({a.pos.x, b.pos.x, c.pos.x}) - data.DisplayPos.x) * scale.x + 1);
                const float y1 = std::min(clip_y1, (std::max({a.pos.y, b.pos.y, c.pos.y}) - data.DisplayPos.y) * scale.y + 1);
                if (x1 <= x0 || y1 <= y0) continue;
                const std::uint64_t h = vertex_hash(vertex_hash(vertex_hash(cmd_hash, a), b), c);
                const int c0 = static_cast<int>(x0 * inv_tile);
                const int r0 = static_cast<int>(y0 * inv_tile);
                const int c1 = std::min(columns - 1, static_cast<int>(x1 * inv_tile));
                const int r1 = std::min(rows - 1, static_cast<int>(y1 * inv_tile));
                for (int r = r0; r <= r1; ++r) {
                    std::uint64_t* row = hashes_.data() + static_cast<std::size_t>(r * columns);
                    for (int col = c0; col <= c1; ++col) row[col] = mix(row[col], h);
                }
            }
        }
    }

    std::vector<PixelRect> rects;
    if (!valid_) {
        rects.push_back({0, 0, width, height});
    } else {
        std::vector<bool> dirty(hashes_.size());
        bool any = false;
        for (std::size_t i = 0; i < hashes_.size(); ++i) any |= (dirty[i] = hashes_[i] != previous_[i]);
        if (any) rects = merge_tiles(dirty, columns, rows, tile_, width, height);
    }
    std::swap(hashes_, previous_);
    valid_ = true;
    return rects;
}

}  // namespace eimza::screens
