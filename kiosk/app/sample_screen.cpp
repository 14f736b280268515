#include "kiosk/app/sample_screen.h"

#include <cstdio>
#include <memory>

#include "kiosk/content/content.h"
#include "screens/samples.h"

namespace eimza::app {

std::optional<State> sample_screen(const char* tool, const Settings& settings, const std::string& name, Lang lang,
                                   TimePoint now, std::chrono::system_clock::time_point wall_now) {
    std::vector<content::Problem> content_problems;
    auto content = std::make_shared<const content::Content>(
        content::load_content(resolve_assets_dir(settings) / "content", content_problems));
    for (const auto& p : content_problems)
        std::fprintf(stderr, "content: %s:%d: %s\n", p.file.c_str(), p.line, p.what.c_str());
    auto state = screens::sample_state(name, now, wall_now, content_problems.empty() ? content : nullptr);
    if (!state) {
        std::fprintf(stderr, "%s: unknown screen '%s'\n", tool, name.c_str());
        return std::nullopt;
    }
    screens::set_language(*state, lang);
    return state;
}

}  // namespace eimza::app
