#pragma once
// Everything that can change the State: hardware reports, worker results,
// touches and the passing of time.
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
#include "kiosk/documents/route.h"
#include "kiosk/model/actions.h"
#include "kiosk/model/person.h"

namespace eimza::admin {
struct Diagnostics;  // kiosk/admin/diagnostics.h: gathered by a worker
}

namespace eimza {

struct Tick {};          // time passed; update() reads the clock it is given
struct UserActivity {};  // any touch, click or key: the person is still here

struct TokenReadDone {
    std::uint64_t generation;
    hw::TokenSnapshot snapshot;
    hw::Verdict verdict;  // computed at once from cached revocation answers
};
struct TokenReadFailed {
    std::uint64_t generation;
    hw::ReadFailure failure;
    hw::Triage triage{};  // why, for the person and IT (R05..R08)
};
// What the USB bus and the drivers showed of the readers (ScanReaders).
struct ReadersScanned {
    hw::ReaderScan scan;
};
// A revocation answer arrived: the verdict recomputed with it.
struct VerdictUpdated {
    std::uint64_t generation;
    hw::Verdict verdict;
};

struct PrintFinished {
    bool ok;
    std::string outcome;  // hw::to_string(PrintOutcome)
    int pages = 0;        // pages that came out, also when a later document failed
    std::string form_mail;  // hw::to_string(MailOutcome) of FORM-001-003 to the person; empty: none on this route
};

struct AdminPinChecked {
    bool ok;
};
struct AdminTaskDone {
    AdminTask task;
    bool ok;
    hw::Reason result;  // what it did, for IT and never personal: a text key and its values
    std::shared_ptr<const admin::Diagnostics> diagnostics;
    std::shared_ptr<const content::Content> content;  // reload_content: the content now in use
};

// A signed content update was installed and validated (the app loads it at rest).
struct ContentLoaded {
    std::shared_ptr<const content::Content> content;
};

using Event = std::variant<Tick, UserActivity, Action, hw::ReaderEvent, TokenReadDone, TokenReadFailed, VerdictUpdated,
                           PrintFinished, AdminPinChecked, AdminTaskDone, ContentLoaded, ReadersScanned>;

// Work update() asks the app to start; results come back as events.
struct ReadToken {
    std::uint64_t generation;
    hw::InsertedCard card;
};
struct CancelTokenRead {
    std::uint64_t generation;
};
// Look at the USB bus and the drivers' lists (answered by ReadersScanned).
struct ScanReaders {};
struct RunDemoCard {
    std::string profile;  // empty: remove the card
};
// Ask the CA about the token's certificates; answers come as VerdictUpdated.
struct CheckRevocation {
    std::uint64_t generation;
    std::vector<hw::CertificateObject> certificates;
    hw::PinState pin;
};

// Generate this process's documents for the person and print them.
struct StartPrint {
    // Keeps the content the request points into alive while the worker prints.
    std::shared_ptr<const content::Content> content;
    documents::Request request;
    bool send_form_mail = true;  // false on a retry after the mail went out
};

// The admin PIN to check against the configured hash (slow on purpose).
struct CheckAdminPin {
    std::string pin;
};
struct RunAdminTask {
    AdminTask task;
    std::optional<hw::Bytes> last_atr;
    Lang lang;
};

using Command = std::variant<ReadToken, CancelTokenRead, RunDemoCard, CheckRevocation, StartPrint, CheckAdminPin, RunAdminTask,
                             ScanReaders>;

}  // namespace eimza
