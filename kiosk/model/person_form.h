#pragma once
// The personal-details form: its fields, their validation, and editing.
// Pure functions over Person; the screen only draws them.
#include <optional>
#include <string>
#include <vector>

#include "hw/cert/verdict.h"
#include "kiosk/model/person.h"

namespace eimza {

enum class FieldKind { digits, date, text, email, phone, address };

struct FieldSpec {
    const char* key;  // text key suffix: form.field.<key>
    FieldKind kind;
    std::size_t max_length;
    bool required;
};

const std::vector<FieldSpec>& person_fields();
std::string& field_value(Person& person, int index);
const std::string& field_value(const Person& person, int index);

// A problem with one field's value: a text key and values for it, or
// nullopt when the value is acceptable (an empty optional field is).
struct FieldProblem {
    std::string key;
    std::string word;  // the offending abbreviation, for addresses
    std::string full;  // what it stands for ("Mahallesi" for "Mah."), when known
};
std::optional<FieldProblem> check_field(const Person& person, int index);
bool person_complete(const Person& person);
// The fields with a problem, in the form's order.
std::vector<int> fields_with_problems(const Person& person);

// Words the seeds forbid in addresses ("Cad.", "Sok." …): the first found.
std::optional<std::string> address_abbreviation(const std::string& address);
// The word an abbreviation stands for ("Mah." → "Mahallesi"); empty if unknown.
std::string address_full_word(const std::string& abbreviation);

// Name and TCKN from the card, when the form is still empty there.
void prefill_from_card(Person& person, const hw::Holder& holder);

// Appends typed text within the field's limits and kind.
void type_into(Person& person, int index, const std::string& text);
void erase_last(Person& person, int index);

}  // namespace eimza
