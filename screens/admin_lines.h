#pragma once
// The admin screen's lines in the chosen language. hw/ and kiosk/ report
// codes (triage, printer reasons, update results); they are worded here and
// only here, and their raw details stay in the journal. Kept apart from the
// drawing so that a test can read every line in both languages.
#include <string>
#include <vector>

#include "hw/print/cups_printer.h"
#include "screens/ui.h"

namespace eimza::screens {

enum class AdminTone { section, normal, muted, warn, bad };

struct AdminLine {
    std::string key;  // the text it is worded from; empty: data only (a reader's name)
    std::string text;
    AdminTone tone = AdminTone::normal;
};

// The diagnostics column, top to bottom.
std::vector<AdminLine> admin_lines(const State& state, const Ui& ui);

// What IT's last action did; empty text: no action yet.
AdminLine admin_result_line(const State& state, const Ui& ui);

// A printer-state-reasons keyword in words: known ones by their text,
// others as "Printer reports: <keyword>".
std::string printer_reason_text(const Ui& ui, const hw::PrinterReasonCode& code);

}  // namespace eimza::screens
