#include "kiosk/app/speaker.h"

#include <SDL.h>

#include "kiosk/base/log.h"
#include "kiosk/speech/engine.h"

namespace eimza::app {

Speaker::Speaker() {
    // SDL's subsystems are started from the thread that owns SDL.
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0)
        log_error("speech", std::string("no audio: ") + SDL_GetError());
    thread_ = std::thread([this] { run(); });
}

Speaker::~Speaker() {
    {
        std::lock_guard lock(mutex_);
        quit_ = true;
        ++generation_;
    }
    wake_.notify_all();
    thread_.join();
    if (device_) SDL_CloseAudioDevice(device_);
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

void Speaker::say(std::string text, Lang lang) {
    {
        std::lock_guard lock(mutex_);
        pending_ = Request{std::move(text), lang};
        ++generation_;
        first_sample_at_.reset();
        samples_queued_ = 0;
        if (device_) SDL_ClearQueuedAudio(device_);
    }
    wake_.notify_all();
}

void Speaker::stop() {
    std::lock_guard lock(mutex_);
    pending_.reset();
    ++generation_;
    if (device_) SDL_ClearQueuedAudio(device_);
}

std::optional<std::chrono::steady_clock::time_point> Speaker::first_sample_at() const {
    std::lock_guard lock(mutex_);
    return first_sample_at_;
}

std::uint64_t Speaker::samples_queued() const {
    std::lock_guard lock(mutex_);
    return samples_queued_;
}

void Speaker::run() {
    speech::Voice voice;
    std::string error;
    if (!voice.init(error)) {
        log_error("speech", error);
        return;
    }
    SDL_AudioSpec want{}, have{};
    want.freq = voice.sample_rate();
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 512;  // ~23 ms at 22 kHz: the first sound follows closely
    const SDL_AudioDeviceID device = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);
    if (!device) {
        log_error("speech", std::string("cannot open the audio device: ") + SDL_GetError());
        return;
    }
    SDL_PauseAudioDevice(device, 0);
    {
        std::lock_guard lock(mutex_);
        device_ = device;
    }
    log_info("speech", "voice guide ready (espeak-ng, " + std::to_string(have.freq) + " Hz)");
    while (true) {
        Request request;
        std::uint64_t generation = 0;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return quit_ || pending_; });
            if (quit_) return;
            request = std::move(*pending_);
            pending_.reset();
            generation = generation_;
        }
        voice.speak(request.text, request.lang, [&](const std::int16_t* samples, std::size_t count) {
            std::lock_guard lock(mutex_);
            if (generation != generation_) return false;  // replaced or stopped
            SDL_QueueAudio(device, samples, static_cast<Uint32>(count * sizeof(std::int16_t)));
            if (!first_sample_at_) first_sample_at_ = std::chrono::steady_clock::now();
            samples_queued_ += count;
            return true;
        });
    }
}

}  // namespace eimza::app
