#include "kiosk/core/log.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace eimza {

namespace {

std::atomic<Severity> threshold{Severity::info};
std::mutex write_mutex;
// journald sets JOURNAL_STREAM for services whose stderr it reads.
const bool to_journal = std::getenv("JOURNAL_STREAM") != nullptr;

// The "<N>" prefix is sd-daemon's syslog priority, which journald parses
// from stderr into the PRIORITY field.
int priority(Severity severity) {
    switch (severity) {
        case Severity::debug: return 7;
        case Severity::info: return 6;
        case Severity::warning: return 4;
        case Severity::error: return 3;
    }
    return 6;
}

}  // namespace

void set_log_threshold(Severity minimum) { threshold = minimum; }

void log(Severity severity, std::string_view kind, std::string_view message) {
    if (severity < threshold.load()) return;
    std::lock_guard lock(write_mutex);
    if (to_journal) std::fprintf(stderr, "<%d>", priority(severity));
    std::fprintf(stderr, "[%.*s] %.*s\n", static_cast<int>(kind.size()), kind.data(), static_cast<int>(message.size()),
                 message.data());
}

}  // namespace eimza
