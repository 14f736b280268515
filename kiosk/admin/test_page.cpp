#include "kiosk/admin/test_page.h"

#include "hw/print/pdf.h"

namespace eimza::admin {

hw::Bytes test_page_pdf(const std::string& queue, const std::string& printed_at) {
    hw::PdfDocument pdf;
    if (!pdf.ok()) return {};
    const double x = hw::PdfDocument::kMargin;
    const double width = hw::PdfDocument::kWidth - 2 * x;
    double y = x;
    y += pdf.text(x, y, width, "eimza-kiosk — Yazıcı deneme sayfası / Printer test page", {18, true});
    y += 12;
    y += pdf.text(x, y, width, "Kuyruk / Queue: " + queue);
    y += pdf.text(x, y, width, "Sürüm / Version: " EIMZA_VERSION);
    y += pdf.text(x, y, width, "Zaman / Time: " + printed_at);
    y += 16;
    // Every Turkish letter, both cases, in both weights: a missing glyph or a
    // ligature that eats the dot of i shows here first.
    const std::string letters = "Ç Ğ İ I Ö Ş Ü — ç ğ i ı ö ş ü — Sertifika, İstatistik, Çalıntı, Kayıtçı";
    y += pdf.text(x, y, width, letters, {14, false});
    y += pdf.text(x, y, width, letters, {14, true});
    y += 16;
    pdf.box(x, y, width, 120);
    pdf.text(x + 12, y + 12, width - 24,
             "Bu kutunun dört kenarı da görünmelidir. Görünmüyorsa kâğıt boyutu A4 olarak ayarlanmamıştır.\n"
             "All four edges of this box must be visible; if not, the queue is not set to A4.");
    return pdf.finish();
}

}  // namespace eimza::admin
