#pragma once
// The kiosk's settings: one YAML file (docs/configuration.md) parsed once, at
// start, into types; nothing reads the YAML again. Every key is optional and
// the defaults suit a demo. Each top-level section has one parser, next to
// the code that uses its values; kSections in settings.cpp lists them all.
#include <filesystem>
#include <string>
#include <vector>

#include "hw/cert/verdict_config.h"
#include "hw/print/cups_printer.h"
#include "hw/token/token_config.h"
#include "kiosk/content/content_store.h"
#include "kiosk/content/content_update.h"
#include "kiosk/base/config.h"
#include "kiosk/base/config_admin.h"
#include "kiosk/base/config_mail.h"
#include "kiosk/base/config_metrics.h"
#include "kiosk/base/config_printing.h"
#include "kiosk/base/config_site.h"

namespace eimza {

struct Settings {
    std::filesystem::path file;  // empty when running on defaults
    KioskSection kiosk;
    LogTarget log_target = LogTarget::automatic;  // the `logging` section
    hw::TokenConfig token = hw::default_token_config();
    hw::VerdictConfig verdict;
    hw::PrintConfig printing;
    PrinterSetup printer_setup;  // also from `printing`: the queue the image makes at boot
    content::ContentSettings content;
    content::ContentUpdateSettings content_update;
    MetricsConfig metrics;
    AdminConfig admin;
    hw::SmtpConfig mail;  // the hospital's relay for FORM-001-003; off by default
    SiteConfig site;
};

// Parses text (file names it in problems). Unknown keys and bad values are
// problems, each with its line; the Settings hold defaults where a value
// was bad. Never throws, whatever the YAML holds.
Settings parse_settings(const std::string& text, const std::filesystem::path& file, std::vector<ConfigProblem>& problems);
// A file that cannot be read is one problem at line 0.
Settings load_settings(const std::filesystem::path& file, std::vector<ConfigProblem>& problems);

// "FILE:LINE: what", the form every configuration problem is told in.
std::string describe(const std::filesystem::path& file, const ConfigProblem& problem);

// The configuration the installed kiosk and its tools read when no
// --config is given, if it exists.
inline constexpr const char* kDefaultConfigFile = "/etc/eimza-kiosk/kiosk.yaml";
// FILE, or kDefaultConfigFile when FILE is empty and that file exists, else "".
std::string config_file_or_default(const std::string& file);

// For the command-line tools: the file given with --config (defaults when
// empty), every problem printed to stderr as FILE:LINE: what. False when
// there was any problem.
bool load_cli_settings(const std::string& file, Settings& settings);

// Where assets/ is: the configured directory, else the source tree's (for
// builds run in place), else the installed /usr/share/eimza-kiosk.
std::filesystem::path resolve_assets_dir(const Settings& settings);

}  // namespace eimza
