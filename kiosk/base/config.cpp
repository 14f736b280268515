#include "kiosk/base/config.h"

#include <algorithm>

namespace eimza {

namespace {

int line_of(const YAML::Node& node) { return node.Mark().line + 1; }

}  // namespace

void parse_kiosk_section(const YAML::Node& node, KioskSection& out, std::vector<ConfigProblem>& problems) {
    reject_unknown_keys(node, {"display", "idle_timeout_seconds", "idle_countdown_seconds", "language", "assets_dir"},
                        "kiosk", problems);
    read_int(node, "idle_timeout_seconds", out.idle_timeout_seconds, 60, 3600, problems);
    read_int(node, "idle_countdown_seconds", out.idle_countdown_seconds, static_cast<int>(kMinIdleCountdown.count()), 300,
             problems);
    if (out.idle_countdown_seconds >= out.idle_timeout_seconds) {
        problems.push_back({line_of(node), "idle_countdown_seconds must be shorter than idle_timeout_seconds"});
        out.idle_countdown_seconds = KioskSection{}.idle_countdown_seconds;
    }
    std::string language;
    if (read_string(node, "language", language, problems) && !parse_lang(language, out.default_language))
        problems.push_back({line_of(node["language"]), "language must be tr or en"});
    std::string assets;
    if (read_string(node, "assets_dir", assets, problems)) out.assets_dir = assets;
    if (const auto display = node["display"]) {
        if (!display.IsMap()) {
            problems.push_back({line_of(display), "'kiosk.display' must be a map"});
            return;
        }
        reject_unknown_keys(display, {"fullscreen", "width", "height", "scale", "diagonal_inches", "renderer", "mode"}, "kiosk.display",
                            problems);
        read_bool(display, "fullscreen", out.display.fullscreen, problems);
        read_int(display, "width", out.display.width, 480, 7680, problems);
        read_int(display, "height", out.display.height, 480, 7680, problems);
        read_float(display, "scale", out.display.scale, 0.5f, 4.0f, problems);
        read_float(display, "diagonal_inches", out.display.diagonal_inches, 7.0f, 100.0f, problems);
        std::string renderer;
        if (read_string(display, "renderer", renderer, problems)) {
            if (renderer == "software") out.display.renderer = Renderer::software;
            else if (renderer == "opengl") out.display.renderer = Renderer::opengl;
            else if (renderer == "opengles2") out.display.renderer = Renderer::opengles2;
            else if (renderer == "accelerated") out.display.renderer = Renderer::accelerated;
            else
                problems.push_back(
                    {line_of(display["renderer"]), "renderer must be software, opengl, opengles2 or accelerated"});
        }
        std::string mode;
        if (read_string(display, "mode", mode, problems) && !parse_display_mode(mode.c_str(), out.display.mode))
            problems.push_back({line_of(display["mode"]), "mode must be normal, large or high-contrast"});
    }
}

void parse_logging_section(const YAML::Node& node, LogTarget& out, std::vector<ConfigProblem>& problems) {
    reject_unknown_keys(node, {"target"}, "logging", problems);
    std::string target;
    if (!read_string(node, "target", target, problems)) return;
    if (target == "auto") out = LogTarget::automatic;
    else if (target == "journal") out = LogTarget::journal;
    else if (target == "stderr") out = LogTarget::stderr_only;
    else problems.push_back({line_of(node["target"]), "target must be auto, journal or stderr"});
}

bool read_int(const YAML::Node& map, const char* key, int& out, int min, int max, std::vector<ConfigProblem>& problems) {
    const auto node = map[key];
    if (!node) return false;
    try {
        const int value = node.as<int>();
        if (value < min || value > max) {
            problems.push_back({line_of(node), std::string(key) + " must be between " + std::to_string(min) + " and " +
                                                   std::to_string(max)});
            return false;
        }
        out = value;
        return true;
    } catch (const YAML::Exception&) {
        problems.push_back({line_of(node), std::string(key) + " must be a whole number"});
        return false;
    }
}

bool read_float(const YAML::Node& map, const char* key, float& out, float min, float max,
                std::vector<ConfigProblem>& problems) {
    const auto node = map[key];
    if (!node) return false;
    try {
        const float value = node.as<float>();
        if (value < min || value > max) {
            problems.push_back({line_of(node), std::string(key) + " is out of range"});
            return false;
        }
        out = value;
        return true;
    } catch (const YAML::Exception&) {
        problems.push_back({line_of(node), std::string(key) + " must be a number"});
        return false;
    }
}

bool read_bool(const YAML::Node& map, const char* key, bool& out, std::vector<ConfigProblem>& problems) {
    const auto node = map[key];
    if (!node) return false;
    try {
        out = node.as<bool>();
        return true;
    } catch (const YAML::Exception&) {
        problems.push_back({line_of(node), std::string(key) + " must be true or false"});
        return false;
    }
}

bool read_string(const YAML::Node& map, const char* key, std::string& out, std::vector<ConfigProblem>& problems) {
    const auto node = map[key];
    if (!node) return false;
    if (!node.IsScalar()) {
        problems.push_back({line_of(node), std::string(key) + " must be a text value"});
        return false;
    }
    out = node.as<std::string>();
    return true;
}

bool read_list(const YAML::Node& map, const char* key, std::vector<std::string>& out,
               std::vector<ConfigProblem>& problems) {
    const auto node = map[key];
    if (!node) return false;
    if (!node.IsSequence()) {
        problems.push_back({line_of(node), std::string(key) + " must be a list"});
        return false;
    }
    std::vector<std::string> items;
    for (const auto& item : node) {
        if (!item.IsScalar()) {
            problems.push_back({line_of(item), std::string("each ") + key + " entry must be a text value"});
            return false;
        }
        items.push_back(item.as<std::string>());
    }
    out = std::move(items);
    return true;
}

void reject_unknown_keys(const YAML::Node& map, const std::vector<std::string>& known, const std::string& where,
                         std::vector<ConfigProblem>& problems) {
    for (const auto& entry : map) {
        if (!entry.first.IsScalar()) {
            problems.push_back({line_of(entry.first), "a key in " + where + " must be a name"});
            continue;
        }
        const auto key = entry.first.as<std::string>();
        if (std::find(known.begin(), known.end(), key) == known.end())
            problems.push_back({line_of(entry.first), "unknown key '" + key + "' in " + where});
    }
}

}  // namespace eimza
