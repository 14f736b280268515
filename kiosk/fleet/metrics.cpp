#include "kiosk/fleet/metrics.h"

#include <chrono>
#include <set>
#include <utility>
#include <vector>

#include "kiosk/content/content.h"
#include "kiosk/base/durable_file.h"

namespace eimza::fleet {

namespace {

using Labels = std::vector<std::pair<std::string, std::string>>;

long long unix_seconds(hw::SystemTime t) {
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

class Exposition {
public:
    // Every family starts with its HELP and TYPE; the name carries the prefix.
    void family(const std::string& name, const char* type, std::string_view help) {
        name_ = "eimza_kiosk_" + name;
        out_ += "# HELP " + name_ + " ";
        for (char c : help) {
            if (c == '\\') out_ += "\\\\";
            else if (c == '\n') out_ += "\\n";
            else out_ += c;
        }
        out_ += "\n# TYPE " + name_ + " " + type + "\n";
    }
    void sample(const std::string& value, const Labels& labels = {}) {
        out_ += name_;
        if (!labels.empty()) {
            out_ += "{";
            for (std::size_t i = 0; i < labels.size(); ++i) {
                if (i) out_ += ",";
                out_ += labels[i].first + "=\"" + escape_label_value(labels[i].second) + "\"";
            }
            out_ += "}";
        }
        out_ += " " + value + "\n";
    }
    void sample(std::uint64_t value, const Labels& labels = {}) { sample(std::to_string(value), labels); }
    void sample(long long value, const Labels& labels = {}) { sample(std::to_string(value), labels); }
    void sample(bool value, const Labels& labels = {}) { sample(std::string(value ? "1" : "0"), labels); }

    std::string take() { return std::move(out_); }

private:
    std::string out_;
    std::string name_;
};

}  // namespace

std::string escape_label_value(std::string_view value) {
    std::string out;
    for (char c : value) {
        if (c == '\\') out += "\\\\";
        else if (c == '"') out += "\\\"";
        else if (c == '\n') out += "\\n";
        else out += c;
    }
    return out;
}

std::string render_metrics(const MetricsSnapshot& s) {
    Exposition e;
    e.family("up", "gauge", "1 while the kiosk runs; 0 in the file it leaves after a clean exit.");
    e.sample(s.up);
    e.family("ready", "gauge", "1 once the kiosk shows its screen and takes touches.");
    e.sample(s.up && s.ready);
    e.family("start_time_seconds", "gauge", "When the kiosk started (Unix time).");
    e.sample(unix_seconds(s.started_at));
    e.family("build_info", "gauge", "The kiosk's version, as a label.");
    e.sample(true, {{"version", s.version}});
    e.family("card_service_up", "gauge", "1 while the PC/SC service (pcscd) answers.");
    e.sample(s.card_service);
    e.family("reader_present", "gauge", "1 while at least one card reader is connected.");
    e.sample(s.reader_present);
    e.family("reader_triage", "gauge",
             "The reader triage (docs/reader-triage.md): 1 for the code that holds now, 0 for the others; "
             "all 0 until it is known. R04 is the resting state, ok a card being read.");
    for (const auto code : hw::kTriageCodes)
        e.sample(s.triage == code, {{"code", hw::triage_code(code)}, {"reason", hw::triage_name(code)}});

    e.family("printer_ok", "gauge", "1 when the print queue accepts and can print (checked every refresh).");
    e.sample(s.printer == hw::PrinterCondition::ok);
    e.family("printer_state", "gauge", "The print queue's condition: 1 for the current state, 0 for the others.");
    for (const auto condition : {hw::PrinterCondition::ok, hw::PrinterCondition::out_of_paper, hw::PrinterCondition::jammed,
                                 hw::PrinterCondition::paused, hw::PrinterCondition::not_accepting,
                                 hw::PrinterCondition::no_printer})
        e.sample(s.printer == condition, {{"state", hw::to_string(condition)}});
    e.sample(!s.printer.has_value(), {{"state", "unknown"}});

    const Counters& c = s.counters;
    e.family("sessions_total", "counter", "Sessions: times the kiosk left its idle Home screen.");
    e.sample(c.sessions);
    e.family("verdicts_total", "counter", "Card verdicts by overall result, one per card read.");
    for (std::size_t i = 0; i < kOverallKinds; ++i)
        e.sample(c.verdicts[i], {{"verdict", hw::to_string(static_cast<hw::Overall>(i))}});
    // Every known process, so a process never used still shows 0.
    std::set<std::string> processes(content::process_ids().begin(), content::process_ids().end());
    for (const auto& [id, n] : c.processes_started) processes.insert(id);
    for (const auto& [id, n] : c.processes_finished) processes.insert(id);
    auto per_process = [&](const std::map<std::string, std::uint64_t>& counts) {
        for (const auto& id : processes) {
            const auto it = counts.find(id);
            e.sample(it == counts.end() ? std::uint64_t{0} : it->second, {{"process", id}});
        }
    };
    e.family("processes_started_total", "counter", "Processes a person started, by process.");
    per_process(c.processes_started);
    e.family("processes_finished_total", "counter", "Processes left from their last step or after their papers were printed, by process.");
    per_process(c.processes_finished);
    e.family("pages_printed_total", "counter", "Pages printed.");
    e.sample(c.pages_printed);
    e.family("print_failures_total", "counter", "Print runs that failed (out of paper, jam, queue stopped, timeout ...).");
    e.sample(c.print_failures);
    e.family("card_read_failures_total", "counter", "Card reads that failed or timed out.");
    e.sample(c.card_read_failures);
    e.family("card_read_failures_by_code_total", "counter",
             "Card reads that failed, by triage code: R05 unknown card, R06 module missing, R07 token not "
             "recognised, R08 timed out.");
    for (const auto code : hw::kTriageCodes)
        if (hw::triage_card_failure(code))
            e.sample(c.read_failures(code), {{"code", hw::triage_code(code)}, {"reason", hw::triage_name(code)}});

    if (!s.content_version.empty()) {
        e.family("content_info", "gauge", "The content in use (institutions, fees, processes), its version as a label.");
        e.sample(true, {{"version", s.content_version}});
    }
    e.family("crls_cached", "gauge", "CRLs in the kiosk's disk cache (fetched only when OCSP gives no answer).");
    e.sample(static_cast<long long>(s.crls_cached));
    if (s.oldest_crl_this_update) {
        e.family("oldest_crl_age_seconds", "gauge", "Age of the oldest cached CRL (now minus its thisUpdate).");
        e.sample(unix_seconds(s.now) - unix_seconds(*s.oldest_crl_this_update));
    }
    if (s.content_update) {
        e.family("content_update_result", "gauge", "The last content update's result, as a label.");
        e.sample(true, {{"result", s.content_update->result}});
        e.family("content_update_last_attempt_timestamp_seconds", "gauge", "When a content update was last tried (Unix time).");
        e.sample(unix_seconds(s.content_update->attempted_at));
    }
    return e.take();
}

bool write_metrics(const std::filesystem::path& dir, const std::string& text, std::string& error) {
    return write_file_atomically(dir / kMetricsFile, text, 0644, error);
}

}  // namespace eimza::fleet
