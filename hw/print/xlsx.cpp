#include "hw/print/xlsx.h"

#include <sys/mman.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <string>

namespace eimza::hw {

Bytes write_xlsx(const Sheet& sheet) {
    const int fd = memfd_create("eimza-form", MFD_CLOEXEC);
    if (fd < 0) return {};
    const std::string path = "/proc/self/fd/" + std::to_string(fd);
    std::string scratch = "/dev/shm";
    std::error_code ec;
    if (!std::filesystem::is_directory(scratch, ec)) scratch = "/tmp";
    lxw_workbook_options options{};
    options.constant_memory = LXW_FALSE;
    options.tmpdir = scratch.data();
    lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
    Bytes out;
    if (workbook) {
        lxw_worksheet* ws = workbook_add_worksheet(workbook, sheet.name.c_str());
        lxw_format* bold = workbook_add_format(workbook);
        format_set_bold(bold);
        lxw_format* text = workbook_add_format(workbook);
        format_set_num_format(text, "@");  // text cells: "05..." and TCKNs stay as typed
        for (std::size_t c = 0; c < sheet.header.size(); ++c) {
            worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), sheet.header[c].c_str(), bold);
            worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), 22, text);
        }
        for (std::size_t r = 0; r < sheet.rows.size(); ++r)
            for (std::size_t c = 0; c < sheet.rows[r].size(); ++c)
                worksheet_write_string(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c),
                                       sheet.rows[r][c].c_str(), text);
        if (!sheet.note.empty())
            worksheet_write_string(ws, static_cast<lxw_row_t>(sheet.rows.size() + 2), 0, sheet.note.c_str(), nullptr);
        if (workbook_close(workbook) == LXW_NO_ERROR) {
            const off_t size = lseek(fd, 0, SEEK_END);
            if (size > 0) {
                out.resize(static_cast<std::size_t>(size));
                if (pread(fd, out.data(), out.size(), 0) != size) out.clear();
            }
        }
    }
    close(fd);
    return out;
}

}  // namespace eimza::hw
