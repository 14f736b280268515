// The monitor's state machine against a fake PC/SC layer: hot-plug, card
// swaps, a service that dies and comes back.
#include <catch2/catch.hpp>

#include <condition_variable>
#include <algorithm>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>

#include "hw/token/reader_monitor.h"

using namespace eimza::hw;
using Kind = ReaderEvent::Kind;

namespace {

// Scripted pcsc-lite: each get_status_change call takes the next step.
struct FakeScard final : ScardApi {
    struct Step {
        LONG rv = SCARD_S_SUCCESS;
        std::vector<std::string> readers;       // after this step
        std::map<std::string, Bytes> cards;     // reader -> ATR present
    };
    std::mutex mutex;
    std::condition_variable cv;
    std::deque<Step> steps;
    std::vector<std::string> readers;
    std::map<std::string, Bytes> cards;
    int establish_failures = 0;
    bool cancelled = false;

    LONG establish(SCARDCONTEXT* context) override {
        std::lock_guard lock(mutex);
        if (establish_failures > 0) {
            --establish_failures;
            return SCARD_E_NO_SERVICE;
        }
        *context = 1;
        return SCARD_S_SUCCESS;
    }
    LONG release(SCARDCONTEXT) override { return SCARD_S_SUCCESS; }
    LONG list_readers(SCARDCONTEXT, std::vector<std::string>& out) override {
        std::lock_guard lock(mutex);
        out = readers;
        return SCARD_S_SUCCESS;
    }
    LONG get_status_change(SCARDCONTEXT, DWORD, SCARD_READERSTATE* states, DWORD count) override {
        std::unique_lock lock(mutex);
        // First report the current state if the caller does not know it.
        bool changed = false;
        for (DWORD i = 0; i < count; ++i) changed |= fill(states[i], false);
        if (changed) return SCARD_S_SUCCESS;
        cv.wait(lock, [&] { return cancelled || !steps.empty(); });
        if (cancelled) return SCARD_E_CANCELLED;
        Step step = steps.front();
        steps.pop_front();
        if (step.rv != SCARD_S_SUCCESS) return step.rv;
        const bool readers_changed = step.readers != readers;
        readers = step.readers;
        cards = step.cards;
        for (DWORD i = 0; i < count; ++i) fill(states[i], readers_changed);
        return SCARD_S_SUCCESS;
    }
    LONG cancel(SCARDCONTEXT) override {
        std::lock_guard lock(mutex);
        cancelled = true;
        cv.notify_all();
        return SCARD_S_SUCCESS;
    }
    void push(Step step) {
        std::lock_guard lock(mutex);
        steps.push_back(std::move(step));
        cv.notify_all();
    }

private:
    // Sets the event state; true when it differs from what the caller knew.
    bool fill(SCARD_READERSTATE& state, bool readers_changed) {
        const std::string name = state.szReader;
        if (name == "\\\\?PnP?\\Notification") {
            state.dwEventState = readers_changed ? SCARD_STATE_CHANGED : state.dwCurrentState;
            return readers_changed;
        }
        DWORD event = SCARD_STATE_EMPTY;
        state.cbAtr = 0;
        if (auto it = cards.find(name); it != cards.end()) {
            // No ATR: a card that did not answer its reset.
            event = it->second.empty() ? SCARD_STATE_PRESENT | SCARD_STATE_MUTE : SCARD_STATE_PRESENT;
            if (!it->second.empty()) std::memcpy(state.rgbAtr, it->second.data(), it->second.size());
            state.cbAtr = static_cast<DWORD>(it->second.size());
        }
        if (std::find(readers.begin(), readers.end(), name) == readers.end()) event = SCARD_STATE_UNKNOWN;
        const bool differs = (state.dwCurrentState & ~SCARD_STATE_CHANGED) != event;
        state.dwEventState = event | (differs ? SCARD_STATE_CHANGED : 0);
        return differs;
    }
};

struct Recorder {
    std::mutex mutex;
    std::condition_variable cv;
    std::vector<ReaderEvent> events;
    void operator()(const ReaderEvent& e) {
        std::lock_guard lock(mutex);
        events.push_back(e);
        cv.notify_all();
    }
    bool wait_for(std::size_t n) {
        std::unique_lock lock(mutex);
        return cv.wait_for(lock, std::chrono::seconds(3), [&] { return events.size() >= n; });
    }
    std::vector<Kind> kinds() {
        std::lock_guard lock(mutex);
        std::vector<Kind> out;
        for (const auto& e : events) out.push_back(e.kind);
        return out;
    }
};

}  // namespace

