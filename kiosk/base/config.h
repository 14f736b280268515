#pragma once
// What every section parser of the configuration shares: the problem it
// reports and the readers of optional values; and the kiosk's own sections
// (`kiosk`, `logging`). The Settings they fill are in kiosk/base/settings.h.
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "kiosk/base/display_mode.h"
#include "kiosk/base/i18n.h"
#include "kiosk/base/log.h"

namespace eimza {

struct ConfigProblem {
    int line = 0;
    std::string what;
};

enum class Renderer { software, opengl, opengles2, accelerated };

struct DisplayConfig {
    bool fullscreen = true;
    int width = 1920;
    int height = 1080;
    float scale = 1.0f;  // multiplies every size; 1.0 is right for 1080p
    // The panel's visible diagonal: touch targets are kept at least
    // kMinTouchTargetMm (screens/runtime.h) on it, whatever its pixels.
    float diagonal_inches = 21.5f;
    // software: SDL's own rasteriser, no GL stack loaded (≈90 MB and ~0.25 s
    // less at start), repainting only what changed; opengl / opengles2: that
    // SDL renderer; accelerated: whichever GL renderer SDL picks.
    Renderer renderer = Renderer::software;
    DisplayMode mode = DisplayMode::normal;  // what every session starts in
};

// The warning before the idle wipe gives at least kMinIdleCountdown to
// extend with one tap (WCAG 2.2.1 asks for 20 s); IT may lengthen both.
inline constexpr std::chrono::seconds kMinIdleCountdown{20};

struct KioskSection {
    DisplayConfig display;
    int idle_timeout_seconds = 120;
    int idle_countdown_seconds = 30;  // at least kMinIdleCountdown
    Lang default_language = Lang::tr;
    std::filesystem::path assets_dir;  // empty: found next to the binary or installed
};

// Section parsers (listed in kiosk/base/settings.cpp) are handed their
// section's map; each value read or rejected with its line.
void parse_kiosk_section(const YAML::Node& map, KioskSection& out, std::vector<ConfigProblem>& problems);
void parse_logging_section(const YAML::Node& map, LogTarget& out, std::vector<ConfigProblem>& problems);

// Helpers for section parsers: read an optional value, report a bad one.
bool read_int(const YAML::Node& map, const char* key, int& out, int min, int max, std::vector<ConfigProblem>& problems);
bool read_bool(const YAML::Node& map, const char* key, bool& out, std::vector<ConfigProblem>& problems);
bool read_string(const YAML::Node& map, const char* key, std::string& out, std::vector<ConfigProblem>& problems);
bool read_float(const YAML::Node& map, const char* key, float& out, float min, float max, std::vector<ConfigProblem>& problems);
// A list of text values; an entry of another kind is a problem, not a throw.
bool read_list(const YAML::Node& map, const char* key, std::vector<std::string>& out,
               std::vector<ConfigProblem>& problems);
void reject_unknown_keys(const YAML::Node& map, const std::vector<std::string>& known, const std::string& where,
                         std::vector<ConfigProblem>& problems);

}  // namespace eimza
