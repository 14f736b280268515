#pragma once
#include <string>

namespace eimza::hw {

// Upper case the Turkish way (i→İ, ı→I), which no locale on a minimal
// Debian system does: g_utf8_strup("ilkay") gives "ILKAY".
std::string turkish_upper(const std::string& text);

}  // namespace eimza::hw
