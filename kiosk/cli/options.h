#pragma once
// One command-line parser (CLI11) for every eimza-kiosk command. A command
// declares its options on a CLI::App, then parse_options() reads the
// arguments and gives the exit codes every command shares: 0 after --help
// (the command's usage on stdout), 2 after a usage error (what is wrong and
// the usage on stderr).
#include <CLI/CLI.hpp>

#include <cstdio>
#include <functional>
#include <optional>
#include <string>

#include "kiosk/cli/commands.h"
#include "kiosk/base/i18n.h"

namespace eimza::cli {

// Writes a command's usage text to the stream.
using Usage = std::function<void(std::FILE*)>;

// A usage text that is one fixed string.
Usage usage_text(const char* text);

// nullopt to run the command, else its exit code.
std::optional<int> parse_options(CLI::App& options, const Args& args, const Usage& usage);

// After parsing, for rules CLI11 cannot state: prints WHAT and the usage and
// returns the usage exit code.
int usage_error(const CLI::App& options, const Usage& usage, const std::string& what);

// An option whose text PARSE turns into a value; when it cannot, the error
// says the option takes WANTS.
CLI::Option* add_parsed_option(CLI::App& options, const std::string& name, std::function<bool(const std::string&)> parse,
                               const std::string& wants);

// A whole number above zero (seconds, bytes).
CLI::Validator above_zero();

// --config FILE, the configuration file (docs/configuration.md).
CLI::Option* add_config_option(CLI::App& options, std::string& config_file);

// --lang tr|en.
CLI::Option* add_lang_option(CLI::App& options, Lang& lang);

}  // namespace eimza::cli
