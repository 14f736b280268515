#include "screens/widgets/qr_code.h"

#include <imgui.h>
#include <qrencode.h>

#include <cmath>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace eimza::screens {

namespace {

struct Matrix {
    int width = 0;
    std::vector<unsigned char> dark;  // width * width, 1 = dark module
};

// Encoding is cheap but not free; the same few URLs are drawn every frame.
const Matrix* encoded(std::string_view text) {
    static std::map<std::string, Matrix, std::less<>> cache;
    if (auto it = cache.find(text); it != cache.end()) return &it->second;
    if (cache.size() > 64) cache.clear();
    const std::string owned(text);
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString(owned.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
    if (!code) return nullptr;
    Matrix matrix;
    matrix.width = code->width;
    matrix.dark.resize(static_cast<std::size_t>(code->width) * static_cast<std::size_t>(code->width));
    for (std::size_t i = 0; i < matrix.dark.size(); ++i) matrix.dark[i] = code->data[i] & 1;
    return &cache.emplace(owned, std::move(matrix)).first->second;
}

}  // namespace

void qr_code(const Ui& ui, std::string_view text, float size) {
    const Matrix* matrix = encoded(text);
    if (!matrix) {
        ui.report_overflow("qr code", std::string(text));
        return;
    }
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    constexpr int kQuietZone = 4;  // modules of white around the code, as the standard asks
    const int modules = matrix->width + 2 * kQuietZone;
    const float module = std::floor(size / static_cast<float>(modules));
    const float side = module * static_cast<float>(modules);
    draw->AddRectFilled(pos, ImVec2(pos.x + side, pos.y + side), IM_COL32_WHITE);
    for (int y = 0; y < matrix->width; ++y) {
        for (int x = 0; x < matrix->width; ++x) {
            if (!matrix->dark[static_cast<std::size_t>(y * matrix->width + x)]) continue;
            const ImVec2 a(pos.x + module * static_cast<float>(x + kQuietZone),
                           pos.y + module * static_cast<float>(y + kQuietZone));
            draw->AddRectFilled(a, ImVec2(a.x + module, a.y + module), IM_COL32_BLACK);
        }
    }
    ImGui::Dummy(ImVec2(side, side));
}

}  // namespace eimza::screens
