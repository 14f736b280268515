// For fleet_integration.sh:
//   fleet_metrics_tool check FILE     the strict format and lint checks; exit 1 with the problems
//   fleet_metrics_tool sample DIR     writes the awkward full snapshot as DIR/eimza_kiosk.prom
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

#include "tests/fleet/metrics_checks.h"

int main(int argc, char** argv) {
    const std::string command = argc == 3 ? argv[1] : "";
    if (command == "check") {
        std::ifstream in(argv[2]);
        const std::string text((std::istreambuf_iterator<char>(in)), {});
        const auto e = eimza::test::parse_exposition(text);
        for (const auto& p : e.problems) std::fprintf(stderr, "%s: %s\n", argv[2], p.c_str());
        return in && e.problems.empty() ? 0 : 1;
    }
    if (command == "sample") {
        std::string error;
        if (eimza::fleet::write_metrics(argv[2], eimza::fleet::render_metrics(eimza::test::full_snapshot()), error))
            return 0;
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    std::fprintf(stderr, "usage: fleet_metrics_tool check FILE | sample DIR\n");
    return 2;
}
