#include "kiosk/app/at_rest_marker.h"

#include <cstdlib>
#include <fstream>
#include <system_error>

#include "kiosk/base/log.h"

namespace eimza::app {

AtRestMarker::AtRestMarker() {
    if (const char* dir = std::getenv("RUNTIME_DIRECTORY"); dir && *dir) file_ = std::filesystem::path(dir) / "at-rest";
}

void AtRestMarker::follow(bool at_rest) {
    if (file_.empty() || shown_ == at_rest) return;
    std::error_code ec;
    if (at_rest) {
        std::ofstream(file_).put('\n');
        if (!std::filesystem::exists(file_, ec)) log_warning("fleet", "cannot write " + file_.string());
    } else {
        std::filesystem::remove(file_, ec);
        if (ec) log_warning("fleet", "cannot remove " + file_.string() + ": " + ec.message());
    }
    shown_ = at_rest;
}

}  // namespace eimza::app
