#pragma once
// The printer test page IT prints from the admin screen: proves the queue,
// the PDF path and the Turkish letters in one sheet. Nothing personal on it.
#include <string>

#include "hw/token/token_snapshot.h"

namespace eimza::admin {

hw::Bytes test_page_pdf(const std::string& queue, const std::string& printed_at);

}  // namespace eimza::admin
