#pragma once
// The kiosk's content: institutions, bank accounts, fees and the guided
// processes, loaded from assets/content/*.yaml that hospital IT can edit.
// Every fact a person sees comes from here (docs/content.md).
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/base/i18n.h"
#include "kiosk/content/automatic_fact.h"

namespace eimza::content {

struct Text {
    std::string tr, en;
    const std::string& in(Lang lang) const { return lang == Lang::tr ? tr : en; }
};

struct Institution {
    std::string id;
    Text name;
    Text receiving_unit;
    // The petition's addressee line, in the dative ("… MÜDÜRLÜĞÜNE"): a
    // grammatical form no code can derive from the name.
    Text addressee;
    std::string contact;         // a person's name (the certificate representative); empty: not configured
    std::string room, hours;     // where and when papers are handed in; empty: not configured
    std::string postal_address;  // empty: not configured
    std::vector<std::string> emails;
    std::vector<std::string> phones;
};

struct Account {
    std::string id;
    std::string bank, branch, account_name, iban;
};

struct Fee {
    std::string id;
    Text covers;
    std::optional<double> amount;  // the seeds give none: IT fills it in
    std::string currency = "TRY";
    std::string as_of;             // YYYY-MM-DD, required with an amount
    std::string price_list_url;
};

// One way to pay, shown side by side with the others.
struct Channel {
    Text title;
    Text body;
};

struct Answer {
    Text label;
    std::string next;
    std::string sets_role;  // family_physician | staff | registrar, or empty
};

struct Step {
    std::string id;
    int line = 0;
    Text title;
    Text body;
    // A question: the person picks an answer. `automatic` names a fact the
    // kiosk may know (from the card or the configuration) and then answers
    // by itself: answers[0] when true, answers[1] when false.
    std::vector<Answer> answers;
    std::optional<AutomaticFact> automatic;
    std::string next;  // for plain steps; empty on the last
    std::vector<std::string> urls, phones, emails;
    std::string account;            // account id
    std::vector<std::string> fees;  // fee ids
    Text receipt;                   // receipt description pattern: {name} {tckn}
    bool warning = false;           // shown as a must-not-miss step
    bool details = false;           // the person's details are needed here (printed forms)
    bool payment = false;           // a payment step (also implied by account or fees): on the payment slip
    // Papers handed in at this step: to whom (an institution id) and what.
    // Each such step on the person's route gets its own cover letter.
    std::string deliver_to;
    std::vector<std::string> enclosures;  // ids of documents.enclosures
    // The person's details summary helps here (they type them into a portal
    // or a representative fills FORM-001-003 from them).
    bool details_summary = false;
    bool form_001_003 = false;  // the FORM-001-003 .xlsx is made on this route
    std::vector<Channel> channels;  // payment channels, side by side
    Text caution;                   // a must-not-miss rule of the step (e.g. no EFT), shown as a warning
    bool query_tckn = false;        // the payment is found by the person's TCKN: show the number to query with
    std::string who;                // an institution whose contact, room and hours the step shows
};

struct Process {
    std::string id;
    std::string file;
    Text title;
    Text summary;
    std::string start;
    std::map<std::string, Step> steps;
};

// One FORM-001-003 column: its header as written in the template, and
// where its value comes from: a person field (form_fields()) or a fixed text.
struct FormColumn {
    std::string header;
    std::string field;  // empty when fixed
    std::string fixed;
};

// What printed documents take from content rather than from code.
struct DocumentTexts {
    std::vector<FormColumn> form_columns;  // FORM-001-003 "Başvuru Listesi" columns, in order
    // What the columns are: the kiosk's own layout, or the template's once IT
    // has put its headers in. Written under the row and said on screen.
    Text form_note;
    std::map<std::string, Text> enclosures;  // what a cover letter can list, by id
};

// The values a FORM-001-003 column can take from the kiosk.
const std::vector<std::string>& form_fields();

struct Content {
    std::string version;
    DocumentTexts documents;
    std::map<std::string, Institution> institutions;
    std::map<std::string, Account> accounts;
    std::map<std::string, Fee> fees;
    std::map<std::string, Process> processes;

    const Process* process(const std::string& id) const;
};

struct Problem {
    std::string file;
    int line = 0;
    std::string what;
    std::string why;
};

// Loads and validates dir (content.yaml + processes/*.yaml). Problems are
// collected; the content is usable only when there are none.
Content load_content(const std::filesystem::path& dir, std::vector<Problem>& problems);

// The process ids the kiosk knows; content must define each.
const std::vector<std::string>& process_ids();

// Checks used by the validator, exposed for the tests and the form.
bool iban_valid(const std::string& iban);  // TR, 26 characters, mod 97
bool email_valid(const std::string& email);
bool url_valid(const std::string& url);
bool phone_valid(const std::string& phone);  // Turkish: 444 x xxx, 0xxx xxx xx xx, +90 …
std::string group_in_fours(const std::string& text);

}  // namespace eimza::content
