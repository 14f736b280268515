// What the content holds, asked: lookups and the rules its values follow.
// Pure (no YAML, no files), for the kiosk's pure model; content.cpp loads it.
#include "kiosk/content/content.h"

#include <cctype>
#include <regex>

namespace eimza::content {

const Process* Content::process(const std::string& id) const {
    auto it = processes.find(id);
    return it == processes.end() ? nullptr : &it->second;
}

const std::vector<std::string>& form_fields() {
    static const std::vector<std::string> fields = {"tckn",  "first_name", "last_name", "birth_place", "birth_date",
                                                    "institution", "unit", "title", "email", "phone",
                                                    "address", "application_type"};
    return fields;
}

const std::vector<std::string>& process_ids() {
    static const std::vector<std::string> ids = {"first_application", "renewal",         "registrar_renewal",
                                                 "lost_stolen",       "pin_puk_block",   "identity_update",
                                                 "card_reader"};
    return ids;
}

bool iban_valid(const std::string& text) {
    std::string iban;
    for (char c : text)
        if (!std::isspace(static_cast<unsigned char>(c))) iban += static_cast<char>(std::toupper(c));
    if (iban.size() != 26 || iban.rfind("TR", 0) != 0) return false;
    const std::string rearranged = iban.substr(4) + iban.substr(0, 4);
    int remainder = 0;
    for (char c : rearranged) {
        if (std::isdigit(static_cast<unsigned char>(c))) {
            remainder = (remainder * 10 + (c - '0')) % 97;
        } else if (c >= 'A' && c <= 'Z') {
            const int value = c - 'A' + 10;
            remainder = (remainder * 100 + value) % 97;
        } else {
            return false;
        }
    }
    return remainder == 1;
}

bool email_valid(const std::string& email) {
    static const std::regex pattern(R"([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})");
    return std::regex_match(email, pattern);
}

bool url_valid(const std::string& url) {
    static const std::regex pattern(R"(https?://[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:\d+)?(/[^\s]*)?)");
    return std::regex_match(url, pattern);
}

bool phone_valid(const std::string& phone) {
    std::string digits;
    for (char c : phone) {
        if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
        else if (c != ' ' && c != '+' && c != '-' && c != '(' && c != ')') return false;
    }
    if (digits.size() == 7 && digits.rfind("444", 0) == 0) return true;  // 444 x xxx call centres
    if (digits.rfind("90", 0) == 0 && digits.size() == 12) digits = "0" + digits.substr(2);
    return digits.size() == 11 && digits[0] == '0';
}

std::string group_in_fours(const std::string& text) {
    std::string compact, out;
    for (char c : text)
        if (!std::isspace(static_cast<unsigned char>(c))) compact += c;
    for (std::size_t i = 0; i < compact.size(); ++i) {
        if (i && i % 4 == 0) out += ' ';
        out += compact[i];
    }
    return out;
}

}  // namespace eimza::content
