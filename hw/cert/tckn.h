#pragma once
// T.C. kimlik numarası: 11 digits, first not 0, two check digits.
#include <string>
#include <string_view>

namespace eimza::hw {

bool tckn_checksum_ok(std::string_view tckn);
// "10000000146" -> "100******46"; anything not 11 characters is masked whole.
std::string mask_tckn(std::string_view tckn);

}  // namespace eimza::hw
