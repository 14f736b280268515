#include "screens/fonts.h"

#include <fontconfig/fontconfig.h>
#include <imgui.h>
#include <imgui_freetype.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace eimza::screens {

namespace {

// Latin-1 and Latin Extended-A hold every Turkish letter; 1.86's default
// range stops at U+00FF and would draw İ ı Ğ ğ Ş ş as '?'. The extra ranges
// cover typographic quotes, dashes, the ellipsis and the Turkish lira sign.
const ImWchar kGlyphRanges[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x2010, 0x2027, 0x20BA, 0x20BA, 0};

std::vector<unsigned> codepoints(std::string_view utf8) {
    std::vector<unsigned> out;
    const char* p = utf8.data();
    const char* end = p + utf8.size();
    while (p < end) {
        unsigned c = 0;
        const int n = ImTextCharFromUtf8(&c, p, end);
        if (n <= 0) break;
        out.push_back(c);
        p += n;
    }
    return out;
}

std::string match_font(const char* family, const char* style) {
    FcPattern* pattern = FcPatternCreate();
    FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>(family));
    FcPatternAddString(pattern, FC_STYLE, reinterpret_cast<const FcChar8*>(style));
    FcCharSet* charset = FcCharSetCreate();
    for (unsigned c : codepoints(kTurkishLetters)) FcCharSetAddChar(charset, c);
    FcPatternAddCharSet(pattern, FC_CHARSET, charset);
    FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
    FcDefaultSubstitute(pattern);
    FcResult result = FcResultNoMatch;
    FcPattern* match = FcFontMatch(nullptr, pattern, &result);
    std::string file;
    if (match) {
        FcChar8* matched_family = nullptr;
        FcChar8* path = nullptr;
        FcCharSet* matched_charset = nullptr;
        // fontconfig always returns its closest font; accept it only if it
        // is the family asked for and really holds every Turkish letter.
        if (FcPatternGetString(match, FC_FAMILY, 0, &matched_family) == FcResultMatch &&
            std::string_view(reinterpret_cast<char*>(matched_family)) == family &&
            FcPatternGetCharSet(match, FC_CHARSET, 0, &matched_charset) == FcResultMatch &&
            FcCharSetIsSubset(charset, matched_charset) &&
            FcPatternGetString(match, FC_FILE, 0, &path) == FcResultMatch)
            file = reinterpret_cast<char*>(path);
        FcPatternDestroy(match);
    }
    FcCharSetDestroy(charset);
    FcPatternDestroy(pattern);
    return file;
}

ImFont* add_font(const std::string& file, float pixels) {
    ImFontConfig config;
    config.OversampleH = 1;  // FreeType hinting makes oversampling unnecessary
    config.PixelSnapH = true;
    return ImGui::GetIO().Fonts->AddFontFromFileTTF(file.c_str(), pixels, &config, kGlyphRanges);
}

}  // namespace

bool find_font_files(FontFiles& files, std::string& error) {
    for (const char* family : {"Noto Sans", "DejaVu Sans"}) {
        files.regular = match_font(family, "Regular");
        if (files.regular.empty()) files.regular = match_font(family, "Book");
        files.bold = match_font(family, "Bold");
        if (!files.regular.empty()) {
            if (files.bold.empty()) files.bold = files.regular;
            return true;
        }
    }
    error =
        "no font with Turkish letters found: install fonts-noto-core or fonts-dejavu-core "
        "(needs İ ı Ğ ğ Ş ş Ç ç Ö ö Ü ü)";
    return false;
}

namespace {

bool add_fonts(const FontFiles& files, float scale, Fonts& fonts) {
    fonts.body = add_font(files.regular, 30.0f * scale);
    fonts.small = add_font(files.regular, 24.0f * scale);
    fonts.strong = add_font(files.bold, 30.0f * scale);
    fonts.heading = add_font(files.bold, 40.0f * scale);
    fonts.title = add_font(files.bold, 60.0f * scale);
    return fonts.body && fonts.small && fonts.strong && fonts.heading && fonts.title;
}

}  // namespace

bool load_fonts(const FontFiles& files, float scale, Fonts& fonts, Fonts& large, std::string& error) {
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    atlas->Clear();
    // The first font added is ImGui's default.
    const bool added = add_fonts(files, scale, fonts) && add_fonts(files, scale * kLargeTextFactor, large);
    atlas->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    if (!added || !atlas->Build()) {
        error = "cannot load font " + files.regular;
        return false;
    }
    for (ImFont* font : {fonts.small, fonts.body, fonts.strong, fonts.heading, fonts.title, large.small, large.body,
                         large.strong, large.heading, large.title}) {
        for (unsigned c : codepoints(kTurkishLetters)) {
            if (!font->FindGlyphNoFallback(static_cast<ImWchar>(c))) {
                char hex[16];
                std::snprintf(hex, sizeof hex, "U+%04X", c);
                error = "font " + files.regular + " has no glyph " + hex + " (a Turkish letter)";
                return false;
            }
        }
    }
    return true;
}

}  // namespace eimza::screens
