#pragma once
// The kiosk's health and counters for Prometheus, in the text exposition
// format, written for node_exporter's textfile collector. Every metric is
// described in docs/monitoring.md.
#include <filesystem>
#include <optional>
#include <string>

#include "hw/cert/verdict.h"
#include "hw/print/cups_printer.h"
#include "kiosk/fleet/counters.h"

namespace eimza::fleet {

// The content-update job's last attempt, as its status file tells it
// (kiosk/content/update_status), when known.
struct ContentUpdateReport {
    std::string result;  // ok, unchanged, download_failed, bad_signature, invalid_content …
    hw::SystemTime attempted_at{};
};

struct MetricsSnapshot {
    bool up = true;  // false only in the file written at a clean exit
    bool ready = false;  // the first frame is on the screen
    bool card_service = false;  // pcscd answers
    bool reader_present = false;
    std::optional<hw::TriageCode> triage;  // the reader triage now; nullopt: not known yet
    std::optional<hw::PrinterCondition> printer;  // nullopt: not asked yet
    Counters counters;
    std::string content_version;  // empty: no content loaded
    int crls_cached = 0;
    std::optional<hw::SystemTime> oldest_crl_this_update;
    std::optional<ContentUpdateReport> content_update;
    std::string version;  // the kiosk's own
    hw::SystemTime started_at{};
    hw::SystemTime now{};  // ages are measured from here
};

// Format 0.0.4: # HELP and # TYPE before every family, label values
// escaped, every label value of a family present (zeros included, so rates
// and alerts need no absent()), no timestamps (the collector refuses them).
std::string render_metrics(const MetricsSnapshot& snapshot);

inline constexpr const char* kMetricsFile = "eimza_kiosk.prom";
// dir/eimza_kiosk.prom, mode 0644, replaced atomically as the textfile
// collector requires (it may read at any moment). Not fsynced: it is
// rewritten every few seconds and a lost one after a power cut is harmless.
bool write_metrics(const std::filesystem::path& dir, const std::string& text, std::string& error);

// A label value as the format wants it: \ " and newline escaped.
std::string escape_label_value(std::string_view value);

}  // namespace eimza::fleet
