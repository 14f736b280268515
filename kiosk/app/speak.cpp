// eimza-kiosk speak: what the voice guide says on a named sample screen
// (the names of `screenshot`), rendered by espeak-ng into a WAV file, and
// the words on stdout. Needs no display and no sound card.
#include <cstdio>
#include <string>

#include "kiosk/app/app.h"
#include "kiosk/app/sample_screen.h"
#include "kiosk/cli/options.h"
#include "kiosk/content/content.h"
#include "kiosk/base/settings.h"
#include "kiosk/speech/engine.h"
#include "kiosk/speech/script.h"
#include "screens/samples.h"

namespace eimza::app {

namespace {

void usage(std::FILE* stream) {
    std::fprintf(stream,
                 "Usage: eimza-kiosk speak --screen NAME --lang tr|en --out FILE.wav [--config FILE]\n"
                 "Screens: the names `eimza-kiosk screenshot --help` lists.\n");
}

}  // namespace

int speak(const cli::Args& args) {
    std::string screen, out, config_file;
    Lang lang = Lang::tr;
    CLI::App options{"", "speak"};
    options.add_option("--screen", screen)->required();
    cli::add_lang_option(options, lang);
    options.add_option("--out", out)->required();
    cli::add_config_option(options, config_file);
    if (const auto exit = cli::parse_options(options, args, usage)) return *exit;
    Settings config;
    if (!load_cli_settings(config_file, config)) return 2;

    const TimePoint now = Clock::now();
    const auto wall_now = std::chrono::system_clock::now();
    auto state = sample_screen("speak", config, screen, lang, now, wall_now);
    if (!state) {
        usage(stderr);
        return 2;
    }
    std::vector<TextProblem> text_problems;
    const Texts texts = Texts::load(resolve_assets_dir(config) / "i18n", text_problems);
    for (const auto& p : text_problems) std::fprintf(stderr, "i18n: %s:%d: %s\n", p.file.c_str(), p.line, p.what.c_str());

    const std::string words = speech::render(speech::screen_script(*state, now, wall_now), texts, lang);
    speech::Voice voice;
    std::string error;
    if (!voice.init(error)) {
        std::fprintf(stderr, "speak: %s\n", error.c_str());
        return 1;
    }
    const auto samples = voice.render(words, lang);
    if (samples.empty() || !speech::write_wav(out, samples, voice.sample_rate())) {
        std::fprintf(stderr, "speak: cannot write %s\n", out.c_str());
        return 1;
    }
    std::printf("%s\n", words.c_str());
    return 0;
}

}  // namespace eimza::app
