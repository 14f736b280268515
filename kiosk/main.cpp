// eimza-kiosk: the kiosk itself (no subcommand) or one of its tools.
#include <cstdio>
#include <string>

#include "kiosk/app/app.h"
#include "kiosk/cli/options.h"

namespace {

struct Subcommand {
    const char* name;
    int (*run)(const eimza::cli::Args&);
    const char* summary;
};

const Subcommand kSubcommands[] = {
    {"status", eimza::cli::status, "wait for a card, read it and print its verdict"},
    {"verify", eimza::cli::verify, "print the verdict on certificate files"},
    {"print", eimza::cli::print, "generate a process's documents and print them or write them to a directory"},
    {"check-content", eimza::cli::check_content, "validate the content files (institutions, fees, processes)"},
    {"content-sign", eimza::cli::content_sign, "sign a content directory as a bundle for content updates"},
    {"content-verify", eimza::cli::content_verify, "check a signed content bundle against the signer's certificate"},
    {"content-update", eimza::cli::content_update, "fetch, check and install the signed content bundle (timer)"},
    {"screenshot", eimza::app::screenshot, "render one screen offscreen to a PNG file"},
    {"speak", eimza::app::speak, "write what the voice guide says on one screen to a WAV file"},
    {"admin-pin-hash", eimza::cli::admin_pin_hash, "make the admin.pin_hash configuration line from a PIN on stdin"},
    {"allowed-hosts", eimza::cli::allowed_hosts, "print the servers the configuration lets the kiosk contact"},
    {"check-config", eimza::cli::check_config, "validate a configuration file, every problem as FILE:LINE"},
    {"provision", eimza::cli::provision, "write a site's configuration into a copy of the generic disk image"},
};

void print_help(std::FILE* stream) {
    std::fprintf(stream,
        "Usage: eimza-kiosk [--demo] [--config FILE] [--metrics-dir DIR]\n"
        "       eimza-kiosk COMMAND [ARGS...]   (COMMAND --help for its own options)\n"
        "\n"
        "Without a command the kiosk starts: fullscreen unless the configuration says\n"
        "otherwise; --demo runs it in a window for trying it out.\n"
        "\n"
        "Options:\n"
        "  --config FILE   configuration file (default /etc/eimza-kiosk/kiosk.yaml if present;\n"
        "                  see docs/configuration.md)\n"
        "  --demo          windowed demo mode\n"
        "  --metrics-dir DIR\n"
        "                  write Prometheus metrics to DIR/eimza_kiosk.prom for node_exporter's\n"
        "                  textfile collector (overrides metrics.dir; see docs/monitoring.md)\n"
        "  --help          this text\n"
        "  --version       print the version\n"
        "\n"
        "Commands:\n");
    for (const auto& command : kSubcommands) std::fprintf(stream, "  %-14s %s\n", command.name, command.summary);
    std::fprintf(stream,
        "\n"
        "Exit codes: 0 success, 2 usage or configuration error; commands document others.\n");
}

}  // namespace

int main(int argc, char** argv) {
    eimza::cli::Args args(argv + 1, argv + argc);
    if (!args.empty() && args[0][0] != '-') {
        for (const auto& command : kSubcommands) {
            if (args[0] == command.name) return command.run(eimza::cli::Args(args.begin() + 1, args.end()));
        }
        std::fprintf(stderr, "eimza-kiosk: unknown command '%s' (try --help)\n", args[0].c_str());
        return 2;
    }

    eimza::app::Options options;
    bool version = false;
    CLI::App parser{"", "eimza-kiosk"};
    parser.add_flag("--demo", options.demo);
    eimza::cli::add_config_option(parser, options.config_file);
    parser.add_option("--metrics-dir", options.metrics_dir);
    parser.add_flag("--version", version);
    if (const auto exit = eimza::cli::parse_options(parser, args, print_help)) return *exit;
    if (version) {
        std::printf("eimza-kiosk %s\n", EIMZA_VERSION);
        return 0;
    }
    return eimza::app::run_kiosk(options);
}
