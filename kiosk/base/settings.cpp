#include "kiosk/base/settings.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>

#include "kiosk/base/config_printing.h"
#include "kiosk/base/config_token.h"
#include "kiosk/base/config_verdict.h"

namespace eimza {

namespace {

using Problems = std::vector<ConfigProblem>;

// One top-level section: its name and its parser, which is handed the
// section's map and fills its part of the Settings.
struct Section {
    const char* name;
    void (*parse)(const YAML::Node& map, Settings& settings, Problems& problems);
};

const Section kSections[] = {
    {"kiosk", [](const YAML::Node& map, Settings& s, Problems& p) { parse_kiosk_section(map, s.kiosk, p); }},
    {"logging", [](const YAML::Node& map, Settings& s, Problems& p) { parse_logging_section(map, s.log_target, p); }},
    {"token", [](const YAML::Node& map, Settings& s, Problems& p) { parse_token_section(map, s.token, p); }},
    {"verdict", [](const YAML::Node& map, Settings& s, Problems& p) { parse_verdict_section(map, s.verdict, p); }},
    {"content", [](const YAML::Node& map, Settings& s, Problems& p) { content::parse_content_section(map, s.content, p); }},
    {"content_update",
     [](const YAML::Node& map, Settings& s, Problems& p) { content::parse_content_update_section(map, s.content_update, p); }},
    {"printing", [](const YAML::Node& map, Settings& s, Problems& p) { parse_printing_section(map, s.printing, s.printer_setup, p); }},
    {"metrics", [](const YAML::Node& map, Settings& s, Problems& p) { parse_metrics_section(map, s.metrics, p); }},
    {"admin", [](const YAML::Node& map, Settings& s, Problems& p) { parse_admin_section(map, s.admin, p); }},
    {"mail", [](const YAML::Node& map, Settings& s, Problems& p) { parse_mail_section(map, s.mail, p); }},
    {"site", [](const YAML::Node& map, Settings& s, Problems& p) { parse_site_section(map, s.site, p); }},
};

int line_of(const YAML::Node& node) { return node.Mark().line + 1; }

}  // namespace

Settings parse_settings(const std::string& text, const std::filesystem::path& file, Problems& problems) {
    Settings settings;
    settings.file = file;
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::Exception& e) {
        problems.push_back({e.mark.line + 1, "YAML syntax: " + e.msg});
        return settings;
    }
    if (root.IsNull()) return settings;  // an empty file means defaults
    if (!root.IsMap()) {
        problems.push_back({1, "the configuration must be a map of sections"});
        return settings;
    }
    std::vector<std::string> names;
    for (const Section& section : kSections) names.push_back(section.name);
    reject_unknown_keys(root, names, "the top level", problems);
    for (const Section& section : kSections) {
        const YAML::Node node = root[section.name];
        if (!node) continue;
        if (!node.IsMap()) {
            problems.push_back({line_of(node), std::string("'") + section.name + "' must be a map"});
            continue;
        }
        // The readers report what they can; whatever else a hand-written
        // file holds must not stop the kiosk.
        try {
            section.parse(node, settings, problems);
        } catch (const YAML::Exception& e) {
            const int line = e.mark.line >= 0 ? e.mark.line + 1 : line_of(node);
            problems.push_back({line, std::string("'") + section.name + "' cannot be read: " + e.msg});
        }
    }
    return settings;
}

Settings load_settings(const std::filesystem::path& file, Problems& problems) {
    std::ifstream in(file);
    if (!in) {
        problems.push_back({0, "cannot open " + file.string()});
        Settings settings;
        settings.file = file;
        return settings;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    return parse_settings(buffer.str(), file, problems);
}

std::string describe(const std::filesystem::path& file, const ConfigProblem& problem) {
    return file.string() + ":" + std::to_string(problem.line) + ": " + problem.what;
}

bool load_cli_settings(const std::string& file, Settings& settings) {
    if (file.empty()) {
        settings = Settings{};
        return true;
    }
    Problems problems;
    settings = load_settings(file, problems);
    for (const auto& p : problems) std::fprintf(stderr, "%s\n", describe(file, p).c_str());
    return problems.empty();
}

std::string config_file_or_default(const std::string& file) {
    std::error_code ec;
    if (file.empty() && std::filesystem::exists(kDefaultConfigFile, ec)) return kDefaultConfigFile;
    return file;
}

std::filesystem::path resolve_assets_dir(const Settings& settings) {
    if (!settings.kiosk.assets_dir.empty()) return settings.kiosk.assets_dir;
    const std::filesystem::path installed = "/usr/share/eimza-kiosk";
    // A packaged binary uses the packaged assets even on the machine that
    // built it, where the source tree would also be found.
    std::error_code ec;
    const std::filesystem::path executable = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec && executable.string().starts_with("/usr/")) return installed;
    const std::filesystem::path source = std::filesystem::path(EIMZA_SOURCE_DIR) / "assets";
    if (std::filesystem::is_directory(source / "i18n", ec)) return source;
    return installed;
}

}  // namespace eimza
