#include "hw/mail/smtp_mail.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <ctime>
#include <random>
#include <regex>

namespace eimza::hw {

namespace {

std::string base64(const unsigned char* data, std::size_t size, std::size_t line = 76) {
    static const char* table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t column = 0;
    for (std::size_t i = 0; i < size; i += 3) {
        const unsigned n = data[i] << 16 | (i + 1 < size ? data[i + 1] << 8 : 0) | (i + 2 < size ? data[i + 2] : 0);
        out += table[n >> 18 & 63];
        out += table[n >> 12 & 63];
        out += i + 1 < size ? table[n >> 6 & 63] : '=';
        out += i + 2 < size ? table[n & 63] : '=';
        if (line && (column += 4) >= line) {
            out += "\r\n";
            column = 0;
        }
    }
    if (line && column) out += "\r\n";
    return out;
}

std::string base64(const std::string& text) {
    return base64(reinterpret_cast<const unsigned char*>(text.data()), text.size(), 0);
}

// RFC 2047: a header word in UTF-8, so Turkish letters survive every relay.
std::string encoded_word(const std::string& text) {
    const bool ascii = std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 128; });
    return ascii ? text : "=?UTF-8?B?" + base64(text) + "?=";
}

// A plain address only: no display names, no header injection.
bool address_ok(const std::string& address) {
    static const std::regex pattern(R"([A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+)");
    return address.size() < 255 && std::regex_match(address, pattern);
}

std::string rfc5322_date() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buffer[64];
    std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    return buffer;
}

struct Upload {
    const std::string* text;
    std::size_t at = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto* upload = static_cast<Upload*>(user);
    const std::size_t n = std::min(size * count, upload->text->size() - upload->at);
    std::memcpy(buffer, upload->text->data() + upload->at, n);
    upload->at += n;
    return n;
}

void wipe(std::string& text) {
    std::fill(text.begin(), text.end(), '\0');
    text.clear();
    text.shrink_to_fit();
}

}  // namespace

const char* to_string(MailOutcome outcome) {
    switch (outcome) {
        case MailOutcome::sent: return "sent";
        case MailOutcome::disabled: return "disabled";
        case MailOutcome::bad_address: return "bad_address";
        case MailOutcome::failed: return "failed";
    }
    return "failed";
}

std::string mime_message(const std::string& from, const Mail& mail) {
    std::random_device random;
    const std::string boundary = "eimza-" + std::to_string(random()) + std::to_string(random());
    std::string m;
    m += "Date: " + rfc5322_date() + "\r\n";
    m += "From: " + from + "\r\n";
    m += "To: " + mail.to + "\r\n";
    m += "Subject: " + encoded_word(mail.subject) + "\r\n";
    m += "MIME-Version: 1.0\r\n";
    m += "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n";
    m += "--" + boundary + "\r\n";
    m += "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    m += base64(reinterpret_cast<const unsigned char*>(mail.body.data()), mail.body.size());
    for (const auto& a : mail.attachments) {
        m += "--" + boundary + "\r\n";
        m += "Content-Type: " + a.mime + "; name=\"" + a.file_name + "\"\r\n";
        m += "Content-Disposition: attachment; filename=\"" + a.file_name + "\"\r\n";
        m += "Content-Transfer-Encoding: base64\r\n\r\n";
        m += base64(a.data.data(), a.data.size());
    }
    m += "--" + boundary + "--\r\n";
    return m;
}

MailOutcome send_mail(const SmtpConfig& config, const Mail& mail, std::string& detail) {
    if (!config.enabled || config.url.empty() || config.from.empty()) return MailOutcome::disabled;
    if (!address_ok(mail.to) || !address_ok(config.from)) {
        detail = "not a plain e-mail address";
        return MailOutcome::bad_address;
    }
    CURL* curl = curl_easy_init();
    if (!curl) {
        detail = "libcurl could not start";
        return MailOutcome::failed;
    }
    std::string message = mime_message(config.from, mail);
    Upload upload{&message};
    const std::string from = "<" + config.from + ">";
    curl_slist* recipients = curl_slist_append(nullptr, ("<" + mail.to + ">").c_str());
    char error[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(curl, CURLOPT_URL, config.url.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(curl, CURLOPT_USE_SSL, config.require_tls ? CURLUSESSL_ALL : CURLUSESSL_TRY);
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(config.timeout.count()));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    const CURLcode result = curl_easy_perform(curl);
    curl_slist_free_all(recipients);
    curl_easy_cleanup(curl);
    wipe(message);
    if (result != CURLE_OK) {
        // libcurl's message names the relay and the SMTP reply, not the recipient.
        detail = error[0] ? error : curl_easy_strerror(result);
        return MailOutcome::failed;
    }
    return MailOutcome::sent;
}

}  // namespace eimza::hw
