#pragma once
// Log lines for IT. Never pass personal data: no names, no full TCKN, no
// e-mail or phone; mask_tckn() (hw/cert/tckn.h) when one must be named.
// Under systemd each line goes to journald with structured fields
// (PRIORITY, SYSLOG_IDENTIFIER=eimza-kiosk, EIMZA_EVENT=<kind>,
// EIMZA_SEVERITY), so IT can filter with `journalctl EIMZA_EVENT=print`;
// elsewhere lines go to stderr as "[kind] message".
#include <initializer_list>
#include <string_view>

#include "kiosk/base/log_line.h"

namespace eimza {

// A journald field of one entry besides the standard ones, e.g.
// {"EIMZA_TRIAGE", "R02"}: upper-case letters, digits and '_' in the name.
// Outside journald only the message is written.
struct LogField {
    std::string_view name;
    std::string_view value;
};

void log(Severity severity, std::string_view kind, std::string_view message, std::initializer_list<LogField> fields = {});
inline void log_info(std::string_view kind, std::string_view message) { log(Severity::info, kind, message); }
inline void log_warning(std::string_view kind, std::string_view message) { log(Severity::warning, kind, message); }
inline void log_error(std::string_view kind, std::string_view message) { log(Severity::error, kind, message); }
inline void log(const LogLine& line) { log(line.severity, line.kind, line.message); }

// Tests and the CLI silence or redirect the log.
void set_log_threshold(Severity minimum);

// automatic: the journal when stderr is journald's stream (systemd names it
// in JOURNAL_STREAM), else stderr. journal: always try journald first (its
// socket unreachable: stderr). The configuration's `logging.target`.
enum class LogTarget { automatic, journal, stderr_only };
void set_log_target(LogTarget target);

}  // namespace eimza
