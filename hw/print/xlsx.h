#pragma once
// A one-sheet .xlsx (libxlsxwriter) built in memory: FORM-001-003 rows.
#include <string>
#include <vector>

#include "hw/base/bytes.h"

namespace eimza::hw {

struct Sheet {
    std::string name;
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;  // every cell written as text (TCKN, phone keep their zeros)
    std::string note;  // under the rows, after an empty one: what the sheet is; empty: none
};

// Empty on failure. The workbook is written to an anonymous memory file and
// libxlsxwriter's scratch files go to RAM (/dev/shm), so no personal data
// touches a disk.
Bytes write_xlsx(const Sheet& sheet);

}  // namespace eimza::hw
