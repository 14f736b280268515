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

// One printer-state-reasons keyword (RFC 8011, CUPS), typed so that the
// screens say it in the person's language; hw/ names it, never words it.
enum class PrinterReason {
    media_empty, media_needed, media_low, media_jam, toner_empty, toner_low, marker_supply_empty, marker_supply_low,
    offline, paused, door_open, cover_open, input_tray_missing, output_area_full, connecting_to_device,
    other,  // a keyword not listed here: shown as the printer gave it
};
struct PrinterReasonCode {
    PrinterReason reason = PrinterReason::other;
    std::string keyword;  // as CUPS sent it, severity suffix included ("toner-low-warning")
    bool operator==(const PrinterReasonCode&) const = default;
};
// "media_empty", …: the key suffix of its text.
const char* to_string(PrinterReason reason);
// The comma-separated keywords as CUPS joins them; "none" and "" give none.
std::vector<PrinterReasonCode> printer_reasons(const std::string& reasons);

// The queue as CUPS reports it, for IT's diagnostics and monitoring.
struct PrinterStatus {
    bool found = false;  // the queue exists and the CUPS server answered
    int state = 0;       // IPP printer-state: 3 idle, 4 processing, 5 stopped
    bool accepting = false;
    std::string reasons;  // printer-state-reasons, comma-separated ("none" when fine): for the log
    std::vector<PrinterReasonCode> reason_codes;  // the same, typed: for the screens
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
