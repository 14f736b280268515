#pragma once
// Plays speech through SDL audio. Rendering (espeak-ng) runs on a thread of
// its own and hands its samples to SDL's queue as they come, so the UI
// thread only posts a request; a new request or stop() silences what was
// being said at once.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "kiosk/base/i18n.h"

namespace eimza::app {

class Speaker {
public:
    Speaker();
    ~Speaker();
    Speaker(const Speaker&) = delete;
    Speaker& operator=(const Speaker&) = delete;

    // Replaces whatever is being said.
    void say(std::string text, Lang lang);
    void stop();

    // For the benchmark: when the last request's first samples reached the
    // audio queue, and how many samples it has queued so far.
    std::optional<std::chrono::steady_clock::time_point> first_sample_at() const;
    std::uint64_t samples_queued() const;

private:
    struct Request {
        std::string text;
        Lang lang;
    };
    void run();

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::optional<Request> pending_;
    std::uint64_t generation_ = 0;  // a request's samples are queued only while it is the latest
    bool quit_ = false;
    std::uint32_t device_ = 0;      // SDL_AudioDeviceID, 0 until opened (and when there is no sound)
    std::optional<std::chrono::steady_clock::time_point> first_sample_at_;
    std::uint64_t samples_queued_ = 0;
    std::thread thread_;
};

}  // namespace eimza::app
