// The message the kiosk hands to the relay, and what it refuses to send.
// The real relay is tests/mail/mail_integration.sh (exim4).
#include <catch2/catch.hpp>

#include "hw/mail/smtp_mail.h"
#include "kiosk/base/settings.h"

using namespace eimza;

TEST_CASE("a FORM-001-003 mail: UTF-8 subject encoded, the .xlsx attached in base64, CRLF lines", "[mail]") {
    hw::Mail mail{"ayse@example.org", "FORM-001-003 Başvuru Listesi", "Merhaba", {{"form-001-003.xlsx", "application/x", {'P', 'K', 3, 4}}}};
    const std::string m = hw::mime_message("kiosk@hastane.example", mail);
    CHECK(m.find("Subject: =?UTF-8?B?") != std::string::npos);
    CHECK(m.find("To: ayse@example.org\r\n") != std::string::npos);
    CHECK(m.find("Content-Disposition: attachment; filename=\"form-001-003.xlsx\"") != std::string::npos);
    CHECK(m.find("UEsDBA==") != std::string::npos);  // "PK\3\4"
    CHECK(m.find("Başvuru") == std::string::npos);   // nothing 8-bit in the headers or the body
}

TEST_CASE("no mail while the relay is off, and none to an address that could inject headers", "[mail]") {
    std::string detail;
    hw::Mail mail{"ayse@example.org", "s", "b", {}};
    CHECK(hw::send_mail({}, mail, detail) == hw::MailOutcome::disabled);
    hw::SmtpConfig on{true, "smtp://127.0.0.1:1", "kiosk@hastane.example", false, std::chrono::seconds(5)};
    mail.to = "ayse@example.org\r\nBcc: x@example.org";
    CHECK(hw::send_mail(on, mail, detail) == hw::MailOutcome::bad_address);
}

TEST_CASE("the mail section: off by default, checked when on", "[mail][config]") {
    std::vector<ConfigProblem> problems;
    CHECK_FALSE(parse_settings("", "k.yaml", problems).mail.enabled);
    CHECK(problems.empty());
    const auto mail = parse_settings("mail: { enabled: true, smtp_url: \"http://relay\" }\n", "k.yaml", problems).mail;
    CHECK_FALSE(mail.enabled);  // no sender, and not an SMTP URL
    CHECK(problems.size() == 2);
}
