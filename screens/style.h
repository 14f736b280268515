#pragma once

namespace eimza::screens {

// ImGui style for a touch kiosk: large paddings, no hover-only cues, high
// contrast. Applies to the current context.
void apply_kiosk_style(float scale);

}  // namespace eimza::screens
