#pragma once
// Everything the kiosk shows is a function of this State. It changes only
// through update() (kiosk/model/update.h).
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "hw/cert/verdict.h"
#include "hw/token/reader_triage.h"
#include "hw/token/token_snapshot.h"
#include "kiosk/content/content.h"
#include "kiosk/model/accessibility.h"
#include "kiosk/model/actions.h"
#include "kiosk/base/i18n.h"
#include "kiosk/model/person.h"

// Gathered by a worker from disk, CUPS and the kernel (kiosk/admin/diagnostics.h):
// the model only holds it for the admin screen.
namespace eimza::admin {
struct Diagnostics;
}

namespace eimza {

using Clock = std::chrono::steady_clock;
using TimePoint = Clock::time_point;

// screens/frame.cpp draws each from its row of one table, in this order (admin last).
enum class ScreenId { home, token, processes, process, details, printing, admin_pin, admin };

// Printing as the person sees it: under way, done, or what went wrong.
struct PrintStatus {
    enum class Stage { printing, done, failed } stage = Stage::printing;
    std::string outcome;  // hw::to_string(PrintOutcome) when failed
    std::string form_mail;  // hw::to_string(MailOutcome) of FORM-001-003; empty: none on this route
};

// The on-screen form's editing state (which field has the keyboard).
struct FormState {
    int focused = 0;
    bool shift = false;
    // After "show what is missing": every problem is marked, empty required
    // fields too (before, an empty field is not yet an error).
    bool show_problems = false;
};

// A person walking through one process: the steps seen so far (the last is
// the current one) and what they answered.
struct ProcessSession {
    std::string id;
    std::vector<std::string> path;
    std::optional<PersonRole> role;
};

// The PC/SC service as the reader monitor last reported it.
enum class ReaderService { starting, ok, unavailable };

// How the read of the inserted card stands: under way, read (with its
// verdict), or failed. Each outcome carries only what it has.
struct TokenReading {};
struct TokenReady {
    hw::TokenSnapshot snapshot;
    hw::Verdict verdict;
    // While a revocation lookup is under way: when the screen stops waiting
    // for it and says "not confirmed" instead (a later answer still counts).
    std::optional<TimePoint> revocation_deadline;
};
struct TokenFailed {
    hw::ReadFailure failure;
    hw::Triage triage;  // why, R05..R08 (docs/reader-triage.md)
};
using TokenRead = std::variant<TokenReading, TokenReady, TokenFailed>;

// The card inserted for this session.
struct TokenSession {
    std::uint64_t generation = 0;  // tells a stale read result from the current one
    std::string reader;
    hw::Bytes atr;
    TimePoint inserted_at{};
    // The card did not answer its reset: nothing is read, and after
    // kMuteGrace it is told as R05 unless it has left by then.
    bool mute = false;
    TokenRead read;

    bool reading() const { return std::holds_alternative<TokenReading>(read); }
    const TokenReady* ready() const { return std::get_if<TokenReady>(&read); }
    TokenReady* ready() { return std::get_if<TokenReady>(&read); }
    const TokenFailed* failed() const { return std::get_if<TokenFailed>(&read); }
};

// Everything of one person's visit, and nothing else: ending the session is
// dropping this value, so a field added here is wiped with the rest. It
// begins with the first thing the person does that is theirs (a card, a
// language, a process) and ends on card removal, idle timeout and Home.
struct Session {
    explicit Session(Lang chosen) : lang(chosen) {}
    Session(const Session&) = default;
    Session(Session&&) = default;
    Session& operator=(const Session&) = default;
    Session& operator=(Session&&) = default;
    // Every copy of the person's details is overwritten as it dies, so the
    // old text does not linger in freed heap memory.
    ~Session() { wipe(person); }

