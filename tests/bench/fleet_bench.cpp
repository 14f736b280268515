// Fleet reporting costs (docs/performance.md).
//   fleet_bench [CRL_FILE]
// CRL_FILE: a large CRL, e.g. the one verdict_bench writes (PKI_DIR/big.crl).
// Prints timings: the UI thread's share per event, rendering and writing the
// metrics file, saving the counters, and reading the CRL cache's ages.
#include <openssl/x509.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <memory>
#include <vector>

#include "hw/cert/revocation.h"
#include "kiosk/content/content.h"
#include "kiosk/model/update.h"
#include "kiosk/fleet/counters.h"
#include "kiosk/fleet/metrics.h"

using namespace eimza;
using BenchClock = std::chrono::steady_clock;

namespace {

// Median and p95 in microseconds of `runs` calls.
void measure(const char* what, int runs, const std::function<void()>& work) {
    std::vector<double> us;
    for (int i = 0; i < runs; ++i) {
        const auto t0 = BenchClock::now();
        work();
        us.push_back(std::chrono::duration<double, std::micro>(BenchClock::now() - t0).count());
    }
    std::sort(us.begin(), us.end());
    std::printf("%-58s median %9.2f µs, p95 %9.2f µs (%d runs)\n", what, us[us.size() / 2],
                us[us.size() * 95 / 100], runs);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc > 2) {
        std::fprintf(stderr, "usage: fleet_bench [CRL_FILE]\n");
        return 2;
    }
    char pattern[] = "/tmp/eimza-fleet-bench.XXXXXX";
    if (!mkdtemp(pattern)) return 1;
    const std::filesystem::path dir = pattern;

    // A session in the middle of a process, with a card and its verdict.
    State state;
    TokenSession token;
    token.generation = 7;
    hw::Verdict verdict;
    verdict.overall = hw::Overall::renew_soon;
    verdict.certificates.resize(2);
    token.read = TokenReady{{}, verdict, std::nullopt};
    open_session(state).token = token;
    std::vector<content::Problem> problems;
    state.content = std::make_shared<const content::Content>(
        content::load_content(std::filesystem::path(EIMZA_SOURCE_DIR) / "assets" / "content", problems));
    state.session->process = ProcessSession{"renewal", {"role", "fp_pay"}, std::nullopt};
    fleet::Counters counters;
    fleet::Observed last;
    measure("UI thread, per event: observe + count", 100000, [&] {
        const auto observed = fleet::observe(state);
        fleet::count(counters, last, observed, Event{Tick{}});
        last = observed;
    });

    fleet::MetricsSnapshot snapshot;
    snapshot.counters.sessions = 123456;
    for (auto& n : snapshot.counters.verdicts) n = 1000;
    for (const auto& id : content::process_ids()) snapshot.counters.processes_started[id] = 100;
    snapshot.content_version = "2026-11-23 (seeds)";
    snapshot.version = "0.1.0";
    snapshot.printer = hw::PrinterCondition::ok;
    std::string text;
    measure("render the metrics text", 10000, [&] { text = fleet::render_metrics(snapshot); });
    std::string error;
    measure("render + write eimza_kiosk.prom (temp file, rename)", 2000, [&] {
        if (!fleet::write_metrics(dir, fleet::render_metrics(snapshot), error)) std::exit(1);
    });
    std::printf("%-58s %zu bytes\n", "metrics file size", text.size());
    measure("save the counters (temp file, fsync, rename, fsync dir)", 200, [&] {
        if (!fleet::save_counters(dir, snapshot.counters, error)) std::exit(1);
    });

    if (argc == 2) {
        const std::filesystem::path crl_dir = dir / "crl";
        std::filesystem::create_directories(crl_dir);
        std::filesystem::copy_file(argv[1], crl_dir / "big.crl");
        const auto size = std::filesystem::file_size(crl_dir / "big.crl");
        measure("CRL cache ages: summarize_crl_cache (head only)", 1000, [&] {
            if (!hw::summarize_crl_cache(crl_dir.string()).oldest_this_update) std::exit(1);
        });
        std::ifstream in(crl_dir / "big.crl", std::ios::binary);
        const std::vector<unsigned char> der((std::istreambuf_iterator<char>(in)), {});
        measure("for contrast: decoding the whole CRL (d2i_X509_CRL)", 3, [&] {
            const unsigned char* p = der.data();
            X509_CRL_free(d2i_X509_CRL(nullptr, &p, static_cast<long>(der.size())));
        });
        std::printf("%-58s %.1f MB\n", "CRL size", static_cast<double>(size) / 1e6);
    }
    std::filesystem::remove_all(dir);
    return 0;
}
