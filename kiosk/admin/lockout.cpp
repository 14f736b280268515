#include "kiosk/admin/lockout.h"

#include <algorithm>

namespace eimza::admin {

std::chrono::seconds lockout_after(int consecutive_failures) {
    if (consecutive_failures < 3) return std::chrono::seconds(0);
    const int doublings = std::min(consecutive_failures - 3, 5);
    return std::min(std::chrono::seconds(30 << doublings), std::chrono::seconds(15 * 60));
}

}  // namespace eimza::admin
