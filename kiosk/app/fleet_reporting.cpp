#include "kiosk/app/fleet_reporting.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "hw/cert/revocation.h"
#include "kiosk/content/update_status.h"
#include "kiosk/base/log.h"
#include "kiosk/fleet/counters.h"
#include "kiosk/fleet/metrics.h"

namespace eimza::app {

namespace {

// What the UI thread knows that the file shows; a change means a rewrite.
struct Facts {
    bool ready = false;
    bool card_service = false;
    bool reader_present = false;
    std::optional<hw::TriageCode> triage;
    std::string content_version;
    fleet::Counters counters;
    bool operator==(const Facts&) const = default;
};

}  // namespace

struct FleetReporting::Impl {
    MetricsConfig settings;
    std::string print_queue;
    std::string crl_cache_dir;
    std::function<void()> wake;
    const std::chrono::system_clock::time_point started_at = std::chrono::system_clock::now();
    bool persist_counters = false;

    // UI thread only.
    fleet::Observed last_observed;
    std::optional<hw::Triage> last_triage;
    Facts facts;
    std::optional<Facts> published;
    TimePoint published_at{};

    // Shared with the reporting thread.
    std::mutex mutex;
    std::condition_variable changed;
    std::optional<Facts> pending;
    bool ask_printer_now = false;
    bool stopping = false;

    // Reporting thread only (and the destructor, after the join).
    std::optional<hw::PrinterCondition> printer;
    TimePoint printer_asked_at{};
    fleet::Counters saved;
    TimePoint saved_at{};
    bool write_failing = false, save_failing = false;
    std::thread thread;

    void publish(bool printer_now) {
        published = facts;
        published_at = Clock::now();
        {
            std::lock_guard lock(mutex);
            pending = facts;  // the latest wins: a backlog would only repeat itself
            ask_printer_now = ask_printer_now || printer_now;
        }
        changed.notify_one();
    }

    void run() {
        std::unique_lock lock(mutex);
        auto next_wake = Clock::now() + settings.interval;
        while (!stopping) {
            changed.wait_until(lock, next_wake, [this] { return stopping || pending.has_value(); });
            if (stopping) break;
            if (pending) {
                const Facts snapshot = std::move(*pending);
                pending.reset();
                const bool printer_now = std::exchange(ask_printer_now, false);
                lock.unlock();
                report(snapshot, true, printer_now);
                lock.lock();
                next_wake = Clock::now() + settings.interval;
            } else if (Clock::now() >= next_wake) {
                lock.unlock();
                if (!settings.dir.empty() || persist_counters) wake();
                lock.lock();
                next_wake = Clock::now() + settings.interval;
            }
        }
    }

