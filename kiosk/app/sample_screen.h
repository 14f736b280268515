#pragma once
// The sample screens the command-line tools draw or speak (screenshot,
// speak): the same names, the same content, the same problems reported.
#include <optional>
#include <string>
#include <vector>

#include "kiosk/base/settings.h"
#include "kiosk/model/state.h"

namespace eimza::app {

// The sample NAME in LANG over the configured content (content problems are
// printed to stderr and the sample is drawn without content); nullopt, with
// a message naming TOOL, when there is no such sample.
std::optional<State> sample_screen(const char* tool, const Settings& settings, const std::string& name, Lang lang,
                                   TimePoint now, std::chrono::system_clock::time_point wall_now);

// The token screen for a card holding the certificate files given, judged
// as the kiosk judges a card: its trust anchors and, unless checking (the
// verdict shown while the CA is asked), OCSP and CRLs as configured.
// nullopt, with a message naming TOOL, when a file cannot be read.
std::optional<State> token_screen(const char* tool, const Settings& settings, const std::vector<std::string>& files,
                                  hw::PinState pin, bool checking, Lang lang, TimePoint now,
                                  std::chrono::system_clock::time_point wall_now);

}  // namespace eimza::app
