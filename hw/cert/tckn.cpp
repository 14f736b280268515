#include "hw/cert/tckn.h"

#include <algorithm>
#include <cctype>

namespace eimza::hw {

bool tckn_checksum_ok(std::string_view tckn) {
    if (tckn.size() != 11 || tckn[0] == '0') return false;
    if (!std::all_of(tckn.begin(), tckn.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
        return false;
    int d[11];
    for (int i = 0; i < 11; ++i) d[i] = tckn[static_cast<std::size_t>(i)] - '0';
    const int odd = d[0] + d[2] + d[4] + d[6] + d[8];
    const int even = d[1] + d[3] + d[5] + d[7];
    const int tenth = ((7 * odd - even) % 10 + 10) % 10;  // may be negative before the modulo
    if (d[9] != tenth) return false;
    int sum = 0;
    for (int i = 0; i < 10; ++i) sum += d[i];
    return d[10] == sum % 10;
}

std::string mask_tckn(std::string_view tckn) {
    if (tckn.size() != 11) return std::string(tckn.size(), '*');
    return std::string(tckn.substr(0, 3)) + "******" + std::string(tckn.substr(9, 2));
}

}  // namespace eimza::hw
