#pragma once
// The speech synthesiser: espeak-ng (Debian's libespeak-ng and its Turkish
// and English voices), rendering text to 16-bit mono samples. espeak-ng is
// one global engine: keep one Voice per process and use it from one thread.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "kiosk/base/i18n.h"

namespace eimza::speech {

class Voice {
public:
    Voice() = default;
    ~Voice();
    Voice(const Voice&) = delete;
    Voice& operator=(const Voice&) = delete;

    // Loads espeak-ng's data. False with a message when it is not installed.
    bool init(std::string& error);
    int sample_rate() const { return sample_rate_; }

    // Renders text, handing the samples over as they come (a few tens of ms
    // at a time) so that playing can start before the end is rendered.
    // on_samples returning false stops the rendering.
    using Sink = std::function<bool(const std::int16_t* samples, std::size_t count)>;
    bool speak(const std::string& text, Lang lang, const Sink& on_samples);
    // The whole rendering in memory.
    std::vector<std::int16_t> render(const std::string& text, Lang lang);
    // What the language's voice would say, in IPA, a clause a line: the
    // tests' way to hear which voice speaks and how numbers are read.
    std::string phonemes(const std::string& text, Lang lang);

private:
    bool use_voice(Lang lang);

    int sample_rate_ = 0;
    bool voice_set_ = false;
    Lang lang_ = Lang::tr;
};

// A RIFF/WAVE file of 16-bit mono samples.
bool write_wav(const std::string& path, const std::vector<std::int16_t>& samples, int sample_rate);

}  // namespace eimza::speech
