#include "kiosk/app/sample_screen.h"

#include <cstdio>
#include <memory>

#include "kiosk/content/content.h"
#include "kiosk/inspection/inspection.h"
#include "screens/samples.h"

namespace eimza::app {

namespace {

std::shared_ptr<const content::Content> configured_content(const Settings& settings) {
    std::vector<content::Problem> content_problems;
    auto content = std::make_shared<const content::Content>(
        content::load_content(resolve_assets_dir(settings) / "content", content_problems));
    for (const auto& p : content_problems)
        std::fprintf(stderr, "content: %s:%d: %s\n", p.file.c_str(), p.line, p.what.c_str());
    return content_problems.empty() ? content : nullptr;
}

}  // namespace

std::optional<State> sample_screen(const char* tool, const Settings& settings, const std::string& name, Lang lang,
                                   TimePoint now, std::chrono::system_clock::time_point wall_now) {
    auto state = screens::sample_state(name, now, wall_now, configured_content(settings));
    if (!state) {
        std::fprintf(stderr, "%s: unknown screen '%s'\n", tool, name.c_str());
        return std::nullopt;
    }
    screens::set_language(*state, lang);
    return state;
}

std::optional<State> token_screen(const char* tool, const Settings& settings, const std::vector<std::string>& files,
                                  hw::PinState pin, bool checking, Lang lang, TimePoint now,
                                  std::chrono::system_clock::time_point wall_now) {
    std::string unreadable;
    auto certificates = certificate_files(files, unreadable);
    if (!certificates) {
        std::fprintf(stderr, "%s: cannot read %s\n", tool, unreadable.c_str());
        return std::nullopt;
    }
    std::vector<std::string> trust_problems;
    Inspector inspector(inspection_settings(settings), trust_problems);
    for (const auto& p : trust_problems) std::fprintf(stderr, "%s: trust: %s\n", tool, p.c_str());
    hw::TokenSnapshot snapshot;
    snapshot.pin = pin;
    snapshot.certificates = *certificates;
    hw::Verdict verdict = checking ? inspector.judge(snapshot.certificates, pin, wall_now, true)
                                   : inspector.judge_with_revocation(snapshot.certificates, pin, wall_now);
    State state = screens::token_state(now, std::move(snapshot), std::move(verdict));
    state.content = configured_content(settings);
    screens::set_language(state, lang);
    return state;
}

}  // namespace eimza::app
