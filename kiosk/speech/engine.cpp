#include "kiosk/speech/engine.h"

#include <espeak-ng/speak_lib.h>

#include <fstream>

namespace eimza::speech {

namespace {

// espeak-ng hands samples over in pieces this long: short enough that the
// first sound follows the request closely.
constexpr int kChunkMs = 40;

int on_synth(short* wav, int count, espeak_EVENT* events) {
    if (!wav || count <= 0 || !events) return 0;
    const auto* sink = static_cast<const Voice::Sink*>(events->user_data);
    return (*sink)(reinterpret_cast<const std::int16_t*>(wav), static_cast<std::size_t>(count)) ? 0 : 1;
}

void put_u32(std::ofstream& out, std::uint32_t v) {
    const char bytes[4] = {static_cast<char>(v), static_cast<char>(v >> 8), static_cast<char>(v >> 16),
                           static_cast<char>(v >> 24)};
    out.write(bytes, 4);
}
void put_u16(std::ofstream& out, std::uint16_t v) {
    const char bytes[2] = {static_cast<char>(v), static_cast<char>(v >> 8)};
    out.write(bytes, 2);
}

}  // namespace

Voice::~Voice() {
    if (sample_rate_ > 0) espeak_Terminate();
}

bool Voice::init(std::string& error) {
    // DONT_EXIT: a missing voice is an error to report, not exit() inside the library.
    sample_rate_ = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, kChunkMs, nullptr, espeakINITIALIZE_DONT_EXIT);
    if (sample_rate_ <= 0) {
        sample_rate_ = 0;
        error = "espeak-ng cannot start: install espeak-ng-data";
        return false;
    }
    espeak_SetSynthCallback(on_synth);
    for (const Lang lang : {Lang::en, Lang::tr}) {
        if (espeak_SetVoiceByName(to_string(lang)) != EE_OK) {
            error = std::string("espeak-ng has no voice '") + to_string(lang) + "': install espeak-ng-data";
            return false;
        }
    }
    voice_set_ = true;
    lang_ = Lang::tr;
    // A little slower than espeak's default: announcements in a noisy lobby.
    espeak_SetParameter(espeakRATE, 150, 0);
    return true;
}

bool Voice::use_voice(Lang lang) {
    if (sample_rate_ <= 0) return false;
    if (!voice_set_ || lang != lang_) {
        if (espeak_SetVoiceByName(to_string(lang)) != EE_OK) return false;
        espeak_SetParameter(espeakRATE, 150, 0);
        lang_ = lang;
        voice_set_ = true;
    }
    return true;
}

std::string Voice::phonemes(const std::string& text, Lang lang) {
    if (!use_voice(lang)) return {};
    std::string out;
    const void* at = text.c_str();
    while (at) {
        const char* clause = espeak_TextToPhonemes(&at, espeakCHARS_UTF8, espeakPHONEMES_IPA);
        if (!clause) break;
        out += std::string(clause) + "\n";
    }
    return out;
}

bool Voice::speak(const std::string& text, Lang lang, const Sink& on_samples) {
    if (!use_voice(lang)) return false;
    Sink sink = on_samples;
    const espeak_ERROR result = espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8,
                                             nullptr, &sink);
    return result == EE_OK;
}

std::vector<std::int16_t> Voice::render(const std::string& text, Lang lang) {
    std::vector<std::int16_t> samples;
    speak(text, lang, [&](const std::int16_t* s, std::size_t n) {
        samples.insert(samples.end(), s, s + n);
        return true;
    });
    return samples;
}

bool write_wav(const std::string& path, const std::vector<std::int16_t>& samples, int sample_rate) {
    std::ofstream out(path, std::ios::binary);
    if (!out) return false;
    const auto data_bytes = static_cast<std::uint32_t>(samples.size() * sizeof(std::int16_t));
    out.write("RIFF", 4);
    put_u32(out, 36 + data_bytes);
    out.write("WAVEfmt ", 8);
    put_u32(out, 16);
    put_u16(out, 1);  // PCM
    put_u16(out, 1);  // mono
    put_u32(out, static_cast<std::uint32_t>(sample_rate));
    put_u32(out, static_cast<std::uint32_t>(sample_rate) * 2);
    put_u16(out, 2);
    put_u16(out, 16);
    out.write("data", 4);
    put_u32(out, data_bytes);
    for (const std::int16_t s : samples) put_u16(out, static_cast<std::uint16_t>(s));
    return static_cast<bool>(out);
}

}  // namespace eimza::speech