    Lang lang;
    Accessibility access;
    std::optional<TokenSession> token;
    bool tckn_revealed = false;
    std::optional<ProcessSession> process;
    Person person;
    FormState form;
    std::optional<PrintStatus> printing;
};

// The readers as the USB bus and the drivers' lists show them. Asked while
// PC/SC lists no reader, to tell no reader (R01), an unsupported one (R02)
// and pcscd (R03) apart, and asked again every kReaderRescan until a reader
// is listed, since plugging in a reader no driver takes tells PC/SC nothing.
struct ReaderScanState {
    std::optional<hw::ReaderScan> result;  // nullopt: not known since readers went missing
    // Answers since readers went missing or pcscd came back. pcscd takes a
    // moment to list a reader it has just found (or found again after a
    // restart): a supported reader it does not list is R03 only on a later look.
    int answers = 0;
    bool running = false;
    TimePoint asked_at{};
};

// IT's visit to the admin screens (hidden entry on Home, admin PIN); it ends
// by dropping this value. The PIN typed so far is held only until it is
// handed to the checker.
struct AdminSession {
    std::string entered;
    bool checking = false;
    bool wrong = false;
    bool unlocked = false;
    std::optional<AdminTask> running;
    hw::Reason last_result;  // what the last action did, in IT's words (no key: none yet)
    std::shared_ptr<const admin::Diagnostics> diagnostics;
};

struct AdminPolicy {
    bool enabled = false;  // a PIN hash is configured
    std::chrono::seconds hold{4};
    // Wrong PINs in a row and the lockout they earned (kiosk/admin/admin_pin.h).
    int failures = 0;
    TimePoint locked_until{};
};

// The last card seen, for IT: its ATR and how the read ended. Nothing the
// card holds is kept.
struct LastCard {
    hw::Bytes atr;
    std::string reader;
    std::string outcome;  // "read", "mute", or a hw::ReadFailure name
    std::optional<hw::Triage> triage{};  // a failed read's
};

struct IdlePolicy {
    std::chrono::seconds timeout{120};
    std::chrono::seconds countdown{30};
};

struct State {
    // false on the generic image before IT provisioned it (site.configured):
    // the kiosk shows that it is not set up and nothing else.
    bool site_configured = true;
    std::string site_name;  // site.name, for IT
    // site.data_controller: the KVKK data controller the details form
    // names; empty when the hospital has not said who it is.
    std::string site_data_controller;
    ScreenId screen = ScreenId::home;
    Lang default_lang = Lang::tr;
    DisplayMode default_mode = DisplayMode::normal;  // IT's choice (kiosk.display.mode)
    bool demo = false;

    ReaderService reader_service = ReaderService::starting;
    std::vector<std::string> readers;
    ReaderScanState reader_scan;
    // Readers holding a card right now. Kept apart from the session so that
    // a card left behind after the idle wipe can still be pointed out.
    std::vector<std::string> cards_present;
    std::uint64_t last_generation = 0;

    IdlePolicy idle;
    TimePoint last_activity{};
    // How long "Checking…" may show before the verdict says revocation
    // could not be confirmed (from the revocation timeout in the config).
    std::chrono::milliseconds revocation_wait{7000};

    // The validated content (immutable, shared).
    std::shared_ptr<const content::Content> content;
    content::LostStolenRoute lost_stolen_route = content::LostStolenRoute::ankara;  // configuration

    // The person's visit: everything personal lives here and nowhere else.
    std::optional<Session> session;
    bool form_mail_enabled = false;  // configuration: FORM-001-003 is e-mailed through the relay

    AdminPolicy admin_policy;
    std::optional<AdminSession> admin;
    std::optional<LastCard> last_card;
    bool restart_requested = false;  // IT asked the app to restart (systemd starts it again)

    // The language on screen: the person's choice, else the default.
    Lang lang() const { return session ? session->lang : default_lang; }
    // The display mode on screen: the person's choice, else IT's default.
    DisplayMode display_mode() const { return session && session->access.mode ? *session->access.mode : default_mode; }
    bool guide() const { return session && session->access.guide; }
    // The session's card, if a session holds one.
    const TokenSession* token() const { return session && session->token ? &*session->token : nullptr; }
    TokenSession* token() { return session && session->token ? &*session->token : nullptr; }

    // True while nothing personal is held and nothing is in progress: the
    // kiosk can sleep until the next hardware event or touch.
    bool at_rest() const;
    // When update() next needs a tick even without events (idle countdown,
    // the ~150 ms reading spinner threshold); nullopt when none is pending.
    std::optional<TimePoint> next_deadline(TimePoint now) const;
    // Seconds left on the idle countdown, when it is showing.
    std::optional<int> idle_countdown_left(TimePoint now) const;
};

// How long a read may take before the screen shows a spinner: shorter
// reads feel instant and a flashing spinner would only distract.
inline constexpr std::chrono::milliseconds kSpinnerDelay{150};

// A card pulled while pcscd resets it reads as mute until pcscd sees it
// gone; only a card that stays mute this long is told it was not recognised.
inline constexpr std::chrono::seconds kMuteGrace{2};

// How often the bus is looked at again while no reader works.
inline constexpr std::chrono::seconds kReaderRescan{3};

// The reader triage the State shows now (hw/token/reader_triage.h): R04 at
// rest, R01..R03 while no reader works, R05..R08 for a card that failed, ok
// while a card is in and read. nullopt until pcscd has been heard from and,
// with no reader listed, the bus looked at.
std::optional<hw::Triage> reader_triage(const State& state);

}  // namespace eimza
