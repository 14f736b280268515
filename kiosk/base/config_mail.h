#pragma once
#include "hw/mail/smtp_mail.h"
#include "kiosk/base/config.h"

namespace eimza {

// The `mail` section: the hospital's SMTP relay for sending a person their
// FORM-001-003 file. Off unless IT enables it:
// { enabled: true, smtp_url: "smtp://relay:25", from: ADDRESS, require_tls: BOOL, timeout_seconds: N }.
void parse_mail_section(const YAML::Node& node, hw::SmtpConfig& out, std::vector<ConfigProblem>& problems);

}  // namespace eimza
