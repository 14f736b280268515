#include "hw/token/token_snapshot.h"

namespace eimza::hw {

const char* to_string(ReadFailure failure) {
    switch (failure) {
        case ReadFailure::removed: return "removed";
        case ReadFailure::unreadable: return "unreadable";
        case ReadFailure::no_module: return "no_module";
        case ReadFailure::timed_out: return "timed_out";
    }
    return "unreadable";
}

}  // namespace eimza::hw
