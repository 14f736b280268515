// The admin flow through update(): hidden entry, PIN handed to the checker,
// lockout, diagnostics, and leaving on idle or when a card arrives.
#include <catch2/catch.hpp>

#include "kiosk/admin/diagnostics.h"
#include "kiosk/model/update.h"

using namespace eimza;
using namespace std::chrono_literals;

namespace {

struct Harness {
    State state;
    TimePoint now = TimePoint{} + 1000s;
    std::vector<Command> commands;
    std::vector<LogLine> log_lines;

    Harness() {
        state.last_activity = now;
        state.admin_policy.enabled = true;
    }
    void send(const Event& event) {
        commands.clear();
        state = update(state, event, now, commands, log_lines);
    }
    void type(const std::string& digits) {
        for (char c : digits) send(Action{AdminKey{c}});
    }
    template <typename T>
    const T* command() const {
        for (const auto& c : commands)
            if (const auto* found = std::get_if<T>(&c)) return found;
        return nullptr;
    }
};

}  // namespace

TEST_CASE("the hidden entry opens the PIN screen only when a PIN is configured", "[admin]") {
    Harness h;
    h.state.admin_policy.enabled = false;
    h.send(Action{OpenAdmin{}});
    CHECK(h.state.screen == ScreenId::home);
    CHECK_FALSE(h.state.admin);
    h.state.admin_policy.enabled = true;
    h.send(Action{OpenAdmin{}});
    CHECK(h.state.screen == ScreenId::admin_pin);
    CHECK(h.state.admin);
}

TEST_CASE("the hidden entry does nothing while someone's card is in", "[admin]") {
    Harness h;
    h.send(hw::ReaderEvent{hw::ReaderEvent::Kind::card_inserted, "R", {0x3B}});
    h.state.screen = ScreenId::home;
    h.send(Action{OpenAdmin{}});
    CHECK_FALSE(h.state.admin);
}

TEST_CASE("the PIN goes to the checker and leaves the state", "[admin]") {
    Harness h;
    h.send(Action{OpenAdmin{}});
    h.type("12345x6");
    CHECK(h.state.admin->entered == "123456");
    h.send(Action{AdminErase{}});
    h.type("7");
    h.send(Action{AdminSubmit{}});
    const auto* check = h.command<CheckAdminPin>();
    REQUIRE(check);
    CHECK(check->pin == "123457");
    CHECK(h.state.admin->entered.empty());
    CHECK(h.state.admin->checking);
    // Typing while the check runs changes nothing.
    h.type("9");
    CHECK(h.state.admin->entered.empty());
}

TEST_CASE("the right PIN opens the admin screen and collects diagnostics", "[admin]") {
    Harness h;
    h.send(Action{OpenAdmin{}});
    h.type("123456");
    h.send(Action{AdminSubmit{}});
    h.send(AdminPinChecked{true});
    CHECK(h.state.screen == ScreenId::admin);
    CHECK(h.state.admin->unlocked);
    const auto* task = h.command<RunAdminTask>();
    REQUIRE(task);
    CHECK(task->task == AdminTask::refresh_diagnostics);
    admin::Diagnostics d;
    d.app_version = "test";
    h.send(AdminTaskDone{task->task, true, {}, std::make_shared<const admin::Diagnostics>(d), nullptr});
    REQUIRE(h.state.admin->diagnostics);
    CHECK_FALSE(h.state.admin->running);
}

TEST_CASE("wrong PINs lock the entry, then it opens again", "[admin]") {
    Harness h;
    h.send(Action{OpenAdmin{}});
    for (int i = 0; i < 3; ++i) {
        h.type("000000");
        h.send(Action{AdminSubmit{}});
        REQUIRE(h.command<CheckAdminPin>());
        h.send(AdminPinChecked{false});
        CHECK(h.state.admin->wrong);
    }
    CHECK(h.state.admin_policy.failures == 3);
    CHECK(h.state.admin_policy.locked_until == h.now + 30s);
    h.type("123456");
    h.send(Action{AdminSubmit{}});
    CHECK_FALSE(h.command<CheckAdminPin>());
    h.now += 31s;
    h.send(Action{AdminSubmit{}});
    CHECK(h.command<CheckAdminPin>());
    h.send(AdminPinChecked{true});
    CHECK(h.state.admin_policy.failures == 0);
}

