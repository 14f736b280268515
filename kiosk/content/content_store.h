#pragma once
// Which content the kiosk runs on. A broken content directory never stops
// the kiosk: it falls back to the last content that validated, then to the
// content shipped with the package, and says so in the log for IT.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/content/content.h"
#include "kiosk/base/config.h"

namespace eimza::content {

struct ContentSettings {
    std::filesystem::path dir;  // empty: the shipped assets/content
    std::filesystem::path last_good_dir = "/var/lib/eimza-kiosk/content-last-good";
    LostStolenRoute lost_stolen_route = LostStolenRoute::ankara;
};

// The `content` section.
void parse_content_section(const YAML::Node& map, ContentSettings& out, std::vector<ConfigProblem>& problems);

struct LoadedContent {
    std::shared_ptr<const Content> content;  // null only when nothing validates
    std::filesystem::path source;
    std::vector<Problem> problems;           // of the configured directory
    // Where the configured directory led when it was read, symbolic links
    // resolved: content-update switches content.dir's `content-current` link
    // to a new version directory, and this is how the kiosk notices.
    std::filesystem::path resolved;
};

// The configured directory is read through its resolved path, so a link
// switched half-way cannot mix two versions' files.
LoadedContent load_for_kiosk(const ContentSettings& settings, const std::filesystem::path& shipped_dir);

// True when the configured content directory now leads elsewhere than when
// `loaded` was read: a signed update was installed. A few system calls, no
// file is read; the app calls it at rest (docs/content.md, "Signed updates")
// and then load_for_kiosk() again.
bool content_changed_since(const LoadedContent& loaded, const ContentSettings& settings,
                           const std::filesystem::path& shipped_dir);

}  // namespace eimza::content
