#pragma once
// The person's details for one session. Lives only in memory: wiped on card
// removal, idle timeout, finish and after printing.
#include <string>

namespace eimza {

enum class PersonRole { family_physician, staff, registrar };

struct Person {
    std::string tckn;
    std::string first_name;
    std::string last_name;
    std::string birth_place;
    std::string birth_date;  // GG.AA.YYYY, as people write it
    std::string institution;
    std::string unit;
    std::string title;
    std::string email;
    std::string phone;
    std::string address;
    PersonRole role = PersonRole::staff;

    bool operator==(const Person&) const = default;
};

// Every text of a Person, in the form's order: the form edits them and
// wipe() overwrites them, from this one list.
inline constexpr std::string Person::*kPersonTexts[] = {
    &Person::tckn,  &Person::first_name, &Person::last_name, &Person::birth_place, &Person::birth_date, &Person::institution,
    &Person::unit,  &Person::title,      &Person::email,     &Person::phone,       &Person::address};

const char* to_string(PersonRole role);
bool parse_person_role(const std::string& text, PersonRole& out);

// Overwrites every field's bytes before releasing them, so the old text
// does not linger in freed heap memory.
void wipe(std::string& text);
void wipe(Person& person);

}  // namespace eimza
