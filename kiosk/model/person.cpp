#include "kiosk/model/person.h"

#include <cstring>

namespace eimza {

const char* to_string(PersonRole role) {
    switch (role) {
        case PersonRole::family_physician: return "family_physician";
        case PersonRole::staff: return "staff";
        case PersonRole::registrar: return "registrar";
    }
    return "staff";
}

bool parse_person_role(const std::string& text, PersonRole& out) {
    if (text == "family_physician") out = PersonRole::family_physician;
    else if (text == "staff") out = PersonRole::staff;
    else if (text == "registrar") out = PersonRole::registrar;
    else return false;
    return true;
}

void wipe(std::string& text) {
    // explicit_bzero cannot be optimised away, unlike a plain memset.
    if (text.capacity() > 0) explicit_bzero(text.data(), text.capacity());
    text.clear();
    text.shrink_to_fit();
}

void wipe(Person& person) {
    for (std::string Person::*text : kPersonTexts) wipe(person.*text);
    person = Person{};
}

}  // namespace eimza
