#pragma once
// The papers a process ends with, generated from the content, the person
// and the language: application form, cover letter, payment slip, personal
// checklist, and the FORM-001-003 row (.xlsx + PDF).
#include <string>
#include <vector>

#include "hw/token/token_snapshot.h"
#include "kiosk/content/content.h"
#include "kiosk/core/i18n.h"
#include "kiosk/core/person.h"

namespace eimza::documents {

struct Document {
    std::string file_name;  // for --out-dir; never personal
    std::string title;      // print job name; never personal
    std::string mime;       // application/pdf or the xlsx type
    hw::Bytes data;
    int pages = 0;  // PDFs only
};

struct Request {
    const content::Content* content = nullptr;
    std::string process_id;
    Person person;
    Lang lang = Lang::tr;
    std::string institution_id = "ankara_ism";
    std::string date;  // printed date, YYYY-MM-DD; today when empty
    // How the person's route is chosen at decisions: the steps they already
    // went through, then what the kiosk knows (configuration, the card).
    std::vector<std::string> visited;
    bool ankara_route = true;
    bool has_valid_nes = false;
    bool has_registrar = false;
};

// The steps of this person's route through the process, in order.
std::vector<const content::Step*> route(const content::Process& process, const Request& request);

// Empty when the process is unknown. Documents are built in memory only.
std::vector<Document> generate(const Request& request);

// The Turkish application-type label for a process ("İlk Başvuru" …).
std::string application_type(const std::string& process_id);

}  // namespace eimza::documents
