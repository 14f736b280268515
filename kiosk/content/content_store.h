#pragma once
// Which content the kiosk runs on. A broken content directory never stops
// the kiosk: it falls back to the last content that validated, then to the
// content shipped with the package, and says so in the log for IT.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/content/content.h"
#include "kiosk/core/config.h"

namespace eimza::content {

struct ContentSettings {
    std::filesystem::path dir;  // empty: the shipped assets/content
    std::filesystem::path last_good_dir = "/var/lib/eimza-kiosk/content-last-good";
    bool lost_stolen_ankara_route = true;
};

ContentSettings parse_content_config(const Config& config, std::vector<ConfigProblem>& problems);

struct LoadedContent {
    std::shared_ptr<const Content> content;  // null only when nothing validates
    std::filesystem::path source;
    std::vector<Problem> problems;           // of the configured directory
};

LoadedContent load_for_kiosk(const ContentSettings& settings, const std::filesystem::path& shipped_dir);

}  // namespace eimza::content
