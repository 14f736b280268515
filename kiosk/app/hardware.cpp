#include "kiosk/app/hardware.h"

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>
#include <variant>

#include "hw/base/overloaded.h"
#include "hw/base/time_text.h"
#include "hw/token/atr_catalog.h"
#include "hw/token/reader_monitor.h"
#include "hw/token/reader_triage.h"
#include "kiosk/admin/admin_pin.h"
#include "kiosk/admin/diagnostics.h"
#include "kiosk/admin/test_page.h"
#include "kiosk/app/demo_stack.h"
#include "kiosk/app/worker.h"
#include "kiosk/content/content_store.h"
#include "kiosk/inspection/inspection.h"
#include "kiosk/base/log.h"
#include "kiosk/model/state.h"
#include "kiosk/documents/documents.h"
#include "kiosk/documents/form_mail.h"

namespace eimza::app {

namespace {

// Demo mode trusts the demo cards' own test PKI, so their verdicts are
// meaningful; a production kiosk trusts only what IT installed.
InspectionSettings settings_for(const Settings& config, bool demo) {
    InspectionSettings settings = inspection_settings(config);
    if (demo) {
        const char* dir = std::getenv("EIMZA_VCARD_DIR");
        const std::filesystem::path pki = std::filesystem::path(dir ? dir : "/run/eimza-vcard") / "pki";
        settings.extra_trust = {(pki / "root.pem").string()};
        settings.verdict.intermediates_dir = (pki / "ca.pem").string();
        // The demo stack's own OCSP responder and CRL server (tests/vcard/stack.sh).
        settings.verdict.revocation.allowed_hosts.push_back("127.0.0.1:18888");
        settings.verdict.revocation.allowed_hosts.push_back("127.0.0.1:18889");
    }
    return settings;
}

// Reads not yet answered, by generation. Shared with the timeout threads,
// which may outlive the Hardware; once closed, nothing more is answered.
struct PendingReads {
    std::mutex mutex;
    std::set<std::uint64_t> generations;
    bool closed = false;

    void add(std::uint64_t generation) {
        std::lock_guard lock(mutex);
        generations.insert(generation);
    }
    // True for the first of "result" and "timeout"; the other is dropped.
    bool settle(std::uint64_t generation) {
        std::lock_guard lock(mutex);
        return !closed && generations.erase(generation) == 1;
    }
    void close() {
        std::lock_guard lock(mutex);
        closed = true;
    }
    bool is_closed() {
        std::lock_guard lock(mutex);
        return closed;
    }
};

}  // namespace

struct Hardware::Impl {
    Impl(const Settings& c, bool d, EventSink s) : config(c), demo(d), sink(std::move(s)) {}

    Settings config;
    bool demo;
    EventSink sink;
    bool demo_stack_running = false;
    std::unique_ptr<Inspector> inspector;
    std::unique_ptr<hw::ReaderMonitor> monitor;
    std::shared_ptr<PendingReads> pending = std::make_shared<PendingReads>();
    int read_timeout_ms = 8000;
    // Shared with the timeout threads, which may outlive the Hardware.
    std::shared_ptr<const hw::AtrCatalog> catalog;
    Worker reader_worker;  // one card at a time, in order
    Worker scan_worker;    // the reader triage's look at the bus: file reads, never on the UI thread
    Worker demo_worker;    // card.sh calls take a moment; never on the UI thread
    Worker revocation_worker;  // network: kept apart so card reads never wait on it
    Worker print_worker;
    Worker admin_worker;  // PIN hashing and IT's actions: slow, never on the UI thread

