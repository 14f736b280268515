#include "hw/token/token_snapshot.h"

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

const char* to_string(ReadFailure failure) {
    switch (failure) {
        case ReadFailure::removed: return "removed";
        case ReadFailure::unreadable: return "unreadable";
        case ReadFailure::no_module: return "no_module";
        case ReadFailure::timed_out: return "timed_out";
    }
    return "unreadable";
}

std::string to_hex(const Bytes& bytes) {
    static const char digits[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (auto b : bytes) {
        out += digits[b >> 4];
        out += digits[b & 0x0F];
    }
    return out;
}

}  // namespace eimza::hw
