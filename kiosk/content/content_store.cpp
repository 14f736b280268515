#include "kiosk/content/content_store.h"

#include "kiosk/base/log.h"

namespace eimza::content {

void parse_content_section(const YAML::Node& node, ContentSettings& out, std::vector<ConfigProblem>& problems) {
    reject_unknown_keys(node, {"dir", "last_good_dir", "lost_stolen_route"}, "content", problems);
    std::string text;
    if (read_string(node, "dir", text, problems)) out.dir = text;
    if (read_string(node, "last_good_dir", text, problems)) out.last_good_dir = text;
    if (read_string(node, "lost_stolen_route", text, problems)) {
        if (text == "ankara" || text == "representative")
            out.lost_stolen_route = text == "ankara" ? LostStolenRoute::ankara : LostStolenRoute::representative;
        else problems.push_back({node["lost_stolen_route"].Mark().line + 1, "lost_stolen_route must be ankara or representative"});
    }
}

namespace {

void remember(const std::filesystem::path& from, const std::filesystem::path& last_good) {
    std::error_code ec;
    const auto staging = last_good.string() + ".new";
    std::filesystem::remove_all(staging, ec);
    std::filesystem::create_directories(staging, ec);
    std::filesystem::copy(from, staging, std::filesystem::copy_options::recursive, ec);
    if (ec) return;  // a read-only or missing cache directory only costs the fallback
    std::filesystem::remove_all(last_good, ec);
    std::filesystem::rename(staging, last_good, ec);
}

std::filesystem::path configured_dir(const ContentSettings& settings, const std::filesystem::path& shipped_dir) {
    return settings.dir.empty() ? shipped_dir : settings.dir;
}

// A directory that does not exist (yet: content-current before the first
// update) resolves to itself, so its later appearance counts as a change.
std::filesystem::path resolve(const std::filesystem::path& dir) {
    std::error_code ec;
    auto resolved = std::filesystem::canonical(dir, ec);
    return ec ? dir : resolved;
}

}  // namespace

LoadedContent load_for_kiosk(const ContentSettings& settings, const std::filesystem::path& shipped_dir) {
    LoadedContent out;
    const std::filesystem::path configured = configured_dir(settings, shipped_dir);
    out.resolved = resolve(configured);
    Content content = load_content(out.resolved, out.problems);
    if (out.problems.empty()) {
        out.content = std::make_shared<const Content>(std::move(content));
        out.source = configured;
        if (!settings.dir.empty()) remember(out.resolved, settings.last_good_dir);
        const std::string via = out.resolved == configured ? "" : " (" + out.resolved.string() + ")";
        log_info("content", "content " + out.content->version + " from " + configured.string() + via);
        return out;
    }
    // Before the first signed update content.dir's link does not exist yet:
    // that is expected, not eight file errors for IT to puzzle over.
    std::error_code ec;
    if (!settings.dir.empty() && !std::filesystem::exists(configured, ec)) {
        log_info("content", configured.string() + " does not exist (no signed content update installed yet)");
    } else {
        for (const auto& p : out.problems)
            log_error("content", (configured / p.file).string() + ":" + std::to_string(p.line) + ": " + p.what + " — " + p.why);
    }
    for (const auto& fallback : {settings.last_good_dir, shipped_dir}) {
        if (fallback == configured) continue;
        std::vector<Problem> problems;
        Content previous = load_content(fallback, problems);
        if (problems.empty()) {
            log_warning("content", "running on the earlier valid content in " + fallback.string());
            out.content = std::make_shared<const Content>(std::move(previous));
            out.source = fallback;
            return out;
        }
    }
    log_error("content", "no valid content: process guidance is unavailable");
    return out;
}

bool content_changed_since(const LoadedContent& loaded, const ContentSettings& settings,
                           const std::filesystem::path& shipped_dir) {
    return resolve(configured_dir(settings, shipped_dir)) != loaded.resolved;
}

}  // namespace eimza::content
