#include "kiosk/base/log.h"

// Without this every entry would carry CODE_FILE=log.cpp: true and useless.
#define SD_JOURNAL_SUPPRESS_LOCATION
#include <sys/stat.h>
#include <sys/uio.h>
#include <systemd/sd-journal.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <vector>

namespace eimza {

namespace {

// Whether stderr is the journal stream systemd set up for this unit: the
// variable alone is not enough, since a child of such a unit inherits it
// with its stderr pointing somewhere else.
bool stderr_is_journal() {
    const char* stream = std::getenv("JOURNAL_STREAM");
    if (!stream) return false;
    unsigned long long device = 0, inode = 0;
    if (std::sscanf(stream, "%llu:%llu", &device, &inode) != 2) return false;
    struct stat st {};
    return fstat(STDERR_FILENO, &st) == 0 && st.st_dev == device && st.st_ino == inode;
}

std::atomic<Severity> threshold{Severity::info};
std::mutex write_mutex;
const bool stderr_journal = stderr_is_journal();
std::atomic<bool> to_journal{stderr_journal};

int priority(Severity severity) {
    switch (severity) {
        case Severity::debug: return 7;
        case Severity::info: return 6;
        case Severity::warning: return 4;
        case Severity::error: return 3;
    }
    return 6;
}

const char* name(Severity severity) {
    switch (severity) {
        case Severity::debug: return "debug";
        case Severity::info: return "info";
        case Severity::warning: return "warning";
        case Severity::error: return "error";
    }
    return "info";
}

}  // namespace

void set_log_threshold(Severity minimum) { threshold = minimum; }

void set_log_target(LogTarget target) {
    to_journal = target == LogTarget::journal || (target == LogTarget::automatic && stderr_journal);
}

namespace {

// One entry through journald's native protocol: the standard fields, then
// the caller's.
bool send_to_journal(Severity severity, std::string_view kind, std::string_view message,
                     std::initializer_list<LogField> fields) {
    std::vector<std::string> entries;
    entries.reserve(5 + fields.size());
    // The message keeps its "[kind]" prefix so `journalctl -u eimza-kiosk`
    // reads as the stderr log always did; the fields are for filtering.
    entries.push_back("MESSAGE=[" + std::string(kind) + "] " + std::string(message));
    entries.push_back("PRIORITY=" + std::to_string(priority(severity)));
    entries.push_back("SYSLOG_IDENTIFIER=eimza-kiosk");
    entries.push_back("EIMZA_EVENT=" + std::string(kind));
    entries.push_back(std::string("EIMZA_SEVERITY=") + name(severity));
    for (const auto& field : fields) entries.push_back(std::string(field.name) + "=" + std::string(field.value));
    std::vector<iovec> parts(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) parts[i] = {entries[i].data(), entries[i].size()};
    return sd_journal_sendv(parts.data(), static_cast<int>(parts.size())) >= 0;
}

}  // namespace

void log(Severity severity, std::string_view kind, std::string_view message, std::initializer_list<LogField> fields) {
    if (severity < threshold.load()) return;
    const int kind_size = static_cast<int>(kind.size()), message_size = static_cast<int>(message.size());
    if (to_journal && send_to_journal(severity, kind, message, fields)) return;
    std::lock_guard lock(write_mutex);
    // The "<N>" prefix is sd-daemon's syslog priority, which journald parses
    // from a stream into the PRIORITY field.
    if (stderr_journal) std::fprintf(stderr, "<%d>", priority(severity));
    std::fprintf(stderr, "[%.*s] %.*s\n", kind_size, kind.data(), message_size, message.data());
}

}  // namespace eimza
