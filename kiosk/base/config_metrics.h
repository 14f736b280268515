#pragma once
#include <chrono>
#include <filesystem>

#include "kiosk/base/config.h"

namespace eimza {

// The `metrics` section (docs/configuration.md, docs/monitoring.md).
struct MetricsConfig {
    // node_exporter's textfile collector directory; empty: no metrics file.
    // Debian's prometheus-node-exporter reads /var/lib/prometheus/node-exporter.
    std::filesystem::path dir;
    // How often the file is rewritten even when nothing changed (its mtime
    // then shows a hung kiosk), and how often changed counters are saved.
    std::chrono::seconds interval{30};
    // Where the anonymous counters are kept across restarts (the systemd
    // unit's StateDirectory); the kiosk never creates it.
    std::filesystem::path state_dir = "/var/lib/eimza-kiosk";
};

void parse_metrics_section(const YAML::Node& map, MetricsConfig& out, std::vector<ConfigProblem>& problems);

}  // namespace eimza
