// The voice guide's cost (docs/performance.md): from a change of screen to
// the first samples in SDL's audio queue, and the CPU of the whole process
// while a screen is spoken. The kiosk's own VoiceGuide and Speaker, with
// SDL's "dummy" audio driver unless SDL_AUDIODRIVER says otherwise (it
// takes samples at the playing rate, like a sound card, with no card).
//   speech_bench [ROUNDS]
#include <SDL.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/app/voice_guide.h"
#include "kiosk/content/content.h"
#include "screens/samples.h"

using namespace eimza;
using Steady = std::chrono::steady_clock;

namespace {

double process_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double ms_between(Steady::time_point a, Steady::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

// The State of a sample screen with the guide on.
State guided(const std::string& name, Lang lang, const std::shared_ptr<const content::Content>& content) {
    auto state = screens::sample_state(name, Clock::now(), std::chrono::system_clock::now(), content);
    if (!state) {
        std::fprintf(stderr, "speech_bench: no sample screen %s\n", name.c_str());
        std::exit(1);
    }
    screens::set_language(*state, lang);
    if (!state->session) state->session.emplace(lang);
    state->session->access.guide = true;
    return *state;
}

// Follows the State and waits for its first samples; the time it took.
double first_sample_ms(app::VoiceGuide& guide, const State& state) {
    const auto t0 = Steady::now();
    guide.follow(state, Clock::now(), std::chrono::system_clock::now());
    for (int i = 0; i < 5000; ++i) {
        if (const auto at = guide.speaker()->first_sample_at(); at && *at >= t0) return ms_between(t0, *at);
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    std::fprintf(stderr, "speech_bench: no sample within 1 s\n");
    std::exit(1);
}

}  // namespace

int main(int argc, char** argv) {
    const int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 10;
    setenv("SDL_AUDIODRIVER", "dummy", 0);
    if (SDL_Init(0) != 0) return 1;
    std::vector<content::Problem> problems;
    const auto content = std::make_shared<const content::Content>(
        content::load_content(std::filesystem::path(EIMZA_SOURCE_DIR) / "assets" / "content", problems));
    std::vector<TextProblem> text_problems;
    const Texts texts = Texts::load(std::filesystem::path(EIMZA_SOURCE_DIR) / "assets" / "i18n", text_problems);

    app::VoiceGuide guide(texts);
    const std::vector<std::string> screens = {"home", "token-valid", "token-revoked", "processes",
                                              "process-renewal-payment", "details", "printed", "idle-countdown"};
    // Switching the guide on: espeak-ng and the audio device start then.
    const double cold = first_sample_ms(guide, guided("home", Lang::en, content));
    std::printf("guide switched on (espeak-ng and audio start) -> first sample: %.1f ms\n", cold);

    for (const Lang lang : {Lang::tr, Lang::en}) {
        std::vector<double> latencies;
        double worst = 0;
        std::string worst_screen;
        for (int round = 0; round < rounds; ++round)
            for (const auto& name : screens) {
                const double ms = first_sample_ms(guide, guided(name, lang, content));
                latencies.push_back(ms);
                if (ms > worst) worst = ms, worst_screen = name;
            }
        std::printf("%s: screen change -> first sample: median %.1f ms, worst %.1f ms (%s), %zu changes\n",
                    to_string(lang), median(latencies), worst, worst_screen.c_str(), latencies.size());
    }

    // CPU while a long screen is spoken, over as long as it takes to play.
    for (const Lang lang : {Lang::tr, Lang::en}) {
        const State state = guided("process-renewal-payment", lang, content);
        guide.follow(guided("home", lang, content), Clock::now(), std::chrono::system_clock::now());
        const double cpu0 = process_cpu_ms();
        const auto t0 = Steady::now();
        first_sample_ms(guide, state);
        std::uint64_t queued = 0;
        double played_ms = 0;
        // Until everything rendered has had the time to play.
        do {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            queued = guide.speaker()->samples_queued();
            played_ms = 1000.0 * static_cast<double>(queued) / 22050.0;
        } while (ms_between(t0, Steady::now()) < played_ms + 200);
        const double wall = ms_between(t0, Steady::now());
        const double cpu = process_cpu_ms() - cpu0;
        std::printf("%s: speaking a process step (%.1f s of speech): CPU %.0f ms over %.1f s = %.1f %% of one core\n",
                    to_string(lang), played_ms / 1000, cpu, wall / 1000, 100 * cpu / wall);
    }
    SDL_Quit();
    return 0;
}
