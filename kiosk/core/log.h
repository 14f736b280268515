#pragma once
// Log lines for IT. Never pass personal data: no names, no full TCKN, no
// e-mail or phone; mask_tckn() (hw/cert/tckn.h) when one must be named.
// Lines go to stderr, which journald captures with the unit's metadata.
#include <string_view>

namespace eimza {

enum class Severity { debug, info, warning, error };

void log(Severity severity, std::string_view kind, std::string_view message);
inline void log_info(std::string_view kind, std::string_view message) { log(Severity::info, kind, message); }
inline void log_warning(std::string_view kind, std::string_view message) { log(Severity::warning, kind, message); }
inline void log_error(std::string_view kind, std::string_view message) { log(Severity::error, kind, message); }

// Tests and the CLI silence or redirect the log.
void set_log_threshold(Severity minimum);

}  // namespace eimza
