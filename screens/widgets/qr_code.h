#pragma once
// A QR code drawn with ImGui rectangles (libqrencode), so every URL on a
// screen can be scanned with a phone.
#include <string_view>

#include "screens/ui.h"

namespace eimza::screens {

// Draws the code for text in a square of side size (quiet zone included)
// at the cursor and advances it. Text that cannot be encoded draws nothing
// and is reported as a layout problem.
void qr_code(const Ui& ui, std::string_view text, float size);

}  // namespace eimza::screens
