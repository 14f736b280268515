#pragma once
// Watches PC/SC on its own thread and reports readers coming and going,
// cards inserted and removed, and the service itself lost and back. A
// pcscd that is missing, killed or restarted is normal life: the monitor
// reconnects with backoff and never spins.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "hw/token/scard_api.h"
#include "hw/token/token_snapshot.h"

namespace eimza::hw {

// How long to wait before reconnecting to a missing pcscd: doubling from
// first up to max, so a dead service costs nothing while it stays dead.
struct Backoff {
    std::chrono::milliseconds first{250};
    std::chrono::milliseconds max{5000};
};

class ReaderMonitor {
public:
    using Sink = std::function<void(const ReaderEvent&)>;

    ReaderMonitor(Sink sink, std::unique_ptr<ScardApi> api, Backoff backoff = {});
    ~ReaderMonitor();
    ReaderMonitor(const ReaderMonitor&) = delete;
    ReaderMonitor& operator=(const ReaderMonitor&) = delete;

    void start();
    // Wakes the thread with SCardCancel (from this thread, never a signal
    // handler) and joins it.
    void stop();

private:
    struct Reader {
        bool present = false;
        bool mute = false;
        Bytes atr;
        DWORD state = SCARD_STATE_UNAWARE;
    };

    void run();
    void run_sessions();
    // One connected session; returns when the service is gone or on stop.
    void watch(SCARDCONTEXT context);
    bool sync_readers(SCARDCONTEXT context);
    void forget_all();
    void wait_backoff(std::chrono::milliseconds delay);

    Sink sink_;
    std::unique_ptr<ScardApi> api_;
    Backoff backoff_;
    std::map<std::string, Reader> readers_;
    bool service_up_ = false;
    bool reported_lost_ = false;

    std::atomic<bool> running_{false};
    std::mutex mutex_;  // guards context_ and the backoff wait
    std::condition_variable wake_;
    SCARDCONTEXT context_ = 0;
    bool has_context_ = false;
    bool exited_ = true;
    std::thread thread_;
};

}  // namespace eimza::hw
