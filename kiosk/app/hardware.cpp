#include "kiosk/app/hardware.h"

#include <variant>

#include "kiosk/app/demo_stack.h"
#include "kiosk/app/worker.h"
#include "kiosk/core/log.h"

namespace eimza::app {

struct Hardware::Impl {
    Impl(const Config& c, bool d, EventSink s) : config(c), demo(d), sink(std::move(s)) {}
    ~Impl() {
        if (demo_stack_running) stop_demo_stack();
    }

    Config config;
    bool demo;
    EventSink sink;
    bool demo_stack_running = false;
    Worker demo_worker;  // card.sh calls take a moment; never on the UI thread
};

Hardware::Hardware(const Config& config, bool demo, EventSink sink)
    : impl_(std::make_unique<Impl>(config, demo, std::move(sink))) {}

Hardware::~Hardware() = default;

void Hardware::start() {
    if (impl_->demo) {
        std::string error;
        impl_->demo_stack_running = start_demo_stack(error);
        if (!impl_->demo_stack_running) log_warning("demo", error);
    }
}

void Hardware::execute(const Command& command) {
    if (const auto* demo = std::get_if<RunDemoCard>(&command)) {
        impl_->demo_worker.post([profile = demo->profile] {
            std::string error;
            if (!demo_card(profile, error)) log_warning("demo", error);
        });
    }
}

}  // namespace eimza::app
