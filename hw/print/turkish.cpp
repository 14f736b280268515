#include "hw/print/turkish.h"

#include <glib.h>

namespace eimza::hw {

std::string turkish_upper(const std::string& text) {
    std::string out;
    const char* p = text.c_str();
    if (!g_utf8_validate(p, static_cast<gssize>(text.size()), nullptr)) return text;
    while (*p) {
        const gunichar c = g_utf8_get_char(p);
        gunichar upper;
        if (c == 'i') upper = 0x0130;        // i → İ
        else if (c == 0x0131) upper = 'I';   // ı → I
        else upper = g_unichar_toupper(c);
        char buffer[8];
        const int n = g_unichar_to_utf8(upper, buffer);
        out.append(buffer, static_cast<std::size_t>(n));
        p = g_utf8_next_char(p);
    }
    return out;
}

}  // namespace eimza::hw
