#pragma once
// Named example States, one per screen and situation, for the screenshot
// command, the docs and the rendering tests. Fictional people only.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/model/state.h"

namespace eimza::screens {

std::vector<std::string> sample_names();
// "step:<process>:<step>" for every step of the content.
std::vector<std::string> step_sample_names(const content::Content& content);
// now/wall_now anchor the sample's timers and dates.
// content: the validated content the samples show (may be null).
std::optional<State> sample_state(const std::string& name, TimePoint now, std::chrono::system_clock::time_point wall_now,
                                  std::shared_ptr<const content::Content> content);
// The token screen of a card read at now: snapshot and verdict as given
// (the screenshot command's --token-certs gives the verdict engine's).
State token_state(TimePoint now, hw::TokenSnapshot snapshot, hw::Verdict verdict);
// Shows a sample in the language given: the kiosk's default and, when a
// session is open, the person's choice.
void set_language(State& state, Lang lang);

}  // namespace eimza::screens
