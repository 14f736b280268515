#include "kiosk/core/time_text.h"

#include <ctime>

namespace eimza {

std::string local_time_text(std::chrono::system_clock::time_point at, const char* format) {
    const std::time_t t = std::chrono::system_clock::to_time_t(at);
    std::tm tm{};
    localtime_r(&t, &tm);
    char text[64];
    return std::strftime(text, sizeof text, format, &tm) > 0 ? text : "";
}

}  // namespace eimza
