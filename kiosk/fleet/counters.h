#pragma once
// Anonymous usage counters for IT: how often the kiosk is used and how it
// goes, never who used it. Counted by a pure function over consecutive
// States, kept in memory and saved to a small text file across restarts.
#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "hw/cert/verdict.h"
#include "hw/token/reader_triage.h"
#include "kiosk/model/events.h"
#include "kiosk/model/state.h"

namespace eimza::fleet {

inline constexpr std::size_t kOverallKinds = static_cast<std::size_t>(hw::Overall::unreadable) + 1;

struct Counters {
    std::uint64_t sessions = 0;                          // the kiosk left Home at rest
    std::array<std::uint64_t, kOverallKinds> verdicts{};  // by hw::Overall, once per card read
    std::map<std::string, std::uint64_t> processes_started;   // by process id
    std::map<std::string, std::uint64_t> processes_finished;  // left from the process's last step
    std::uint64_t pages_printed = 0;
    std::uint64_t print_failures = 0;
    std::uint64_t card_read_failures = 0;
    // The same failures by their triage code (R05..R08), by hw::TriageCode.
    std::array<std::uint64_t, std::size(hw::kTriageCodes)> card_read_failures_by_code{};

    std::uint64_t verdict(hw::Overall overall) const { return verdicts[static_cast<std::size_t>(overall)]; }
    std::uint64_t read_failures(hw::TriageCode code) const {
        return card_read_failures_by_code[static_cast<std::size_t>(code)];
    }
    bool operator==(const Counters&) const = default;
};

// What counting needs from a State, and nothing personal: comparing two of
// these is how a transition is recognised without keeping a copy of the
// State (which holds the person's details).
struct Observed {
    bool at_rest = true;
    std::uint64_t generation = 0;  // the card session; 0 when none
    bool read_failed = false;
    std::optional<hw::TriageCode> triage;  // reader_triage(), nullopt while not known
    std::optional<hw::Overall> verdict;
    bool verdict_pending = false;  // a revocation answer may still change it
    std::string process;           // the process under way, "" when none
    bool on_last_step = false;     // its current step ends the process
    bool printed = false;          // its papers came out: the kiosk's part is over
};

Observed observe(const State& state);

// Counts what happened between two States, before and after `event` went
// through update(). Pure.
void count(Counters& counters, const Observed& before, const Observed& after, const Event& event);

// The counters file: "name value" lines, e.g. "verdict.valid 12". A missing
// file gives zeros; a corrupt one gives nullopt (the caller starts at zero
// and says so). Names it does not know (a newer version's) are skipped.
std::string serialize(const Counters& counters);
std::optional<Counters> parse_counters(const std::string& text);

// Loads from state_dir/counters: zeros when the file is missing (said in
// the log) or unreadable or corrupt (a warning).
Counters load_counters(const std::filesystem::path& state_dir);
// Atomic and durable (fsync): a power cut leaves the old or the new file.
bool save_counters(const std::filesystem::path& state_dir, const Counters& counters, std::string& error);

}  // namespace eimza::fleet
