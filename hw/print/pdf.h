#pragma once
// The one PDF renderer every document uses: cairo + pango, A4, fonts pinned
// through fontconfig, ligatures off (DejaVu/Noto ligate "fi" and drop the
// dot of the i in "Sertifika"), text measured before boxes are drawn. The
// PDF is produced in memory; nothing is written to disk.
#include <memory>
#include <string>

#include "hw/base/bytes.h"

namespace eimza::hw {

struct PdfFont {
    double size = 10.5;
    bool bold = false;
};

class PdfDocument {
public:
    using Font = PdfFont;
    static constexpr double kWidth = 595.276, kHeight = 841.89;  // A4 in points
    static constexpr double kMargin = 48;

    PdfDocument();
    ~PdfDocument();
    PdfDocument(const PdfDocument&) = delete;
    PdfDocument& operator=(const PdfDocument&) = delete;

    bool ok() const;

    enum class Align { left, centre, right };

    // Lays text out in a column of width at (x, y), wrapping; returns the
    // height it took. Pango markup is not interpreted: text is text.
    double text(double x, double y, double width, const std::string& text, Font font = {}, Align align = Align::left);
    double measure(double width, const std::string& text, Font font = {}) const;
    double width_of(const std::string& text, Font font = {}) const;  // on one line
    void box(double x, double y, double w, double h, double line = 0.8);
    void fill(double x, double y, double w, double h, double grey);
    void line(double x1, double y1, double x2, double y2, double width = 0.8);
    void checkbox(double x, double y, double size, bool checked);
    void qr(double x, double y, double size, const std::string& text);
    void new_page();

    Bytes finish();  // ends the document; the object is spent afterwards
    int pages() const { return pages_; }

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    int pages_ = 1;
};

}  // namespace eimza::hw