TEST_CASE("the lockout survives leaving and coming back", "[admin]") {
    Harness h;
    h.send(Action{OpenAdmin{}});
    for (int i = 0; i < 3; ++i) {
        h.type("000000");
        h.send(Action{AdminSubmit{}});
        h.send(AdminPinChecked{false});
    }
    h.send(Action{GoHome{}});
    h.send(Action{OpenAdmin{}});
    h.type("123456");
    h.send(Action{AdminSubmit{}});
    CHECK_FALSE(h.command<CheckAdminPin>());
}

TEST_CASE("admin actions run only when unlocked, one at a time", "[admin]") {
    Harness h;
    h.send(Action{OpenAdmin{}});
    h.send(Action{AdminRun{AdminTask::clear_crls}});
    CHECK_FALSE(h.command<RunAdminTask>());
    h.type("123456");
    h.send(Action{AdminSubmit{}});
    h.send(AdminPinChecked{true});
    h.send(AdminTaskDone{AdminTask::refresh_diagnostics, true, {}, nullptr, nullptr});
    h.send(Action{AdminRun{AdminTask::print_test_page}});
    CHECK(h.command<RunAdminTask>());
    h.send(Action{AdminRun{AdminTask::clear_crls}});
    CHECK_FALSE(h.command<RunAdminTask>());
    h.send(AdminTaskDone{AdminTask::print_test_page, false, {"admin.result.test_page.out_of_paper", {}}, nullptr,
                         nullptr});
    CHECK(h.state.admin->last_result.key == "admin.result.test_page.out_of_paper");
    h.send(Action{AdminRestart{}});
    CHECK(h.state.restart_requested);
}

TEST_CASE("reloading content replaces the content the kiosk runs on", "[admin]") {
    Harness h;
    auto fresh = std::make_shared<content::Content>();
    fresh->version = "2027-01";
    h.send(AdminTaskDone{AdminTask::reload_content, true, {"admin.result.content", {}}, nullptr, fresh});
    REQUIRE(h.state.content);
    CHECK(h.state.content->version == "2027-01");
}

TEST_CASE("the admin screens close on idle and when a card is inserted", "[admin]") {
    Harness h;
    h.send(Action{OpenAdmin{}});
    h.type("123456");
    h.send(Action{AdminSubmit{}});
    h.send(AdminPinChecked{true});
    CHECK_FALSE(h.state.at_rest());
    h.now += h.state.idle.timeout + 1s;
    h.send(Tick{});
    CHECK_FALSE(h.state.admin);
    CHECK(h.state.screen == ScreenId::home);

    h.send(Action{OpenAdmin{}});
    REQUIRE(h.state.admin);
    h.send(hw::ReaderEvent{hw::ReaderEvent::Kind::card_inserted, "R", {0x3B}});
    CHECK_FALSE(h.state.admin);
    CHECK(h.state.screen == ScreenId::token);
}

TEST_CASE("the last card is remembered by its ATR only", "[admin]") {
    Harness h;
    h.send(hw::ReaderEvent{hw::ReaderEvent::Kind::card_inserted, "R", {0x3B, 0x9F}});
    const auto generation = h.state.token()->generation;
    h.send(TokenReadFailed{generation, hw::ReadFailure::unreadable});
    REQUIRE(h.state.last_card);
    CHECK(h.state.last_card->atr == hw::Bytes{0x3B, 0x9F});
    CHECK(h.state.last_card->outcome == "unreadable");
    h.send(hw::ReaderEvent{hw::ReaderEvent::Kind::card_removed, "R", {}});
    CHECK(h.state.last_card);
}
