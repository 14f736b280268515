#include "kiosk/app/voice_guide.h"

#include "kiosk/speech/script.h"

namespace eimza::app {

void VoiceGuide::follow(const State& state, TimePoint now, std::chrono::system_clock::time_point wall_now) {
    if (!state.guide()) {
        if (speaker_ && !topic_.empty()) speaker_->stop();
        topic_.clear();
        return;
    }
    const speech::Script script = speech::screen_script(state, now, wall_now);
    std::string topic = std::string(to_string(state.lang())) + "\n" + script.topic;
    if (topic == topic_) return;
    topic_ = std::move(topic);
    if (!speaker_) speaker_ = std::make_unique<Speaker>();
    speaker_->say(speech::render(script, texts_, state.lang()), state.lang());
}

}  // namespace eimza::app
