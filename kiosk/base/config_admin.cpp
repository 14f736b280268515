#include "kiosk/base/config_admin.h"

#include "kiosk/admin/admin_pin.h"

namespace eimza {

void parse_admin_section(const YAML::Node& node, AdminConfig& out, std::vector<ConfigProblem>& problems) {
    reject_unknown_keys(node, {"pin_hash", "hold_seconds"}, "admin", problems);
    if (read_string(node, "pin_hash", out.pin_hash, problems) && !out.pin_hash.empty() &&
        !admin::is_valid_hash(out.pin_hash)) {
        problems.push_back({node["pin_hash"].Mark().line + 1,
                            "admin.pin_hash is not a hash made by 'eimza-kiosk admin-pin-hash'; the admin screens stay closed"});
        out.pin_hash.clear();
    }
    int hold = static_cast<int>(out.hold.count());
    if (read_int(node, "hold_seconds", hold, 2, 30, problems)) out.hold = std::chrono::seconds(hold);
}

}  // namespace eimza
