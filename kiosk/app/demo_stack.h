#pragma once
// Demo mode's virtual card stack (pcscd + vpcd + our card emulator, from
// tests/vcard/). Only used with --demo.
#include <string>

namespace eimza::app {

// Starts the stack; false with a message when the scripts are not there
// (an installed kiosk has none) or fail.
bool start_demo_stack(std::string& error);
void stop_demo_stack();
// profile empty: remove the card.
bool demo_card(const std::string& profile, std::string& error);

}  // namespace eimza::app
