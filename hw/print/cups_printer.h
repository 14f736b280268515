#pragma once
// Printing through CUPS (libcups): the PDF is streamed from memory, the job
// and the printer are followed to the end, and a job that cannot print is
// cancelled — never left to come out later for someone else.
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "hw/token/token_snapshot.h"

namespace eimza::hw {

struct PrintDocument {
    std::string title;  // job name: never personal ("Başvuru formu", not a name)
    Bytes pdf;
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
// Ready to print: found, accepting, not stopped, and no error reason.
bool printer_ok(const PrinterStatus& status);

// Blocking: submits every document as one job each, following each to the
// end; reports progress through the callback (from this thread).
PrintOutcome print_documents(const PrintConfig& config, const std::vector<PrintDocument>& documents,
                             const std::function<void(const PrintProgress&)>& progress);

}  // namespace eimza::hw