TEST_CASE("monitor: reader present, card inserted and removed", "[monitor]") {
    auto fake = std::make_unique<FakeScard>();
    FakeScard* scard = fake.get();
    scard->readers = {"R1"};
    Recorder recorder;
    ReaderMonitor monitor(std::ref(recorder), std::move(fake));
    monitor.start();
    REQUIRE(recorder.wait_for(2));
    scard->push({SCARD_S_SUCCESS, {"R1"}, {{"R1", {0x3B, 0x01}}}});
    REQUIRE(recorder.wait_for(3));
    scard->push({SCARD_S_SUCCESS, {"R1"}, {}});
    REQUIRE(recorder.wait_for(4));
    monitor.stop();
    CHECK(recorder.kinds() == std::vector<Kind>{Kind::service_back, Kind::reader_added, Kind::card_inserted,
                                                Kind::card_removed});
    CHECK(recorder.events[2].atr == Bytes{0x3B, 0x01});
}

TEST_CASE("monitor: hot-plugged reader with a card, then unplugged", "[monitor]") {
    auto fake = std::make_unique<FakeScard>();
    FakeScard* scard = fake.get();
    Recorder recorder;
    ReaderMonitor monitor(std::ref(recorder), std::move(fake));
    monitor.start();
    REQUIRE(recorder.wait_for(1));
    scard->push({SCARD_S_SUCCESS, {"USB"}, {{"USB", {0x3B, 0x02}}}});
    REQUIRE(recorder.wait_for(3));
    scard->push({SCARD_S_SUCCESS, {}, {}});
    REQUIRE(recorder.wait_for(5));
    monitor.stop();
    CHECK(recorder.kinds() == std::vector<Kind>{Kind::service_back, Kind::reader_added, Kind::card_inserted,
                                                Kind::card_removed, Kind::reader_removed});
}

TEST_CASE("monitor: pcscd missing at start, then killed, then back", "[monitor]") {
    auto fake = std::make_unique<FakeScard>();
    FakeScard* scard = fake.get();
    scard->establish_failures = 2;
    scard->readers = {"R1"};
    scard->cards = {{"R1", {0x3B}}};
    Recorder recorder;
    ReaderMonitor monitor(std::ref(recorder), std::move(fake), Backoff{std::chrono::milliseconds(5), std::chrono::milliseconds(20)});
    monitor.start();
    REQUIRE(recorder.wait_for(4));  // lost, back, reader, card
    scard->push({SCARD_F_COMM_ERROR, {}, {}});
    REQUIRE(recorder.wait_for(7));  // card removed, reader removed, lost
    REQUIRE(recorder.wait_for(10));  // back, reader, card again
    monitor.stop();
    CHECK(recorder.kinds() == std::vector<Kind>{Kind::service_lost, Kind::service_back, Kind::reader_added,
                                                Kind::card_inserted, Kind::card_removed, Kind::reader_removed,
                                                Kind::service_lost, Kind::service_back, Kind::reader_added,
                                                Kind::card_inserted});
}

TEST_CASE("monitor: a mute card is a card in the reader, reported without an ATR", "[monitor]") {
    auto fake = std::make_unique<FakeScard>();
    FakeScard* scard = fake.get();
    scard->readers = {"R1"};
    Recorder recorder;
    ReaderMonitor monitor(std::ref(recorder), std::move(fake));
    monitor.start();
    REQUIRE(recorder.wait_for(2));
    scard->push({SCARD_S_SUCCESS, {"R1"}, {{"R1", {}}}});  // inserted the wrong way round
    REQUIRE(recorder.wait_for(3));
    scard->push({SCARD_S_SUCCESS, {"R1"}, {{"R1", {0x3B, 0x01}}}});  // answers after all
    REQUIRE(recorder.wait_for(5));
    scard->push({SCARD_S_SUCCESS, {"R1"}, {}});
    REQUIRE(recorder.wait_for(6));
    monitor.stop();
    CHECK(recorder.kinds() == std::vector<Kind>{Kind::service_back, Kind::reader_added, Kind::card_inserted,
                                                Kind::card_removed, Kind::card_inserted, Kind::card_removed});
    CHECK(recorder.events[2].mute);
    CHECK(recorder.events[2].atr.empty());
    CHECK_FALSE(recorder.events[4].mute);
    CHECK(recorder.events[4].atr == Bytes{0x3B, 0x01});
}

TEST_CASE("monitor: stop returns promptly from a blocked wait", "[monitor]") {
    auto fake = std::make_unique<FakeScard>();
    Recorder recorder;
    ReaderMonitor monitor(std::ref(recorder), std::move(fake));
    monitor.start();
    REQUIRE(recorder.wait_for(1));
    const auto t0 = std::chrono::steady_clock::now();
    monitor.stop();
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(1));
}