    void report(const Facts& f, bool up, bool printer_now) {
        const auto now = Clock::now();
        if (!settings.dir.empty()) {
            if (up && (printer_now || !printer || now - printer_asked_at >= settings.interval)) {
                const auto condition = hw::printer_condition(print_queue);
                if (condition != printer)
                    log(condition == hw::PrinterCondition::ok ? Severity::info : Severity::warning, "printer",
                        "queue " + print_queue + ": " + hw::to_string(condition));
                printer = condition;
                printer_asked_at = now;
            }
            fleet::MetricsSnapshot s;
            s.up = up;
            s.ready = f.ready;
            s.card_service = f.card_service;
            s.reader_present = f.reader_present;
            s.triage = f.triage;
            s.printer = printer;
            s.counters = f.counters;
            s.content_version = f.content_version;
            const auto crls = hw::summarize_crl_cache(crl_cache_dir);
            s.crls_cached = crls.count;
            s.oldest_crl_this_update = crls.oldest_this_update;
            // The content-update job (a systemd timer) leaves its last result here.
            if (const auto update = content::read_update_status(content::update_status_path(settings.state_dir)))
                s.content_update = fleet::ContentUpdateReport{content::to_string(update->result), update->last_attempt};
            s.version = EIMZA_VERSION;
            s.started_at = started_at;
            s.now = std::chrono::system_clock::now();
            std::string error;
            const bool written = fleet::write_metrics(settings.dir, fleet::render_metrics(s), error);
            if (!written && !write_failing) log_error("metrics", error);  // once, not every refresh
            write_failing = !written;
        }
        if (persist_counters && f.counters != saved && (!up || now - saved_at >= settings.interval)) {
            std::string error;
            const bool ok = fleet::save_counters(settings.state_dir, f.counters, error);
            if (ok) {
                saved = f.counters;
                saved_at = now;
            } else if (!save_failing) {
                log_error("counters", error);
            }
            save_failing = !ok;
        }
    }
};

FleetReporting::FleetReporting(const Settings& config, const std::string& metrics_dir, std::function<void()> wake)
    : impl_(std::make_unique<Impl>()) {
    Impl& impl = *impl_;
    impl.settings = config.metrics;
    impl.print_queue = config.printing.queue;
    impl.crl_cache_dir = config.verdict.revocation.crl_cache_dir;
    if (!metrics_dir.empty()) impl.settings.dir = metrics_dir;
    impl.wake = std::move(wake);

    std::error_code ec;
    impl.persist_counters = std::filesystem::is_directory(impl.settings.state_dir, ec);
    if (impl.persist_counters) {
        impl.saved = impl.facts.counters = fleet::load_counters(impl.settings.state_dir);
    } else {
        log_info("counters", impl.settings.state_dir.string() + " does not exist: counts are not kept across restarts");
    }
    if (!impl.settings.dir.empty())
        log_info("metrics", "writing " + (impl.settings.dir / fleet::kMetricsFile).string() + " every " +
                                std::to_string(impl.settings.interval.count()) + " s");
    impl.thread = std::thread([&impl] { impl.run(); });
}

FleetReporting::~FleetReporting() {
    Impl& impl = *impl_;
    {
        std::lock_guard lock(impl.mutex);
        impl.stopping = true;
    }
    impl.changed.notify_one();
    impl.thread.join();
    impl.report(impl.facts, false, false);
}

namespace {

// The journal hears of every triage that says something is wrong, and of
// the reader chain working again after R01..R03; not of each card coming
// and going (ok <-> R04), which is the kiosk in use.
void log_triage(const std::optional<hw::Triage>& before, const std::optional<hw::Triage>& now) {
    if (!now || before == now) return;
    const bool failure = hw::triage_failure(now->code);
    const bool chain_was_broken = before && hw::triage_failure(before->code) && !hw::triage_card_failure(before->code);
    if (!failure && !chain_was_broken) return;
    const std::string code = hw::triage_code(now->code);
    log(failure ? Severity::warning : Severity::info, "triage",
        code + " " + hw::triage_name(now->code) + (now->detail.empty() ? "" : ": " + now->detail),
        {{"EIMZA_TRIAGE", code}});
}

}  // namespace

void FleetReporting::after_update(const State& state, const Event& event) {
    Impl& impl = *impl_;
    auto triage = reader_triage(state);
    log_triage(impl.last_triage, triage);
    impl.facts.triage = triage ? std::optional(triage->code) : std::nullopt;
    // "Checking" in between (pcscd back, its readers not yet listed) must not
    // hide that the chain was broken before: the recovery is still logged.
    if (triage) impl.last_triage = std::move(triage);
    const fleet::Observed observed = fleet::observe(state);
    fleet::count(impl.facts.counters, impl.last_observed, observed, event);
    impl.last_observed = observed;
    impl.facts.card_service = state.reader_service == ReaderService::ok;
    impl.facts.reader_present = !state.readers.empty();
    impl.facts.content_version = state.content ? state.content->version : "";
    // A print run just ended: the printer's condition may have changed with it.
    const bool printed = std::holds_alternative<PrintFinished>(event);
    if (impl.facts != impl.published || printed || Clock::now() - impl.published_at >= impl.settings.interval)
        impl.publish(printed);
}

void FleetReporting::ready() {
    impl_->facts.ready = true;
    impl_->publish(false);
}

}  // namespace eimza::app
