#pragma once
// What the metrics tests share: a strict reader of the Prometheus text
// exposition format (0.0.4) as node_exporter's textfile collector applies
// it, with promtool's lint rules on top; and a snapshot with every field
// set and awkward label values.
#include <map>
#include <string>
#include <vector>

#include "kiosk/fleet/metrics.h"

namespace eimza::test {

struct Exposition {
    // "name{a=\"x\",b=\"y\"}" (label values unescaped, in file order) -> value text
    std::map<std::string, std::string> samples;
    std::map<std::string, std::string> types;  // family -> counter | gauge | …
    std::map<std::string, std::string> help;   // family -> text, unescaped
    std::vector<std::string> problems;         // empty: the file is valid
};

Exposition parse_exposition(const std::string& text);

fleet::MetricsSnapshot full_snapshot();

}  // namespace eimza::test
