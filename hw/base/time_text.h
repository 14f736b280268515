#pragma once
// Wall-clock times as text, with strftime formats: local time (the kiosk's
// time zone) for what people read, UTC for files, names and machines.
#include <chrono>
#include <string>

namespace eimza {

std::string local_time_text(std::chrono::system_clock::time_point at, const char* format = "%Y-%m-%d %H:%M");
std::string utc_time_text(std::chrono::system_clock::time_point at, const char* format);

inline constexpr const char* kIsoDate = "%Y-%m-%d";
// Dates on Turkish paper (a petition's date line): 28.11.2026.
inline constexpr const char* kDottedDate = "%d.%m.%Y";
inline constexpr const char* kIsoUtcTime = "%Y-%m-%dT%H:%M:%SZ";

}  // namespace eimza
