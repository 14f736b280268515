#pragma once
// The kiosk configuration: one YAML file (docs/configuration.md), every key
// optional, defaults good for a demo. Each area owns one top-level section
// and its parser (kiosk/core/config_<area>.cpp), registered in config.cpp.
#include <filesystem>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "kiosk/core/accessibility.h"
#include "kiosk/core/i18n.h"
#include "kiosk/core/log.h"

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
    // software: SDL's own rasteriser, no GL stack loaded (≈90 MB and ~0.25 s
    // less at start), repainting only what changed; opengl / opengles2: that
    // SDL renderer; accelerated: whichever GL renderer SDL picks.
    Renderer renderer = Renderer::software;
    DisplayMode mode = DisplayMode::normal;  // what every session starts in
};

struct KioskSection {
    DisplayConfig display;
    int idle_timeout_seconds = 120;
    int idle_countdown_seconds = 30;  // at least kMinIdleCountdown (kiosk/core/state.h)
    Lang default_language = Lang::tr;
    std::filesystem::path assets_dir;  // empty: found next to the binary or installed
};

struct Config {
    std::filesystem::path file;  // empty when running on defaults
    KioskSection kiosk;
    LogTarget log_target = LogTarget::automatic;  // the `logging` section
    // Sections owned by other areas are kept as parsed YAML until their
    // parser (registered in config.cpp) turns them into typed settings.
    YAML::Node root;
};

// Parses text (file is used in messages only). Unknown keys and bad values
// are problems; the returned Config holds defaults where a value was bad.
Config parse_config(const std::string& text, const std::filesystem::path& file,
                    std::vector<ConfigProblem>& problems);
Config load_config(const std::filesystem::path& file, std::vector<ConfigProblem>& problems);
// The configuration the installed kiosk and its tools read when no
// --config is given, if it exists.
inline constexpr const char* kDefaultConfigFile = "/etc/eimza-kiosk/kiosk.yaml";
// FILE, or kDefaultConfigFile when FILE is empty and that file exists, else "".
std::string config_file_or_default(const std::string& file);

// For the command-line tools: the file given with --config (defaults when
// empty), every problem printed to stderr as FILE:LINE: what. False when
// there was any problem.
bool load_cli_config(const std::string& file, Config& config);

// Helpers for section parsers: read an optional scalar, report a bad one.
bool read_int(const YAML::Node& map, const char* key, int& out, int min, int max, std::vector<ConfigProblem>& problems);
bool read_bool(const YAML::Node& map, const char* key, bool& out, std::vector<ConfigProblem>& problems);
bool read_string(const YAML::Node& map, const char* key, std::string& out, std::vector<ConfigProblem>& problems);
bool read_float(const YAML::Node& map, const char* key, float& out, float min, float max, std::vector<ConfigProblem>& problems);
void reject_unknown_keys(const YAML::Node& map, const std::vector<std::string>& known, const std::string& where,
                         std::vector<ConfigProblem>& problems);

// Where assets/ is: the configured directory, else the source tree's (for
// builds run in place), else the installed /usr/share/eimza-kiosk.
std::filesystem::path resolve_assets_dir(const Config& config);

}  // namespace eimza
