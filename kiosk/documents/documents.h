#pragma once
// The papers a process ends with, generated from the content, the person
// and the language, and only those the person's route needs: a cover letter
// (a Turkish petition) for each step that hands papers in, the payment
// details, a summary of the person's details (never styled as an official
// form), the personal checklist, and the FORM-001-003 row as an .xlsx.
#include <string>
#include <vector>

#include "hw/token/token_snapshot.h"
#include "kiosk/content/content.h"
#include "kiosk/base/i18n.h"
#include "kiosk/documents/route.h"
#include "kiosk/model/person.h"

namespace eimza::documents {

enum class Kind { cover_letter, details_summary, payment_details, checklist, form_001_003 };

struct Document {
    Kind kind = Kind::checklist;
    std::string file_name;  // for --out-dir; never personal
    std::string title;      // print job name; never personal
    std::string mime;       // application/pdf or the xlsx type
    hw::Bytes data;
    int pages = 0;  // PDFs only
};

inline constexpr const char* kXlsxMime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// Empty when the process is unknown. Documents are built in memory only.
std::vector<Document> generate(const Request& request);

// The FORM-001-003 row: the content's columns filled from the person and
// the process. Exposed for the tests and for the mail.
std::vector<std::string> form_001_003_row(const Request& request);

// A task of the route as text: title, body, its rule, payment channels,
// phones, e-mails and addresses (the checklist and the mail).
std::string step_text(const content::Step& step, Lang lang);

// The Turkish application-type label for a process ("İlk Başvuru" …);
// "Diğer" for a registrar's renewal, as the procedure says.
std::string application_type(const std::string& process_id);

// "1986-04-30" or "30.04.1986" → "30.04.1986"; anything else unchanged.
std::string turkish_date(const std::string& date);

}  // namespace eimza::documents
