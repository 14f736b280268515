#pragma once
// Wall-clock times as the kiosk shows and prints them: local time, the
// kiosk's time zone, with strftime formats.
#include <chrono>
#include <string>

namespace eimza {

std::string local_time_text(std::chrono::system_clock::time_point at, const char* format = "%Y-%m-%d %H:%M");

}  // namespace eimza
