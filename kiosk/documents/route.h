#pragma once
// The person's route through a process and the papers it calls for, before
// anything is drawn: pure, for the model (the print request, the plan shown
// before printing); documents.h draws the papers.
#include <string>
#include <vector>

#include "kiosk/base/i18n.h"
#include "kiosk/content/content.h"
#include "kiosk/model/person.h"

namespace eimza::documents {

struct Request {
    const content::Content* content = nullptr;
    std::string process_id;
    Person person;
    Lang lang = Lang::tr;
    std::string date;  // printed date, GG.AA.YYYY (28.11.2026); today when empty
    // How the person's route is chosen at decisions: the steps they already
    // went through, then what the kiosk knows (configuration, the card).
    std::vector<std::string> visited;
    content::KnownFacts facts;
};

// The steps of this person's route through the process, in order.
std::vector<const content::Step*> route(const content::Process& process, const Request& request);

// One cover letter: to whom (an institution id) and what it encloses.
struct Letter {
    std::string to;
    std::vector<std::string> enclosures;  // ids of content documents.enclosures
};

// What the route calls for, before anything is drawn.
struct Plan {
    std::vector<Letter> letters;
    bool details_summary = false;
    bool payment_details = false;
    bool form_001_003 = false;
};
Plan plan(const content::Process& process, const Request& request);

}  // namespace eimza::documents