    AdminTaskDone run_admin_task(const RunAdminTask& job);
};

AdminTaskDone Hardware::Impl::run_admin_task(const RunAdminTask& job) {
    AdminTaskDone done{job.task, true, {}, nullptr, nullptr};
    switch (job.task) {
        case AdminTask::refresh_diagnostics:
            break;
        case AdminTask::print_test_page: {
            const hw::Bytes pdf = admin::test_page_pdf(config.printing.queue, local_time_text(std::chrono::system_clock::now(), "%Y-%m-%d %H:%M:%S"));
            const auto outcome = pdf.empty() ? hw::PrintOutcome::failed
                                               : hw::print_documents(config.printing, {{"eimza-kiosk test page", pdf}},
                                                                   [](const hw::PrintProgress&) {});
            done.ok = outcome == hw::PrintOutcome::completed;
            done.result = {std::string("admin.result.test_page.") + hw::to_string(outcome), {}};
            break;
        }
        case AdminTask::reload_content: {
            auto loaded = content::load_for_kiosk(config.content, resolve_assets_dir(config) / "content");
            done.ok = loaded.content && loaded.problems.empty();
            done.result = {"admin.result.content",
                           {{"version", loaded.content ? loaded.content->version : std::string("-")},
                            {"source", loaded.source.string()},
                            {"problems", std::to_string(loaded.problems.size())}}};
            done.content = std::move(loaded.content);
            break;
        }
        case AdminTask::refresh_crls: {
            std::vector<std::string> failures;
            const int renewed = inspector->revocation_checker().refresh_crl_cache(failures);
            done.ok = failures.empty();
            std::string failed;
            for (const auto& f : failures) failed += (failed.empty() ? "" : "; ") + f;
            done.result = {failures.empty() ? "admin.result.crls" : "admin.result.crls_failed",
                           {{"n", std::to_string(renewed)}, {"failed", std::to_string(failures.size())}, {"failures", failed}}};
            break;
        }
        case AdminTask::clear_crls:
            inspector->revocation_checker().clear_crl_cache();
            done.result = {"admin.result.crls_cleared", {}};
            break;
    }
    if (!done.result.key.empty()) {
        // The journal is IT's: the text's key and values, in no language.
        std::string line = done.result.key;
        for (const auto& [name, value] : done.result.values) line += " " + name + "=" + value;
        (done.ok ? log_info : log_warning)("admin", line);
    }
    const auto& settings = inspector->settings();
    admin::DiagnosticsSources sources;
    sources.print_queue = config.printing.queue;
    sources.trust_dir = settings.verdict.trust_dir;
    sources.crl_cache_dir = settings.verdict.revocation.crl_cache_dir;
    std::error_code ec;
    sources.state_dir = std::filesystem::is_directory("/var/lib/eimza-kiosk", ec) ? "/var/lib/eimza-kiosk" : "/";
    sources.token = settings.token;
    sources.last_atr = job.last_atr;
    done.diagnostics = std::make_shared<const admin::Diagnostics>(admin::collect_diagnostics(sources));
    return done;
}

Hardware::Hardware(const Settings& config, bool demo, EventSink sink)
    : impl_(std::make_unique<Impl>(config, demo, std::move(sink))) {}

Hardware::~Hardware() {
    impl_->pending->close();
    if (impl_->monitor) impl_->monitor->stop();
    if (impl_->demo_stack_running) stop_demo_stack();
}

void Hardware::start() {
    if (impl_->demo) {
        std::string error;
        impl_->demo_stack_running = start_demo_stack(error);
        if (!impl_->demo_stack_running) log_warning("demo", error);
    }
    const InspectionSettings settings = settings_for(impl_->config, impl_->demo);
    impl_->read_timeout_ms = settings.token.read_timeout_ms;
    impl_->catalog = std::make_shared<const hw::AtrCatalog>(settings.token);
    std::vector<std::string> problems;
    impl_->inspector = std::make_unique<Inspector>(settings, problems);
    for (const auto& p : problems) log_warning("trust", p);
    impl_->monitor = std::make_unique<hw::ReaderMonitor>(
        [sink = impl_->sink](const hw::ReaderEvent& event) {
            // Reader names and ATRs are not personal; they help IT.
            if (event.kind == hw::ReaderEvent::Kind::service_lost) log_warning("pcsc", "card service lost");
            if (event.kind == hw::ReaderEvent::Kind::service_back) log_info("pcsc", "card service available");
            if (event.kind == hw::ReaderEvent::Kind::card_inserted)
                log_info("pcsc", "card inserted in " + event.reader +
                                     (event.mute ? std::string(", mute (no ATR)") : ", ATR " + hw::to_hex(event.atr)));
            sink(event);
        },
        hw::make_pcsc_lite_api());
    impl_->monitor->start();
}

void Hardware::execute(const Command& command) {
    Impl& impl = *impl_;
    std::visit(Overloaded{
        [&](const RunDemoCard& demo) {
            impl.demo_worker.post([profile = demo.profile] {
                std::string error;
                if (!demo_card(profile, error)) log_warning("demo", error);
            });
        },
        [&](const ReadToken& read) {
            impl.pending->add(read.generation);
            // A card that stops answering must not leave the person waiting:
            // after the timeout the read counts as unreadable, whatever it does.
            std::thread([pending = impl.pending, generation = read.generation, timeout = impl.read_timeout_ms,
                         sink = impl.sink, catalog = impl.catalog, atr = read.card.atr] {
                std::this_thread::sleep_for(std::chrono::milliseconds(timeout));
                if (pending->settle(generation)) {
                    auto triage = hw::triage_read_failure(hw::ReadFailure::timed_out, atr, *catalog, timeout);
                    log(Severity::warning, "token", "card read timed out",
                        {{"EIMZA_TRIAGE", hw::triage_code(triage.code)}});
                    sink(TokenReadFailed{generation, hw::ReadFailure::timed_out, std::move(triage)});
                }
            }).detach();
            impl.reader_worker.post([&impl, job = read] {
                const auto started = std::chrono::steady_clock::now();
                auto result = impl.inspector->inspect(job.card);
                if (!impl.pending->settle(job.generation)) return;
                const auto ms =
                    std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
                if (auto* failure = std::get_if<hw::ReadFailure>(&result)) {
                    auto triage = hw::triage_read_failure(*failure, job.card.atr, *impl.catalog);
                    if (*failure != hw::ReadFailure::removed)
                        log(Severity::warning, "token", "card could not be read",
                            {{"EIMZA_TRIAGE", hw::triage_code(triage.code)}});
                    impl.sink(TokenReadFailed{job.generation, *failure, std::move(triage)});
                    return;
                }
                auto& inspection = std::get<Inspection>(result);
                log_info("token", "read in " + std::to_string(ms) + " ms: verdict " +
                                      hw::to_string(inspection.verdict.overall) + ", PIN " +
                                      hw::to_string(inspection.snapshot.pin));
                impl.sink(TokenReadDone{job.generation, std::move(inspection.snapshot), std::move(inspection.verdict)});
            });
        },
        [&](const CheckRevocation& check) {
            impl.revocation_worker.post([&impl, job = check, pending = impl.pending] {
                auto verdict = impl.inspector->judge_with_revocation(job.certificates, job.pin, std::chrono::system_clock::now());
                log_info("revocation", std::string("answer: ") + (verdict.certificates.empty()
                                                                       ? "none"
                                                                       : hw::to_string(verdict.certificates[0].revocation.status)));
                if (!pending->is_closed()) impl.sink(VerdictUpdated{job.generation, std::move(verdict)});
            });
        },
        [&](const StartPrint& print) {
            impl.print_worker.post([&impl, job = print, pending = impl.pending]() mutable {
                documents::Request& request = job.request;
                auto docs = documents::generate(request);
                std::string form_mail;
                if (auto mail = documents::form_001_003_mail(request, docs); mail && job.send_form_mail) {
                    std::string detail;
                    const hw::MailOutcome sent = hw::send_mail(impl.config.mail, *mail, detail);
                    form_mail = hw::to_string(sent);
                    // For IT: the outcome and the relay's reason; never the address.
                    if (sent == hw::MailOutcome::failed || sent == hw::MailOutcome::bad_address)
                        log_error("mail", std::string("FORM-001-003 not sent: ") + form_mail + " (" + detail + ")");
                    else
                        log_info("mail", std::string("FORM-001-003: ") + form_mail);
                    wipe(mail->to);
                    wipe(mail->body);
                    for (auto& a : mail->attachments) std::fill(a.data.begin(), a.data.end(), 0);
                }
                wipe(request.person);
                std::vector<hw::PrintDocument> pdfs;
                for (auto& d : docs)
                    if (d.mime == "application/pdf") pdfs.push_back({d.title, std::move(d.data), d.pages});
                hw::PrintOutcome outcome = hw::PrintOutcome::failed;
                std::string detail;
                int pages = 0;
                if (!pdfs.empty())
                    outcome = hw::print_documents(impl.config.printing, pdfs, [&detail, &pages](const hw::PrintProgress& p) {
                        if (p.stage != hw::PrintProgress::Stage::done) return;
                        detail = p.detail;
                        pages = p.pages_printed;
                    });
                // For IT: what happened and the printer's reasons; nothing personal.
                if (outcome == hw::PrintOutcome::completed)
                    log_info("print", std::to_string(pdfs.size()) + " documents (" + std::to_string(pages) +
                                          " pages) printed for " + request.process_id);
                else
                    log_error("print", std::string("printing failed: ") + hw::to_string(outcome) + " (" + detail + ")");
                if (!pending->is_closed())
                    impl.sink(PrintFinished{outcome == hw::PrintOutcome::completed,
                                            pdfs.empty() ? "no_documents" : hw::to_string(outcome), pages, form_mail});
            });
        },
        [&](const CheckAdminPin& pin) {
            impl.admin_worker.post([&impl, job = pin, pending = impl.pending]() mutable {
                const bool ok = admin::verify_pin(job.pin, impl.config.admin.pin_hash);
                std::fill(job.pin.begin(), job.pin.end(), '\0');
                if (!pending->is_closed()) impl.sink(AdminPinChecked{ok});
            });
        },
        [&](const RunAdminTask& task) {
            impl.admin_worker.post([&impl, job = task, pending = impl.pending] {
                auto done = impl.run_admin_task(job);
                if (!pending->is_closed()) impl.sink(std::move(done));
            });
        },
        [&](const ScanReaders&) {
            impl.scan_worker.post([&impl, pending = impl.pending] {
                auto scan = hw::scan_readers();
                if (!pending->is_closed()) impl.sink(ReadersScanned{std::move(scan)});
            });
        },
        [&](const CancelTokenRead& cancel) {
            // PKCS#11 cannot abort a call in flight; its answer is dropped instead.
            impl.pending->settle(cancel.generation);
        },
    }, command);
}

}  // namespace eimza::app
