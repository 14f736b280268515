#include "hw/print/pdf.h"

#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <qrencode.h>

namespace eimza::hw {

namespace {

cairo_status_t collect(void* closure, const unsigned char* data, unsigned int length) {
    auto* out = static_cast<Bytes*>(closure);
    out->insert(out->end(), data, data + length);
    return CAIRO_STATUS_SUCCESS;
}

// One fontconfig configuration with just our fonts, shared by all documents,
// so the output never depends on what else the host has installed.
FcConfig* pinned_fonts() {
    static FcConfig* config = [] {
        FcConfig* c = FcConfigCreate();
        for (const char* dir : {"/usr/share/fonts/truetype/noto", "/usr/share/fonts/truetype/dejavu"}) {
            for (const char* file : {"NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"}) {
                const std::string path = std::string(dir) + "/" + file;
                FcConfigAppFontAddFile(c, reinterpret_cast<const FcChar8*>(path.c_str()));
            }
        }
        return c;
    }();
    return config;
}

// One font map for every document: building it loads and parses the fonts,
// which would otherwise dominate each page. Documents are made on one
// thread at a time (the print worker, or the CLI).
PangoFontMap* shared_font_map() {
    static PangoFontMap* map = [] {
        PangoFontMap* m = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
        pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(m), pinned_fonts());
        return m;
    }();
    return map;
}

}  // namespace

struct PdfDocument::Impl {
    Bytes out;
    cairo_surface_t* surface = nullptr;
    cairo_t* cr = nullptr;
    PangoContext* context = nullptr;

    PangoLayout* layout(double width, const std::string& text, Font font) const {
        PangoLayout* l = pango_layout_new(context);
        PangoFontDescription* desc = pango_font_description_new();
        pango_font_description_set_family(desc, "Noto Sans,DejaVu Sans");
        pango_font_description_set_weight(desc, font.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        pango_font_description_set_absolute_size(desc, font.size * PANGO_SCALE);
        pango_layout_set_font_description(l, desc);
        pango_font_description_free(desc);
        PangoAttrList* attrs = pango_attr_list_new();
        pango_attr_list_insert(attrs, pango_attr_font_features_new("liga=0, clig=0"));
        pango_layout_set_attributes(l, attrs);
        pango_attr_list_unref(attrs);
        pango_layout_set_width(l, static_cast<int>(width * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
        pango_layout_set_text(l, text.c_str(), static_cast<int>(text.size()));
        return l;
    }
};

PdfDocument::PdfDocument() : impl_(std::make_unique<Impl>()) {
    impl_->surface = cairo_pdf_surface_create_for_stream(collect, &impl_->out, kWidth, kHeight);
    impl_->cr = cairo_create(impl_->surface);
    impl_->context = pango_font_map_create_context(shared_font_map());
    PangoLanguage* turkish = pango_language_from_string("tr");
    pango_context_set_language(impl_->context, turkish);
    pango_cairo_update_context(impl_->cr, impl_->context);
}

PdfDocument::~PdfDocument() {
    if (impl_->context) g_object_unref(impl_->context);
    if (impl_->cr) cairo_destroy(impl_->cr);
    if (impl_->surface) cairo_surface_destroy(impl_->surface);
}

bool PdfDocument::ok() const { return cairo_surface_status(impl_->surface) == CAIRO_STATUS_SUCCESS; }

double PdfDocument::measure(double width, const std::string& text, Font font) const {
    PangoLayout* l = impl_->layout(width, text, font);
    int w = 0, h = 0;
    pango_layout_get_size(l, &w, &h);
    g_object_unref(l);
    return h / static_cast<double>(PANGO_SCALE);
}

double PdfDocument::width_of(const std::string& text, Font font) const {
    PangoLayout* l = impl_->layout(10000, text, font);
    int w = 0, h = 0;
    pango_layout_get_size(l, &w, &h);
    g_object_unref(l);
    return w / static_cast<double>(PANGO_SCALE);
}

double PdfDocument::text(double x, double y, double width, const std::string& text, Font font, Align align) {
    PangoLayout* l = impl_->layout(width, text, font);
    pango_layout_set_alignment(l, align == Align::centre  ? PANGO_ALIGN_CENTER
                                  : align == Align::right ? PANGO_ALIGN_RIGHT
                                                          : PANGO_ALIGN_LEFT);
    int w = 0, h = 0;
    pango_layout_get_size(l, &w, &h);
    cairo_set_source_rgb(impl_->cr, 0, 0, 0);
    cairo_move_to(impl_->cr, x, y);
    pango_cairo_show_layout(impl_->cr, l);
    g_object_unref(l);
    return h / static_cast<double>(PANGO_SCALE);
}

void PdfDocument::box(double x, double y, double w, double h, double width) {
    cairo_set_source_rgb(impl_->cr, 0, 0, 0);
    cairo_set_line_width(impl_->cr, width);
    cairo_rectangle(impl_->cr, x, y, w, h);
    cairo_stroke(impl_->cr);
}

void PdfDocument::fill(double x, double y, double w, double h, double grey) {
    cairo_set_source_rgb(impl_->cr, grey, grey, grey);
    cairo_rectangle(impl_->cr, x, y, w, h);
    cairo_fill(impl_->cr);
}

void PdfDocument::line(double x1, double y1, double x2, double y2, double width) {
    cairo_set_source_rgb(impl_->cr, 0, 0, 0);
    cairo_set_line_width(impl_->cr, width);
    cairo_move_to(impl_->cr, x1, y1);
    cairo_line_to(impl_->cr, x2, y2);
    cairo_stroke(impl_->cr);
}

void PdfDocument::checkbox(double x, double y, double size, bool checked) {
    box(x, y, size, size, 0.8);
    if (!checked) return;
    line(x + size * 0.2, y + size * 0.55, x + size * 0.42, y + size * 0.8, 1.4);
    line(x + size * 0.42, y + size * 0.8, x + size * 0.82, y + size * 0.2, 1.4);
}

void PdfDocument::qr(double x, double y, double size, const std::string& text) {
    QRcode* code = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!code) return;
    const double module = size / (code->width + 8);
    cairo_set_source_rgb(impl_->cr, 0, 0, 0);
    for (int r = 0; r < code->width; ++r)
        for (int c = 0; c < code->width; ++c)
            if (code->data[r * code->width + c] & 1)
                cairo_rectangle(impl_->cr, x + (c + 4) * module, y + (r + 4) * module, module, module);
    cairo_fill(impl_->cr);
    QRcode_free(code);
}

void PdfDocument::new_page() {
    cairo_show_page(impl_->cr);
    ++pages_;
}

Bytes PdfDocument::finish() {
    cairo_destroy(impl_->cr);
    impl_->cr = nullptr;
    cairo_surface_finish(impl_->surface);
    cairo_surface_destroy(impl_->surface);
    impl_->surface = nullptr;
    return std::move(impl_->out);
}

}  // namespace eimza::hw
