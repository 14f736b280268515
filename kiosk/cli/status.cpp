// eimza-kiosk status: waits for a card, reads it through the same path the
// kiosk uses, and prints the snapshot and verdict.
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <optional>

#include "hw/token/reader_monitor.h"
#include "hw/token/reader_triage.h"
#include "kiosk/cli/inspection_options.h"
#include "kiosk/cli/options.h"
#include "kiosk/cli/json_output.h"
#include "kiosk/inspection/inspection.h"
#include "kiosk/base/log.h"

namespace eimza::cli {

namespace {

constexpr int kRead = 0, kUsage = 2, kNoCard = 3, kUnreadable = 4, kNoService = 5;

void usage(std::FILE* stream) {
    std::fprintf(stream,
                 "Usage: eimza-kiosk status [--reader NAME] [--wait SECONDS] [--json] [--config FILE]\n"
                 "                          [--trust FILE|DIR]... [--allow-host HOST]... [--offline]\n"
                 "--trust: PEM or DER certificate files (a PEM file may hold several) or directories.\n"
                 "Waits for a card, reads it (no PIN, no login) and prints what the kiosk would show.\n"
                 "Exit codes: 0 read, 2 usage/config error, 3 no card within the wait,\n"
                 "            4 unreadable card, 5 PC/SC service unavailable.\n");
}

void print_text(const Inspection& inspection, const Texts& texts) {
    const auto& s = inspection.snapshot;
    const auto& v = inspection.verdict;
    std::printf("reader:   %s\natr:      %s (%s)\ntoken:    %s / %s / %s, serial %s\nmodule:   %s\n",
                s.reader.c_str(), hw::to_hex(s.atr).c_str(), s.card_name.empty() ? "unknown card" : s.card_name.c_str(),
                s.label.c_str(), s.manufacturer.c_str(), s.model.c_str(), s.serial.c_str(), s.module.c_str());
    std::printf("pin:      %s\nverdict:  %s -> %s\n", hw::to_string(s.pin), hw::to_string(v.overall),
                hw::to_string(v.recommended_process));
    if (v.holder)
        std::printf("holder:   %s, TCKN %s%s\n", v.holder->name.c_str(), v.holder->tckn_masked.c_str(),
                    v.holder->tckn_checksum_ok ? "" : " (checksum fails)");
    for (const auto& c : v.certificates) print_certificate(c, texts);
    for (const auto& r : v.reasons) std::printf("reason:   %s\n", format(texts.get(r.key, Lang::tr), r.values).c_str());
    for (const auto& w : v.warnings) std::printf("warning:  %s\n", format(texts.get(w.key, Lang::tr), w.values).c_str());
}

}  // namespace

int status(const Args& args) {
    std::string reader_filter;
    InspectionOptions inspection_options;
    double wait_seconds = 10;
    bool json_output = false;
    CLI::App options{"", "status"};
    options.add_option("--reader", reader_filter);
    options.add_option("--wait", wait_seconds);
    options.add_flag("--json", json_output);
    inspection_options.add_to(options);
    if (const auto exit = parse_options(options, args, usage)) return *exit;

    Settings config;
    const auto settings = inspection_options.load(config);
    if (!settings) return kUsage;
    std::vector<std::string> trust_problems;
    Inspector inspector(*settings, trust_problems);
    for (const auto& p : trust_problems) log_warning("trust", p);
    std::vector<TextProblem> text_problems;
    const Texts texts = Texts::load(resolve_assets_dir(config) / "i18n", text_problems);

    // Collect monitor events and take the first card in a matching reader.
    std::mutex mutex;
    std::condition_variable changed;
    std::optional<hw::ReaderEvent> card;
    bool service_seen = false, service_lost = false;
    std::vector<std::string> readers;
    hw::ReaderMonitor monitor(
        [&](const hw::ReaderEvent& event) {
            std::lock_guard lock(mutex);
            if (event.kind == hw::ReaderEvent::Kind::service_back) service_seen = true;
            if (event.kind == hw::ReaderEvent::Kind::service_lost) service_lost = true;
            if (event.kind == hw::ReaderEvent::Kind::reader_added) readers.push_back(event.reader);
            if (event.kind == hw::ReaderEvent::Kind::reader_removed) std::erase(readers, event.reader);
            if (event.kind == hw::ReaderEvent::Kind::card_inserted && !card &&
                (reader_filter.empty() || event.reader == reader_filter))
                card = event;
            changed.notify_all();
        },
        hw::make_pcsc_lite_api());
    monitor.start();
    {
        std::unique_lock lock(mutex);
        changed.wait_for(lock, std::chrono::duration<double>(wait_seconds), [&] { return card.has_value(); });
    }
    monitor.stop();
    if (!card) {
        const bool answers = service_seen && !service_lost;
        const hw::Triage triage = hw::triage_readers(answers, readers, hw::scan_readers());
        if (!answers) std::fprintf(stderr, "status: PC/SC service unavailable (is pcscd running?)\n");
        else std::fprintf(stderr, "status: no card within %.0f s\n", wait_seconds);
        std::fprintf(stderr, "status: triage %s: %s\n", hw::triage_code(triage.code), triage.detail.c_str());
        return answers ? kNoCard : kNoService;
    }

    // A mute card has nothing to read; anything else is read as the kiosk would.
    auto result = card->mute ? std::variant<Inspection, hw::ReadFailure>(hw::ReadFailure::unreadable)
                             : inspector.inspect({card->reader, card->atr, card->card_events});
    if (auto* failure = std::get_if<hw::ReadFailure>(&result)) {
        const char* why = *failure == hw::ReadFailure::no_module ? "no PKCS#11 module could read it"
                          : *failure == hw::ReadFailure::removed ? "the card was removed"
                          : card->mute                           ? "the card did not answer its reset"
                                                                 : "the card answered nothing usable";
        // The same code the kiosk's screen and journal would give (docs/reader-triage.md).
        const hw::Triage triage = card->mute ? hw::triage_mute_card(card->reader)
                                             : hw::triage_read_failure(*failure, card->atr, inspector.catalog());
        if (json_output) {
            nlohmann::json out{{"token", {{"reader", card->reader}, {"atr", hw::to_hex(card->atr)}}},
                               {"verdict", "unreadable"},
                               {"error", why},
                               {"triage", {{"code", hw::triage_code(triage.code)}, {"detail", triage.detail}}}};
            std::printf("%s\n", out.dump(2).c_str());
        } else {
            std::fprintf(stderr, "status: unreadable card in %s: %s\nstatus: triage %s: %s\n", card->reader.c_str(), why,
                         hw::triage_code(triage.code), triage.detail.c_str());
        }
        return kUnreadable;
    }
    auto& inspection = std::get<Inspection>(result);
    // Revocation off: the verdict says why rather than "checking" forever.
    inspection.verdict = inspector.judge_with_revocation(inspection.snapshot.certificates, inspection.snapshot.pin,
                                                         std::chrono::system_clock::now());
    if (json_output) {
        nlohmann::json out;
        out["token"] = token_to_json(inspection.snapshot);
        add_verdict(out, inspection.verdict, texts, std::chrono::system_clock::now());
        std::printf("%s\n", out.dump(2).c_str());
    } else {
        print_text(inspection, texts);
    }
    return kRead;
}

}  // namespace eimza::cli
