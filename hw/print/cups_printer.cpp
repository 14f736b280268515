#include "hw/print/cups_printer.h"

#include <cups/cups.h>

#include <algorithm>
#include <string_view>
#include <thread>

namespace eimza::hw {

const char* to_string(PrintOutcome outcome) {
    switch (outcome) {
        case PrintOutcome::completed: return "completed";
        case PrintOutcome::no_printer: return "no_printer";
        case PrintOutcome::not_accepting: return "not_accepting";
        case PrintOutcome::paused: return "paused";
        case PrintOutcome::out_of_paper: return "out_of_paper";
        case PrintOutcome::jammed: return "jammed";
        case PrintOutcome::failed: return "failed";
        case PrintOutcome::timed_out: return "timed_out";
    }
    return "failed";
}

namespace {

struct KnownReason {
    const char* keyword;  // without the -error/-warning/-report suffix
    PrinterReason reason;
};
constexpr KnownReason kKnownReasons[] = {
    {"media-empty", PrinterReason::media_empty},
    {"media-needed", PrinterReason::media_needed},
    {"media-low", PrinterReason::media_low},
    {"media-jam", PrinterReason::media_jam},
    {"toner-empty", PrinterReason::toner_empty},
    {"toner-low", PrinterReason::toner_low},
    {"marker-supply-empty", PrinterReason::marker_supply_empty},
    {"marker-supply-low", PrinterReason::marker_supply_low},
    {"offline", PrinterReason::offline},
    {"paused", PrinterReason::paused},
    {"door-open", PrinterReason::door_open},
    {"cover-open", PrinterReason::cover_open},
    {"input-tray-missing", PrinterReason::input_tray_missing},
    {"output-area-full", PrinterReason::output_area_full},
    {"connecting-to-device", PrinterReason::connecting_to_device},
};

PrinterReason reason_of(std::string_view keyword) {
    for (const char* suffix : {"-error", "-warning", "-report"}) {
        const std::string_view s(suffix);
        if (keyword.size() > s.size() && keyword.substr(keyword.size() - s.size()) == s) {
            keyword.remove_suffix(s.size());
            break;
        }
    }
    for (const auto& known : kKnownReasons)
        if (keyword == known.keyword) return known.reason;
    return PrinterReason::other;
}

std::string printer_uri(const std::string& queue) {
    char uri[HTTP_MAX_URI];
    httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", nullptr, "localhost", 0, "/printers/%s",
                     queue.c_str());
    return uri;
}

std::string join_reasons(ipp_attribute_t* attr) {
    std::string out;
    for (int i = 0; attr && i < ippGetCount(attr); ++i) {
        if (!out.empty()) out += ",";
        out += ippGetString(attr, i, nullptr);
    }
    return out;
}

}  // namespace

const char* to_string(PrinterReason reason) {
    switch (reason) {
        case PrinterReason::media_empty: return "media_empty";
        case PrinterReason::media_needed: return "media_needed";
        case PrinterReason::media_low: return "media_low";
        case PrinterReason::media_jam: return "media_jam";
        case PrinterReason::toner_empty: return "toner_empty";
        case PrinterReason::toner_low: return "toner_low";
        case PrinterReason::marker_supply_empty: return "marker_supply_empty";
        case PrinterReason::marker_supply_low: return "marker_supply_low";
        case PrinterReason::offline: return "offline";
        case PrinterReason::paused: return "paused";
        case PrinterReason::door_open: return "door_open";
        case PrinterReason::cover_open: return "cover_open";
        case PrinterReason::input_tray_missing: return "input_tray_missing";
        case PrinterReason::output_area_full: return "output_area_full";
        case PrinterReason::connecting_to_device: return "connecting_to_device";
        case PrinterReason::other: return "other";
    }
    return "other";
}

std::vector<PrinterReasonCode> printer_reasons(const std::string& reasons) {
    std::vector<PrinterReasonCode> codes;
    std::size_t start = 0;
    while (start <= reasons.size()) {
        const std::size_t end = std::min(reasons.find(',', start), reasons.size());
        const std::string keyword = reasons.substr(start, end - start);
        if (!keyword.empty() && keyword != "none") codes.push_back({reason_of(keyword), keyword});
        start = end + 1;
    }
    return codes;
}

PrinterStatus printer_status(const std::string& queue) {
    PrinterStatus s;
    ipp_t* request = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, printer_uri(queue).c_str());
    ipp_t* response = cupsDoRequest(CUPS_HTTP_DEFAULT, request, "/");
    if (!response || cupsLastError() > IPP_STATUS_OK_CONFLICTING) {
        ippDelete(response);
        return s;
    }
    s.found = true;
    if (auto* a = ippFindAttribute(response, "printer-state", IPP_TAG_ENUM)) s.state = ippGetInteger(a, 0);
    if (auto* a = ippFindAttribute(response, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN)) s.accepting = ippGetBoolean(a, 0);
    s.reasons = join_reasons(ippFindAttribute(response, "printer-state-reasons", IPP_TAG_KEYWORD));
    s.reason_codes = printer_reasons(s.reasons);
    ippDelete(response);
    return s;
}


