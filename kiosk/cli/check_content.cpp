// eimza-kiosk check-content [DIR]: validates content for hospital IT.
#include <cstdio>

#include "kiosk/cli/options.h"
#include "kiosk/content/content.h"
#include "kiosk/base/settings.h"

namespace eimza::cli {

int check_content(const Args& args) {
    std::filesystem::path dir = resolve_assets_dir(Settings{}) / "content";
    CLI::App options{"", "check-content"};
    options.add_option("DIR", dir);
    if (const auto exit = parse_options(options, args,
                                        usage_text("Usage: eimza-kiosk check-content [DIR]\n"
                                                   "Validates the content directory (default: the kiosk's assets/content).\n"
                                                   "Exit codes: 0 valid, 1 invalid, 2 usage.\n")))
        return *exit;
    std::vector<content::Problem> problems;
    const content::Content loaded = content::load_content(dir, problems);
    for (const auto& p : problems)
        std::printf("%s:%d: %s — %s\n", (dir / p.file).c_str(), p.line, p.what.c_str(), p.why.c_str());
    if (!problems.empty()) {
        std::printf("%zu problem(s) in %s\n", problems.size(), dir.c_str());
        return 1;
    }
    std::printf("%s: valid (version %s; %zu processes, %zu accounts, %zu fees)\n", dir.c_str(), loaded.version.c_str(),
                loaded.processes.size(), loaded.accounts.size(), loaded.fees.size());
    return 0;
}

}  // namespace eimza::cli
