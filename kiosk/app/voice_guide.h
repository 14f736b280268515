#pragma once
// The voice guide in the loop: after each turn, what the State's screen
// says (kiosk/speech/script.h) goes to the Speaker when it changed, and
// nothing is said once the guide is off. The Speaker (and espeak-ng, and
// the audio device) is started the first time the guide is switched on,
// so a kiosk nobody asks to speak spends nothing on it.
#include <memory>
#include <string>

#include "kiosk/app/speaker.h"
#include "kiosk/model/state.h"

namespace eimza::app {

class VoiceGuide {
public:
    explicit VoiceGuide(const Texts& texts) : texts_(texts) {}
    void follow(const State& state, TimePoint now, std::chrono::system_clock::time_point wall_now);
    Speaker* speaker() { return speaker_.get(); }

private:
    const Texts& texts_;
    std::unique_ptr<Speaker> speaker_;
    std::string topic_;  // what is being said: the script's topic and its language
};

}  // namespace eimza::app
