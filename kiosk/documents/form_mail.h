#pragma once
// FORM-001-003 to the person's own address: the .xlsx they sign with İMZAGER
// and send on, with the rest of their route as the mail's text.
#include <optional>

#include "hw/mail/smtp_mail.h"
#include "kiosk/documents/documents.h"

namespace eimza::documents {

// nullopt when the documents hold no FORM-001-003 or the person gave no
// e-mail address. The .xlsx is moved into the mail.
std::optional<hw::Mail> form_001_003_mail(const Request& request, std::vector<Document>& documents);

}  // namespace eimza::documents
