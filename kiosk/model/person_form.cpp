#include "kiosk/model/person_form.h"

#include <algorithm>
#include <cctype>
#include <regex>

#include "hw/cert/tckn.h"
#include "kiosk/content/content.h"

namespace eimza {

const std::vector<FieldSpec>& person_fields() {
    static const std::vector<FieldSpec> fields = {
        {"tckn", FieldKind::digits, 11, true},       {"first_name", FieldKind::text, 60, true},
        {"last_name", FieldKind::text, 60, true},    {"birth_place", FieldKind::text, 60, false},
        {"birth_date", FieldKind::date, 10, false},  {"institution", FieldKind::text, 120, false},
        {"unit", FieldKind::text, 120, false},       {"title", FieldKind::text, 60, false},
        {"email", FieldKind::email, 100, false},     {"phone", FieldKind::phone, 14, false},
        {"address", FieldKind::address, 250, false},
    };
    return fields;
}

std::string& field_value(Person& person, int index) { return person.*kPersonTexts[index]; }
const std::string& field_value(const Person& person, int index) { return person.*kPersonTexts[index]; }

std::optional<std::string> address_abbreviation(const std::string& address) {
    // Case-insensitive for ASCII; the Turkish forms are listed as written.
    static const std::regex abbreviations(
        R"((^|[\s,])((Cad|Cd|Sok|Sk|Mah|Mh|Bul|Blv|Apt|Ap|No|Kat|D|Daire|Mev|Köy|Nolu)\.|No:))",
        std::regex::icase);
    std::smatch match;
    if (std::regex_search(address, match, abbreviations)) return match[2].str();
    return std::nullopt;
}

std::string address_full_word(const std::string& abbreviation) {
    std::string key;
    for (char c : abbreviation)
        if (c != '.' && c != ':') key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    static const std::pair<const char*, const char*> words[] = {
        {"cad", "Caddesi"},  {"cd", "Caddesi"},    {"sok", "Sokağı"},    {"sk", "Sokağı"},     {"mah", "Mahallesi"},
        {"mh", "Mahallesi"}, {"bul", "Bulvarı"},   {"blv", "Bulvarı"},   {"apt", "Apartmanı"}, {"ap", "Apartmanı"},
        {"no", "Numara"},    {"nolu", "Numaralı"}, {"kat", "Kat"},       {"d", "Daire"},       {"daire", "Daire"},
        {"mev", "Mevkii"},   {"köy", "Köyü"}};
    for (const auto& [short_form, full] : words)
        if (key == short_form) return full;
    return {};
}

std::optional<FieldProblem> check_field(const Person& person, int index) {
    const FieldSpec& spec = person_fields()[static_cast<std::size_t>(index)];
    const std::string& value = field_value(person, index);
    if (value.empty()) return spec.required ? std::optional<FieldProblem>({"form.problem.required", {}, {}}) : std::nullopt;
    switch (spec.kind) {
        case FieldKind::digits:
            if (!hw::tckn_checksum_ok(value)) return FieldProblem{"form.problem.tckn", {}, {}};
            break;
        case FieldKind::date:
            // As people write dates here: GG.AA.YYYY.
            if (!std::regex_match(value, std::regex(R"((0[1-9]|[12]\d|3[01])\.(0[1-9]|1[0-2])\.(19|20)\d\d)")))
                return FieldProblem{"form.problem.date", {}, {}};
            break;
        case FieldKind::email:
            if (!content::email_valid(value)) return FieldProblem{"form.problem.email", {}, {}};
            break;
        case FieldKind::phone:
            if (!content::phone_valid(value) || value.rfind("444", 0) == 0) return FieldProblem{"form.problem.phone", {}, {}};
            break;
        case FieldKind::address:
            if (auto word = address_abbreviation(value)) {
                std::string full = address_full_word(*word);
                // A word with no known long form can only be named, not corrected.
                return FieldProblem{full.empty() ? "form.problem.abbreviation_unknown" : "form.problem.abbreviation",
                                    *word, std::move(full)};
            }
            break;
        case FieldKind::text:
            break;
    }
    return std::nullopt;
}

bool person_complete(const Person& person) { return fields_with_problems(person).empty(); }

std::vector<int> fields_with_problems(const Person& person) {
    std::vector<int> fields;
    for (int i = 0; i < static_cast<int>(person_fields().size()); ++i)
        if (check_field(person, i)) fields.push_back(i);
    return fields;
}

void prefill_from_card(Person& person, const hw::Holder& holder) {
    if (person.tckn.empty()) person.tckn = holder.tckn;
    if (person.first_name.empty() && person.last_name.empty()) {
        // Turkish names put the surname last; given names may be several.
        const auto space = holder.name.rfind(' ');
        if (space == std::string::npos) {
            person.last_name = holder.name;
        } else {
            person.first_name = holder.name.substr(0, space);
            person.last_name = holder.name.substr(space + 1);
        }
    }
}

void type_into(Person& person, int index, const std::string& text) {
    const FieldSpec& spec = person_fields()[static_cast<std::size_t>(index)];
    std::string& value = field_value(person, index);
    if (utf8_length(value) + utf8_length(text) > spec.max_length) return;
    const bool digits_only = spec.kind == FieldKind::digits || spec.kind == FieldKind::date;
    if (digits_only) {
        for (char c : text)
            if (!std::isdigit(static_cast<unsigned char>(c)) && !(spec.kind == FieldKind::date && c == '.')) return;
    }
    value += text;
}

void erase_last(Person& person, int index) {
    std::string& value = field_value(person, index);
    while (!value.empty()) {
        const char last = value.back();
        value.pop_back();
        if ((last & 0xC0) != 0x80) break;  // removed a whole UTF-8 character
    }
}

}  // namespace eimza
