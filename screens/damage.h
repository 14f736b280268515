#pragma once
// Which parts of the screen a frame changed. A software renderer spends its
// time per pixel, and a tap changes a key and a field, not the 2 million
// pixels of a 1080p screen: repainting and presenting only the changed
// tiles keeps a frame after an input to a few milliseconds.
#include <imgui.h>

#include <cstdint>
#include <vector>

namespace eimza::screens {

struct PixelRect {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // half-open: [x0, x1) × [y0, y1)
    int width() const { return x1 - x0; }
    int height() const { return y1 - y0; }
    long long area() const { return static_cast<long long>(width()) * height(); }
    bool operator==(const PixelRect&) const = default;
};

class DamageTracker {
public:
    explicit DamageTracker(int tile_size = 32) : tile_(tile_size) {}

    // Compares the frame with the last one passed here, tile by tile (a hash
    // of every triangle touching a tile, in drawing order), and returns the
    // rectangles to repaint: none when nothing changed, the whole display
    // for the first frame, a new size or after invalidate().
    std::vector<PixelRect> update(const ImDrawData& data);

    // The window's pixels are unknown (exposed, resized, a new renderer).
    void invalidate() { valid_ = false; }

private:
    int tile_;
    int columns_ = 0, rows_ = 0;
    bool valid_ = false;
    std::vector<std::uint64_t> hashes_, previous_;
};

// A hash of everything the frame draws: equal hashes, equal pixels.
std::uint64_t frame_hash(const ImDrawData& data);

// The rectangles of changed tiles, merged: runs along a row, then runs of
// equal extent in neighbouring rows. More than max_rects become their
// bounding box, since each rectangle costs a pass over the triangles.
std::vector<PixelRect> merge_tiles(const std::vector<bool>& dirty, int columns, int rows, int tile, int width,
                                   int height, std::size_t max_rects = 24);

}  // namespace eimza::screens