namespace {

struct JobState {
    int state = 0;  // 3 pending … 9 completed
    std::string reasons;
};

JobState job_state(int job) {
    JobState s;
    ipp_t* request = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
    char uri[HTTP_MAX_URI];
    httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", nullptr, "localhost", 0, "/jobs/%d", job);
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", nullptr, uri);
    ipp_t* response = cupsDoRequest(CUPS_HTTP_DEFAULT, request, "/");
    if (response) {
        if (auto* a = ippFindAttribute(response, "job-state", IPP_TAG_ENUM)) s.state = ippGetInteger(a, 0);
        s.reasons = join_reasons(ippFindAttribute(response, "job-state-reasons", IPP_TAG_KEYWORD));
    }
    ippDelete(response);
    return s;
}

// What a stopped printer's reasons mean for the person at the kiosk.
PrintOutcome stopped_because(const std::string& reasons) {
    if (reasons.find("media-empty") != std::string::npos || reasons.find("media-needed") != std::string::npos)
        return PrintOutcome::out_of_paper;
    if (reasons.find("media-jam") != std::string::npos) return PrintOutcome::jammed;
    return PrintOutcome::paused;
}

PrintOutcome print_one(const PrintConfig& config, const PrintDocument& document,
                       const std::function<void(const PrintProgress&)>& progress) {
    const PrinterStatus before = printer_status(config.queue);
    if (!before.found) return PrintOutcome::no_printer;
    if (!before.accepting) return PrintOutcome::not_accepting;
    if (before.state == IPP_PSTATE_STOPPED) return stopped_because(before.reasons);

    const int job = cupsCreateJob(CUPS_HTTP_DEFAULT, config.queue.c_str(), document.title.c_str(), 0, nullptr);
    if (job == 0)
        return cupsLastError() == IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS ? PrintOutcome::not_accepting
                                                                      : PrintOutcome::no_printer;
    auto cancel = [&] { cupsCancelJob2(CUPS_HTTP_DEFAULT, config.queue.c_str(), job, 0); };
    if (cupsStartDocument(CUPS_HTTP_DEFAULT, config.queue.c_str(), job, "document", CUPS_FORMAT_PDF, 1) !=
            HTTP_STATUS_CONTINUE ||
        cupsWriteRequestData(CUPS_HTTP_DEFAULT, reinterpret_cast<const char*>(document.pdf.data()),
                             document.pdf.size()) != HTTP_STATUS_CONTINUE ||
        cupsFinishDocument(CUPS_HTTP_DEFAULT, config.queue.c_str()) > IPP_STATUS_OK_CONFLICTING) {
        cancel();
        return PrintOutcome::failed;
    }
    progress({PrintProgress::Stage::printing, PrintOutcome::completed, {}});

    const auto deadline = std::chrono::steady_clock::now() + config.timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        const JobState js = job_state(job);
        if (js.state == IPP_JSTATE_COMPLETED) return PrintOutcome::completed;
        // Gone from the history before we saw it end: the server keeps no
        // history (PreserveJobHistory), so the outcome is unknowable.
        if (js.state == 0) return PrintOutcome::failed;
        if (js.state == IPP_JSTATE_ABORTED || js.state == IPP_JSTATE_CANCELED) return PrintOutcome::failed;
        const PrinterStatus ps = printer_status(config.queue);
        if (js.state == IPP_JSTATE_STOPPED || ps.state == IPP_PSTATE_STOPPED) {
            cancel();  // never let it print later, for someone else to pick up
            return stopped_because(ps.reasons + "," + js.reasons);
        }
        if (ps.reasons.find("media-empty") != std::string::npos) {
            cancel();
            return PrintOutcome::out_of_paper;
        }
        std::this_thread::sleep_for(config.poll);
    }
    cancel();
    return PrintOutcome::timed_out;
}

}  // namespace

const char* to_string(PrinterCondition condition) {
    switch (condition) {
        case PrinterCondition::ok: return "ok";
        case PrinterCondition::no_printer: return "no_printer";
        case PrinterCondition::not_accepting: return "not_accepting";
        case PrinterCondition::paused: return "paused";
        case PrinterCondition::out_of_paper: return "out_of_paper";
        case PrinterCondition::jammed: return "jammed";
    }
    return "no_printer";
}

PrinterCondition condition_of(const PrinterStatus& status) {
    if (!status.found) return PrinterCondition::no_printer;
    if (!status.accepting) return PrinterCondition::not_accepting;
    // An idle printer may already report an empty tray or a jam: the next
    // person would find out the hard way, so it counts now.
    switch (stopped_because(status.reasons)) {
        case PrintOutcome::out_of_paper: return PrinterCondition::out_of_paper;
        case PrintOutcome::jammed: return PrinterCondition::jammed;
        default: return status.state == IPP_PSTATE_STOPPED ? PrinterCondition::paused : PrinterCondition::ok;
    }
}

PrinterCondition printer_condition(const std::string& queue) { return condition_of(printer_status(queue)); }

bool printer_ok(const PrinterStatus& status) { return condition_of(status) == PrinterCondition::ok; }

PrintOutcome print_documents(const PrintConfig& config, const std::vector<PrintDocument>& documents,
                             const std::function<void(const PrintProgress&)>& progress) {
    progress({PrintProgress::Stage::submitting, PrintOutcome::completed, {}});
    int pages = 0;
    for (const auto& document : documents) {
        const PrintOutcome outcome = print_one(config, document, progress);
        if (outcome != PrintOutcome::completed) {
            progress({PrintProgress::Stage::done, outcome, printer_status(config.queue).reasons, pages});
            return outcome;
        }
        pages += document.pages;
    }
    progress({PrintProgress::Stage::done, PrintOutcome::completed, {}, pages});
    return PrintOutcome::completed;
}

}  // namespace eimza::hw
