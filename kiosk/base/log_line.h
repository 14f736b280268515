#pragma once
// One line for IT, as data: the pure model returns these from update()
// and the loop writes them (kiosk/base/log.h). Never personal: a masked
// TCKN at most.
#include <string>

namespace eimza {

enum class Severity { debug, info, warning, error };

struct LogLine {
    Severity severity = Severity::info;
    std::string kind;  // EIMZA_EVENT: session, admin, revocation, …
    std::string message;
};

}  // namespace eimza
