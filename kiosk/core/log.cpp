#include "kiosk/core/log.h"

// Without this every entry would carry CODE_FILE=log.cpp: true and useless.
#define SD_JOURNAL_SUPPRESS_LOCATION
#include <sys/stat.h>
#include <systemd/sd-journal.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <mutex>

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

void log(Severity severity, std::string_view kind, std::string_view message) {
    if (severity < threshold.load()) return;
    const int kind_size = static_cast<int>(kind.size()), message_size = static_cast<int>(message.size());
    // The message keeps its "[kind]" prefix so `journalctl -u eimza-kiosk`
    // reads as the stderr log always did; the fields are for filtering.
    if (to_journal &&
        sd_journal_send("MESSAGE=[%.*s] %.*s", kind_size, kind.data(), message_size, message.data(), "PRIORITY=%d",
                        priority(severity), "SYSLOG_IDENTIFIER=eimza-kiosk", "EIMZA_EVENT=%.*s", kind_size,
                        kind.data(), "EIMZA_SEVERITY=%s", name(severity), nullptr) >= 0)
        return;
    std::lock_guard lock(write_mutex);
    // The "<N>" prefix is sd-daemon's syslog priority, which journald parses
    // from a stream into the PRIORITY field.
    if (stderr_journal) std::fprintf(stderr, "<%d>", priority(severity));
    std::fprintf(stderr, "[%.*s] %.*s\n", kind_size, kind.data(), message_size, message.data());
}

}  // namespace eimza
