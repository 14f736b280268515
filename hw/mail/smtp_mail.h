#pragma once
// One e-mail with attachments through the hospital's SMTP relay (libcurl's
// SMTP). The message is built and sent from memory: nothing touches a disk.
#include <chrono>
#include <string>
#include <vector>

#include "hw/base/bytes.h"

namespace eimza::hw {

struct SmtpConfig {
    bool enabled = false;  // off until IT configures the relay
    std::string url;       // smtp://relay.example:25 (STARTTLS when offered) or smtps://relay.example:465
    std::string from;      // the kiosk's sender address
    bool require_tls = false;  // refuse to send unencrypted
    std::chrono::seconds timeout{30};
};

struct MailAttachment {
    std::string file_name;  // never personal
    std::string mime;
    Bytes data;
};

struct Mail {
    std::string to;
    std::string subject;  // UTF-8
    std::string body;     // UTF-8 plain text
    std::vector<MailAttachment> attachments;
};

enum class MailOutcome { sent, disabled, bad_address, failed };
const char* to_string(MailOutcome outcome);

// The RFC 5322 message: UTF-8 headers encoded (RFC 2047), a multipart/mixed
// body with base64 attachments, CRLF line ends.
std::string mime_message(const std::string& from, const Mail& mail);

// detail: the relay's or libcurl's reason on failure, for IT; never personal.
MailOutcome send_mail(const SmtpConfig& config, const Mail& mail, std::string& detail);

}  // namespace eimza::hw
