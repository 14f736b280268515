// The reader triage on screen: States reached through update() from the
// events that lead to each code, drawn headlessly in both languages and
// orientations. Home asks for a card only while a reader works and none is
// in it; otherwise it, or the token screen, says what is wrong and what to do.
#include <catch2/catch.hpp>

#include <algorithm>

#include "kiosk/admin/diagnostics.h"
#include "kiosk/model/update.h"
#include "screens/samples.h"
#include "tests/ui/headless.h"

using namespace eimza;
using eimza::testing::HeadlessUi;
using Kind = hw::ReaderEvent::Kind;

namespace {

hw::ReaderScan bus(std::vector<hw::UsbReader> usb) {
    hw::ReaderScan scan;
    scan.drivers = {{"ifd-ccid.bundle", 1129}};
    scan.usb = std::move(usb);
    return scan;
}

const hw::UsbReader kSupported{"1-1", 0x08E6, 0x4433, "USB SmartCard Reader", true, "ifd-ccid.bundle"};
const hw::UsbReader kUnsupported{"1-2", 0x0A5C, 0x5834, "5880", true, ""};

State after(const std::vector<Event>& events, TimePoint now) {
    State state;
    state.last_activity = now;
    std::vector<Command> commands;
    std::vector<LogLine> log_lines;
    for (const auto& event : events) {
        // A Tick comes once a mute card's grace is over.
        if (std::holds_alternative<Tick>(event)) now += kMuteGrace;
        commands.clear();
        state = update(state, event, now, commands, log_lines);
    }
    return state;
}

hw::ReaderEvent inserted(bool mute = false) {
    hw::ReaderEvent event{Kind::card_inserted, "Reader A", mute ? hw::Bytes{} : hw::Bytes{0x3B, 0x00}, 1};
    event.mute = mute;
    return event;
}

struct Case {
    const char* name;
    std::vector<Event> events;  // after the reader is added and pcscd answers
    std::vector<const char*> shown;
    bool asks_for_card;
};

std::vector<Case> cases() {
    const hw::ReaderEvent added{Kind::reader_added, "Reader A", {}};
    const hw::ReaderEvent removed{Kind::reader_removed, "Reader A", {}};
    const hw::ReaderEvent lost{Kind::service_lost, {}, {}};
    const hw::ReaderEvent back{Kind::service_back, {}, {}};
    return {
        {"pcscd not heard from yet", {}, {"triage.checking.title"}, false},
        {"the bus being looked at", {back}, {"triage.checking.title"}, false},
        {"R01", {back, ReadersScanned{bus({})}}, {"triage.R01.title", "triage.R01.body", "triage.code"}, false},
        {"R02", {back, ReadersScanned{bus({kUnsupported})}}, {"triage.R02.title", "triage.R02.body", "triage.code"}, false},
        {"R03", {back, added, removed, lost, ReadersScanned{bus({kSupported})}},
         {"triage.R03.title", "triage.R03.body", "triage.code"}, false},
        {"R04", {back, added}, {"home.title", "home.body", "triage.R04.body"}, true},
        {"R04 after R01", {back, ReadersScanned{bus({})}, added}, {"home.title", "triage.R04.body"}, true},
        {"a card being read", {back, added, inserted()}, {"token.reading.title"}, false},
        {"a mute card, for a moment", {back, added, inserted(true)}, {"token.reading.title"}, false},
        {"R05 (mute)", {back, added, inserted(true), Tick{}}, {"triage.R05.title", "triage.R05.body", "triage.code"}, false},
        {"R05", {back, added, inserted(), TokenReadFailed{1, hw::ReadFailure::unreadable, {hw::TriageCode::unknown_card, "x"}}},
         {"triage.R05.title", "triage.R05.body", "triage.code"}, false},
        {"R06", {back, added, inserted(), TokenReadFailed{1, hw::ReadFailure::no_module, {hw::TriageCode::module_missing, "x"}}},
         {"triage.R06.title", "triage.R06.body", "triage.code"}, false},
        {"R07", {back, added, inserted(), TokenReadFailed{1, hw::ReadFailure::unreadable, {hw::TriageCode::token_not_recognised, "x"}}},
         {"triage.R07.title", "triage.R07.body", "triage.code"}, false},
        {"R08", {back, added, inserted(), TokenReadFailed{1, hw::ReadFailure::timed_out, {hw::TriageCode::read_timed_out, "x"}}},
         {"triage.R08.title", "triage.R08.body", "triage.code"}, false},
        {"a card left after the session", {back, added, inserted(), Action{GoHome{}}}, {"home.card_left", "home.card_left.body"},
         false},
    };
}

bool has(const std::vector<std::string>& keys, const std::string& key) {
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

}  // namespace

TEST_CASE("each triage state reaches the screen, in both languages and orientations, without overflow",
          "[ui][triage]") {
    for (ImVec2 size : {ImVec2(1920, 1080), ImVec2(1080, 1920)}) {
        HeadlessUi ui(size);
        for (const auto& c : cases()) {
            for (Lang lang : {Lang::tr, Lang::en}) {
                INFO(c.name << " " << to_string(lang) << " " << size.x << "x" << size.y);
                State state = after(c.events, ui.now);
                screens::set_language(state, lang);
                const auto keys = ui.texts_shown(state);
                for (const char* key : c.shown) CHECK(has(keys, key));
                // Never "insert your card" while a card is in or no reader works.
                CHECK(has(keys, "home.title") == c.asks_for_card);
                CHECK(has(keys, "home.body") == c.asks_for_card);
                std::vector<screens::LayoutProblem> problems;
                ui.frame(state, &problems);
                ui.frame(state, &problems);
                for (const auto& p : problems) FAIL_CHECK(p.where << ": " << p.text);
            }
        }
    }
}

TEST_CASE("the triage texts differ by language and say the code", "[ui][triage]") {
    HeadlessUi ui(ImVec2(1920, 1080));
    const Texts& texts = ui.runtime().texts();
    for (const char* code : {"R01", "R02", "R03", "R05", "R06", "R07", "R08"}) {
        for (const char* part : {".title", ".body"}) {
            const std::string key = std::string("triage.") + code + part;
            INFO(key);
            CHECK(texts.has(key));
            CHECK(texts.get(key, Lang::tr) != texts.get(key, Lang::en));
        }
    }
    CHECK(format(texts.get("triage.code", Lang::tr), {{"code", "R02"}}).find("R02") != std::string::npos);
    CHECK(format(texts.get("triage.code", Lang::en), {{"code", "R02"}}).find("R02") != std::string::npos);
}

TEST_CASE("the admin screen shows the triage, the USB readers and the drivers", "[ui][triage][admin]") {
    HeadlessUi ui(ImVec2(1920, 1080));
    State state = after({hw::ReaderEvent{Kind::service_back, {}, {}}, ReadersScanned{bus({kUnsupported})}}, ui.now);
    state.admin = AdminSession{};
    state.admin->unlocked = true;
    admin::Diagnostics d;
    d.readers = bus({kUnsupported});
    state.admin->diagnostics = std::make_shared<const admin::Diagnostics>(d);
    state.screen = ScreenId::admin;
    const auto keys = ui.texts_shown(state);
    CHECK(has(keys, "admin.triage"));
    CHECK(has(keys, "admin.usb.reader"));
    CHECK(has(keys, "admin.usb.no_driver"));
    CHECK(has(keys, "admin.drivers"));
}
