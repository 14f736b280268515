#include "hw/token/reader_monitor.h"

#include <algorithm>
#include <vector>

namespace eimza::hw {

namespace {

constexpr const char* kPnp = "\\\\?PnP?\\Notification";

}  // namespace

ReaderMonitor::ReaderMonitor(Sink sink, std::unique_ptr<ScardApi> api, Backoff backoff)
    : sink_(std::move(sink)), api_(std::move(api)), backoff_(backoff) {}

ReaderMonitor::~ReaderMonitor() { stop(); }

void ReaderMonitor::start() {
    if (running_.exchange(true)) return;
    exited_ = false;
    thread_ = std::thread([this] { run(); });
}

void ReaderMonitor::stop() {
    if (!running_.exchange(false)) return;
    // SCardCancel only interrupts a wait already in progress; the thread may
    // be between two waits, so keep cancelling until it has left.
    std::unique_lock lock(mutex_);
    while (!exited_) {
        if (has_context_) api_->cancel(context_);
        wake_.notify_all();
        wake_.wait_for(lock, std::chrono::milliseconds(20));
    }
    lock.unlock();
    if (thread_.joinable()) thread_.join();
}

void ReaderMonitor::wait_backoff(std::chrono::milliseconds delay) {
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, delay, [this] { return !running_.load(); });
}

void ReaderMonitor::forget_all() {
    for (const auto& [name, reader] : readers_) {
        if (reader.present) sink_({ReaderEvent::Kind::card_removed, name, {}});
        sink_({ReaderEvent::Kind::reader_removed, name, {}});
    }
    readers_.clear();
}

void ReaderMonitor::run() {
    run_sessions();
    std::lock_guard lock(mutex_);
    exited_ = true;
    wake_.notify_all();
}

void ReaderMonitor::run_sessions() {
    auto delay = backoff_.first;
    while (running_) {
        SCARDCONTEXT context = 0;
        const LONG rv = api_->establish(&context);
        if (rv != SCARD_S_SUCCESS) {
            if (service_up_ || !reported_lost_) {
                sink_({ReaderEvent::Kind::service_lost, {}, {}});
                reported_lost_ = true;
                service_up_ = false;
            }
            wait_backoff(delay);
            delay = std::min(delay * 2, backoff_.max);
            continue;
        }
        {
            std::lock_guard lock(mutex_);
            context_ = context;
            has_context_ = true;
        }
        if (!running_) {
            // stop() may have run between establish and publishing the
            // context; it could not cancel what it did not see.
            std::lock_guard lock(mutex_);
            has_context_ = false;
            api_->release(context);
            break;
        }
        if (reported_lost_ || !service_up_) sink_({ReaderEvent::Kind::service_back, {}, {}});
        service_up_ = true;
        reported_lost_ = false;
        delay = backoff_.first;

        watch(context);

        {
            std::lock_guard lock(mutex_);
            has_context_ = false;
        }
        api_->release(context);
        if (!running_) break;  // stopping: nobody is listening for removals
        forget_all();
        {
            sink_({ReaderEvent::Kind::service_lost, {}, {}});
            service_up_ = false;
            reported_lost_ = true;
            wait_backoff(delay);
            delay = std::min(delay * 2, backoff_.max);
        }
    }
}

bool ReaderMonitor::sync_readers(SCARDCONTEXT context) {
    std::vector<std::string> names;
    if (api_->list_readers(context, names) != SCARD_S_SUCCESS) return false;
    for (auto it = readers_.begin(); it != readers_.end();) {
        if (std::find(names.begin(), names.end(), it->first) == names.end()) {
            if (it->second.present) sink_({ReaderEvent::Kind::card_removed, it->first, {}});
            sink_({ReaderEvent::Kind::reader_removed, it->first, {}});
            it = readers_.erase(it);
        } else {
            ++it;
        }
    }
    for (const auto& name : names) {
        if (readers_.emplace(name, Reader{}).second) sink_({ReaderEvent::Kind::reader_added, name, {}});
    }
    return true;
}

void ReaderMonitor::watch(SCARDCONTEXT context) {
    if (!sync_readers(context)) return;
    DWORD pnp_state = SCARD_STATE_UNAWARE;
    while (running_) {
        std::vector<SCARD_READERSTATE> states;
        std::vector<std::string> names;
        for (const auto& [name, reader] : readers_) names.push_back(name);
        states.resize(names.size() + 1);
        for (std::size_t i = 0; i < names.size(); ++i) {
            states[i] = SCARD_READERSTATE{};
            states[i].szReader = names[i].c_str();
            states[i].dwCurrentState = readers_[names[i]].state;
        }
        states.back() = SCARD_READERSTATE{};
        states.back().szReader = kPnp;
        states.back().dwCurrentState = pnp_state;

        const LONG rv = api_->get_status_change(context, INFINITE, states.data(), static_cast<DWORD>(states.size()));
        if (!running_ || rv == SCARD_E_CANCELLED) return;
        if (rv == SCARD_E_TIMEOUT) continue;
        if (rv == SCARD_E_UNKNOWN_READER) {
            // A reader vanished between listing and waiting.
            if (!sync_readers(context)) return;
            continue;
        }
        if (rv != SCARD_S_SUCCESS) return;  // service gone: reconnect

        for (std::size_t i = 0; i < names.size(); ++i) {
            Reader& reader = readers_[names[i]];
            const DWORD event = states[i].dwEventState;
            // pcsc-lite counts insertions and removals in the high 16 bits: a
            // card pulled and put back between two waits shows only there.
            const bool counter_moved = (event >> 16) != (reader.state >> 16) && reader.state != SCARD_STATE_UNAWARE;
            reader.state = event & ~SCARD_STATE_CHANGED;
            if (event & (SCARD_STATE_UNKNOWN | SCARD_STATE_IGNORE)) continue;
            // A mute card is in the reader all the same: it is reported, with
            // no ATR, so that the kiosk says what is wrong with it.
            const bool present = event & SCARD_STATE_PRESENT;
            const bool mute = present && (event & SCARD_STATE_MUTE);
            const Bytes atr = mute ? Bytes{}
                                   : Bytes(states[i].rgbAtr,
                                           states[i].rgbAtr + std::min<DWORD>(states[i].cbAtr, MAX_ATR_SIZE));
            if (present && (!reader.present || atr != reader.atr || mute != reader.mute || counter_moved)) {
                // A swap between two waits: report the old card's removal first.
                if (reader.present) sink_({ReaderEvent::Kind::card_removed, names[i], {}});
                reader.present = true;
                reader.mute = mute;
                reader.atr = atr;
                ReaderEvent inserted{ReaderEvent::Kind::card_inserted, names[i], atr,
                                     static_cast<std::uint16_t>(event >> 16)};
                inserted.mute = mute;
                sink_(inserted);
            } else if (!present && reader.present) {
                reader.present = false;
                reader.mute = false;
                reader.atr.clear();
                sink_({ReaderEvent::Kind::card_removed, names[i], {}});
            }
        }
        const DWORD pnp_event = states.back().dwEventState;
        if (pnp_event & SCARD_STATE_CHANGED) {
            pnp_state = pnp_event & ~SCARD_STATE_CHANGED;
            if (!sync_readers(context)) return;
        }
    }
}

}  // namespace eimza::hw
