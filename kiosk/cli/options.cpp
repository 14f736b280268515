#include "kiosk/cli/options.h"

#include <limits>
#include <utility>

namespace eimza::cli {

Usage usage_text(const char* text) {
    return [text](std::FILE* stream) { std::fputs(text, stream); };
}

std::optional<int> parse_options(CLI::App& options, const Args& args, const Usage& usage) {
    // CLI11 takes the arguments last first.
    std::vector<std::string> reversed(args.rbegin(), args.rend());
    try {
        options.parse(reversed);
    } catch (const CLI::CallForHelp&) {
        usage(stdout);
        return 0;
    } catch (const CLI::ParseError& e) {
        return usage_error(options, usage, e.what());
    }
    return std::nullopt;
}

int usage_error(const CLI::App& options, const Usage& usage, const std::string& what) {
    std::fprintf(stderr, "%s: %s\n", options.get_name().c_str(), what.c_str());
    usage(stderr);
    return 2;
}

CLI::Option* add_parsed_option(CLI::App& options, const std::string& name, std::function<bool(const std::string&)> parse,
                               const std::string& wants) {
    return options.add_option_function<std::string>(name, [name, parse = std::move(parse), wants](const std::string& text) {
        if (!parse(text)) throw CLI::ValidationError(name, "takes " + wants + ", not '" + text + "'");
    });
}

CLI::Validator above_zero() {
    return CLI::Range(1, std::numeric_limits<int>::max());
}

CLI::Option* add_config_option(CLI::App& options, std::string& config_file) {
    return options.add_option("--config", config_file);
}

CLI::Option* add_lang_option(CLI::App& options, Lang& lang) {
    return add_parsed_option(
        options, "--lang", [&lang](const std::string& text) { return parse_lang(text, lang); }, "tr or en");
}

}  // namespace eimza::cli
