#pragma once
// Printing through CUPS (libcups): the PDF is streamed from memory, the job
// and the printer are followed to the end, and a job that cannot print is
// cancelled — never left to come out later for someone else.
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "hw/base/bytes.h"

namespace eimza::hw {

struct PrintDocument {
    std::string title;  // job name: never personal ("Başvuru formu", not a name)
    Bytes pdf;
    int pages = 0;      // for the kiosk's page counter
};

enum class PrintOutcome {
    completed,
    no_printer,      // queue unknown or the CUPS server unreachable
    not_accepting,   // queue rejects jobs
    paused,          // queue stopped/disabled
    out_of_paper,
    jammed,
    failed,          // backend error, job aborted
    timed_out,
};

struct PrintProgress {
    enum class Stage { submitting, printing, done } stage = Stage::submitting;
    PrintOutcome outcome = PrintOutcome::completed;
    std::string detail;  // printer-state-reasons / IPP message, for IT's log
    int pages_printed = 0;  // at done: pages of the documents whose jobs completed
};

const char* to_string(PrintOutcome outcome);

struct PrintConfig {
    std::string queue = "eimza";
    std::chrono::seconds timeout{120};
    std::chrono::milliseconds poll{100};
};

// The queue as CUPS reports it, for IT's diagnostics and monitoring.
struct PrinterStatus {
    bool found = false;  // the queue exists and the CUPS server answered
    int state = 0;       // IPP printer-state: 3 idle, 4 processing, 5 stopped
    bool accepting = false;
    std::string reasons;  // printer-state-reasons, comma-separated ("none" when fine)
};
PrinterStatus printer_status(const std::string& queue);

// The queue as it stands, in the person's terms (for monitoring). Blocking:
// one IPP request to the local CUPS server.
enum class PrinterCondition { ok, no_printer, not_accepting, paused, out_of_paper, jammed };
const char* to_string(PrinterCondition condition);
PrinterCondition printer_condition(const std::string& queue);
PrinterCondition condition_of(const PrinterStatus& status);
// Ready to print: found, accepting, not stopped, no empty tray or jam.
bool printer_ok(const PrinterStatus& status);

// Blocking: submits every document as one job each, following each to the
// end; reports progress through the callback (from this thread).
PrintOutcome print_documents(const PrintConfig& config, const std::vector<PrintDocument>& documents,
                             const std::function<void(const PrintProgress&)>& progress);

}  // namespace eimza::hw
