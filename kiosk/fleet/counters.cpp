#include "kiosk/fleet/counters.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

#include "kiosk/base/durable_file.h"
#include "kiosk/base/log.h"
#include "kiosk/model/process_flow.h"

namespace eimza::fleet {

namespace {

constexpr const char* kFileName = "counters";

std::size_t index(hw::Overall overall) { return static_cast<std::size_t>(overall); }

bool valid_name(std::string_view name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
    });
}

}  // namespace

Observed observe(const State& state) {
    Observed o;
    o.at_rest = state.at_rest();
    if (const auto triage = reader_triage(state)) o.triage = triage->code;
    if (const TokenSession* token = state.token()) {
        o.generation = token->generation;
        o.read_failed = token->failed() != nullptr;
        if (const TokenReady* ready = token->ready()) {
            const hw::Verdict& verdict = ready->verdict;
            o.verdict = verdict.overall;
            o.verdict_pending = std::any_of(verdict.certificates.begin(), verdict.certificates.end(),
                                            [](const hw::CertificateVerdict& c) { return c.revocation.pending; });
        }
    }
    if (state.session && state.session->process) {
        o.process = state.session->process->id;
        const content::Step* step = current_step(state);
        o.on_last_step = step && step->next.empty() && step->answers.empty();
        o.printed = state.session->printing && state.session->printing->stage == PrintStatus::Stage::done;
    }
    return o;
}

void count(Counters& counters, const Observed& before, const Observed& after, const Event& event) {
    if (before.at_rest && !after.at_rest) ++counters.sessions;

    // A card read's verdict counts once, when it is settled: with the
    // revocation answer, or as it stood if the card left before one came.
    const bool same_card = before.generation == after.generation;
    auto settled = [](const Observed& o) { return o.verdict && !o.verdict_pending; };
    if (after.generation != 0 && settled(after) && !(same_card && settled(before)))
        ++counters.verdicts[index(*after.verdict)];
    if (!same_card && before.verdict && before.verdict_pending) ++counters.verdicts[index(*before.verdict)];
    if (after.read_failed && !(same_card && before.read_failed)) {
        ++counters.card_read_failures;
        if (after.triage && hw::triage_card_failure(*after.triage))
            ++counters.card_read_failures_by_code[static_cast<std::size_t>(*after.triage)];
    }

    if (before.process != after.process) {
        if (!before.process.empty() && (before.on_last_step || before.printed))
            ++counters.processes_finished[before.process];
        if (!after.process.empty()) ++counters.processes_started[after.process];
    }

    // Pages count from the printer's answer, even when the session it was
    // for has already ended.
    if (const auto* printed = std::get_if<PrintFinished>(&event)) {
        counters.pages_printed += static_cast<std::uint64_t>(std::max(0, printed->pages));
        if (!printed->ok) ++counters.print_failures;
    }
}

std::string serialize(const Counters& c) {
    std::ostringstream out;
    out << "# eimza-kiosk usage counters: anonymous totals, nothing personal\n";
    out << "sessions " << c.sessions << "\n";
    for (std::size_t i = 0; i < kOverallKinds; ++i)
        out << "verdict." << hw::to_string(static_cast<hw::Overall>(i)) << " " << c.verdicts[i] << "\n";
    for (const auto& [id, n] : c.processes_started) out << "process_started." << id << " " << n << "\n";
    for (const auto& [id, n] : c.processes_finished) out << "process_finished." << id << " " << n << "\n";
    out << "pages_printed " << c.pages_printed << "\n";
    out << "print_failures " << c.print_failures << "\n";
    out << "card_read_failures " << c.card_read_failures << "\n";
    for (const auto code : hw::kTriageCodes)
        if (hw::triage_card_failure(code))
            out << "card_read_failure." << hw::triage_name(code) << " " << c.read_failures(code) << "\n";
    return out.str();
}

std::optional<Counters> parse_counters(const std::string& text) {
    Counters c;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        const auto space = line.find(' ');
        if (space == std::string::npos) return std::nullopt;
        const std::string name = line.substr(0, space);
        const std::string_view digits = std::string_view(line).substr(space + 1);
        std::uint64_t value = 0;
        const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
        if (!valid_name(name) || digits.empty() || error != std::errc() || end != digits.data() + digits.size())
            return std::nullopt;
        if (name == "sessions") c.sessions = value;
        else if (name == "pages_printed") c.pages_printed = value;
        else if (name == "print_failures") c.print_failures = value;
        else if (name == "card_read_failures") c.card_read_failures = value;
        else if (name.starts_with("process_started.") && name.size() > 16) c.processes_started[name.substr(16)] = value;
        else if (name.starts_with("process_finished.") && name.size() > 17) c.processes_finished[name.substr(17)] = value;
        else if (name.starts_with("card_read_failure.")) {
            for (const auto code : hw::kTriageCodes)
                if (hw::triage_card_failure(code) && name.substr(18) == hw::triage_name(code))
                    c.card_read_failures_by_code[static_cast<std::size_t>(code)] = value;
        } else if (name.starts_with("verdict.")) {
            for (std::size_t i = 0; i < kOverallKinds; ++i)
                if (name.substr(8) == hw::to_string(static_cast<hw::Overall>(i))) c.verdicts[i] = value;
        }
    }
    return c;
}

Counters load_counters(const std::filesystem::path& state_dir) {
    const auto file = state_dir / kFileName;
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) {
        log_info("counters", "no " + file.string() + " yet: counting from zero");
        return {};
    }
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) {
        log_warning("counters", "cannot read " + file.string() + ": counting from zero");
        return {};
    }
    auto counters = parse_counters(text.str());
    if (!counters) {
        log_warning("counters", file.string() + " is corrupt: counting from zero");
        return {};
    }
    return *counters;
}

bool save_counters(const std::filesystem::path& state_dir, const Counters& counters, std::string& error) {
    return write_file_atomically(state_dir / kFileName, serialize(counters), 0644, error);
}

}  // namespace eimza::fleet
