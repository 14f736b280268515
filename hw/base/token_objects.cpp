#include "hw/base/token_objects.h"

namespace eimza::hw {

const char* to_string(PinState state) {
    switch (state) {
        case PinState::ok: return "ok";
        case PinState::count_low: return "count_low";
        case PinState::final_try: return "final_try";
        case PinState::locked: return "locked";
        case PinState::unknown: return "unknown";
    }
    return "unknown";
}

}  // namespace eimza::hw
