#include "hw/base/time_text.h"

#include <ctime>

namespace eimza {

namespace {

std::string format_tm(const std::tm& tm, const char* format) {
    char text[64];
    return std::strftime(text, sizeof text, format, &tm) > 0 ? text : "";
}

}  // namespace

std::string local_time_text(std::chrono::system_clock::time_point at, const char* format) {
    const std::time_t t = std::chrono::system_clock::to_time_t(at);
    std::tm tm{};
    localtime_r(&t, &tm);
    return format_tm(tm, format);
}

std::string utc_time_text(std::chrono::system_clock::time_point at, const char* format) {
    const std::time_t t = std::chrono::system_clock::to_time_t(at);
    std::tm tm{};
    gmtime_r(&t, &tm);
    return format_tm(tm, format);
}

}  // namespace eimza
