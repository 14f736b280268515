#pragma once
// Bytes as every layer passes them (ATRs, certificates, PDFs), and their
// hex form for logs and IT.
#include <cstdint>
#include <string>
#include <vector>

namespace eimza::hw {

using Bytes = std::vector<std::uint8_t>;

std::string to_hex(const Bytes& bytes);  // upper-case, no spaces

}  // namespace eimza::hw
