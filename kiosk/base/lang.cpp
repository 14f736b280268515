// The pure part of i18n.h (languages, placeholders), for the pure model;
// i18n.cpp loads the texts.
#include "kiosk/base/i18n.h"

#include <algorithm>

namespace eimza {

const char* to_string(Lang lang) { return lang == Lang::tr ? "tr" : "en"; }

bool parse_lang(std::string_view text, Lang& out) {
    if (text == "tr") { out = Lang::tr; return true; }
    if (text == "en") { out = Lang::en; return true; }
    return false;
}

std::string format(std::string_view pattern, const std::map<std::string, std::string>& values) {
    std::string out;
    out.reserve(pattern.size());
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{') {
            const auto close = pattern.find('}', i);
            if (close != std::string_view::npos) {
                const std::string name(pattern.substr(i + 1, close - i - 1));
                if (auto it = values.find(name); it != values.end()) {
                    out += it->second;
                    i = close;
                    continue;
                }
            }
        }
        out += pattern[i];
    }
    return out;
}

std::size_t utf8_length(std::string_view text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace eimza
