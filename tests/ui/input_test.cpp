// Taps reach ImGui one press or release per frame, in order, however many
// arrive while a frame is being drawn: the pointer queue on its own, then
// with the real details form, its keyboard and the kiosk loop's frame
// policy (screens/frame_builder.h), headless.
#include <catch2/catch.hpp>

#include <map>
#include <random>

#include "kiosk/model/update.h"
#include "screens/damage.h"
#include "screens/pointer_queue.h"
#include "screens/samples.h"
#include "screens/widgets/keyboard.h"
#include "screens/widgets/widgets.h"
#include "tests/ui/headless.h"

using namespace eimza;
using eimza::screens::PointerEvent;
using eimza::screens::PointerQueue;
using eimza::testing::HeadlessUi;
using eimza::testing::shipped_content;
using Kind = PointerEvent::Kind;

namespace {

struct Fed {
    ImVec2 pos;
    bool down;
    bool transition;
};

Fed feed(PointerQueue& queue) {
    ImGuiIO io;
    const bool transition = queue.feed(io);
    return {io.MousePos, io.MouseDown[0], transition};
}

// The details form with the address field focused and empty.
State empty_address_form(const HeadlessUi& ui, Lang lang = Lang::tr) {
    auto state = screens::sample_state("details", ui.now, ui.wall_now, shipped_content());
    REQUIRE(state);
    screens::set_language(*state, lang);
    state->session->person.address.clear();
    state->session->form.focused = 10;
    return *state;
}

// Where each key of the text is on the form, found as a finger would.
std::map<std::string, ImVec2> key_positions(HeadlessUi& ui, const State& state, const std::vector<std::string>& keys) {
    std::map<std::string, ImVec2> at;
    for (const auto& key : keys) {
        if (at.count(key)) continue;
        const auto id = screens::keyboard_key_id(screens::KeyboardLayout::turkish_q, key);
        REQUIRE(id);
        const auto pos = ui.locate(state, "details", id->c_str());
        REQUIRE(pos);
        at[key] = *pos;
    }
    return at;
}

std::vector<std::string> letters(const std::string& word) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < word.size();) {
        std::size_t n = 1;
        while (i + n < word.size() && (static_cast<unsigned char>(word[i + n]) & 0xC0) == 0x80) ++n;
        out.push_back(word.substr(i, n));
        i += n;
    }
    return out;
}

}  // namespace

TEST_CASE("a press and a release that arrive between two frames reach ImGui in two frames, in order", "[ui][input]") {
    PointerQueue queue;
    CHECK(queue.push({Kind::move, ImVec2(10, 10)}));
    CHECK(queue.push({Kind::press, ImVec2(12, 10)}));
    CHECK(queue.push({Kind::move, ImVec2(14, 10)}));
    CHECK(queue.push({Kind::release, ImVec2(15, 11)}));
    CHECK(queue.push({Kind::press, ImVec2(300, 40)}));
    CHECK(queue.push({Kind::release, ImVec2(300, 41)}));
    CHECK(queue.has_transition());

    Fed f = feed(queue);
    CHECK(f.transition);
    CHECK(f.down);
    CHECK(f.pos.x == 12);  // where the finger touched, not where it went after
    f = feed(queue);
    CHECK(f.transition);
    CHECK_FALSE(f.down);
    CHECK(f.pos.x == 15);
    CHECK(f.pos.y == 11);
    f = feed(queue);
    CHECK(f.down);
    CHECK(f.pos.x == 300);
    f = feed(queue);
    CHECK_FALSE(f.down);
    CHECK_FALSE(queue.has_transition());
    // Nothing left: the pointer stays where it was, lifted.
    f = feed(queue);
    CHECK_FALSE(f.transition);
    CHECK_FALSE(f.down);
    CHECK(f.pos.y == 41);
}

TEST_CASE("a press or release reported twice counts once; moves between them collapse", "[ui][input]") {
    PointerQueue queue;
    CHECK(queue.push({Kind::press, ImVec2(1, 1)}));
    CHECK_FALSE(queue.push({Kind::press, ImVec2(1, 1)}));
    for (int i = 0; i < 50; ++i) CHECK(queue.push({Kind::move, ImVec2(static_cast<float>(i), 2)}));
    CHECK(queue.push({Kind::release, ImVec2(60, 2)}));
    CHECK_FALSE(queue.push({Kind::release, ImVec2(60, 2)}));
    CHECK(queue.size() == 3);  // press, one move, release
    int transitions = 0;
    while (queue.has_transition()) transitions += feed(queue).transition ? 1 : 0;
    CHECK(transitions == 2);
    // A release with nothing pressed, as after a touch that began outside.
    CHECK_FALSE(queue.push({Kind::release, ImVec2(0, 0)}));
}

TEST_CASE("typing kalemkutusu with every tap queued before the first frame types each letter once", "[ui][input][form]") {
    HeadlessUi ui(ImVec2(1920, 1080));
    State state = empty_address_form(ui);
    const auto word = letters("kalemkutusu");
    const auto at = key_positions(ui, state, word);
    PointerQueue queue;
    for (const auto& letter : word) {
        queue.push({Kind::move, at.at(letter)});
        queue.push({Kind::press, at.at(letter)});
        queue.push({Kind::release, at.at(letter)});
    }
    std::vector<Command> commands;
    std::vector<LogLine> log_lines;
    int frames = 0;
    while (queue.has_transition())
        frames += ui.settle(state, queue, false,
                            [&](const Action& action) { state = update(std::move(state), action, ui.now, commands, log_lines); });
    CHECK(state.session->person.address == "kalemkutusu");
    // One frame per press and per release, and the frames the new State needs.
    CHECK(frames >= 22);
    CHECK(frames <= 22 + 16);
}

TEST_CASE("whatever the frame rate, taps arrive in order, none lost and none doubled", "[ui][input][form]") {
    HeadlessUi ui(ImVec2(1080, 1920));
    const State start = empty_address_form(ui, Lang::en);
    const std::string word = "kalemkutusu_ad+soyad@örnek.gov.tr";
    const auto keys = letters(word);
    const auto at = key_positions(ui, start, keys);
    // Each seed is a different schedule: between two frames come 0 to 7
    // pointer events (a tap is a move, a press, a few moves on the key and a
    // release), as on a kiosk whose frames take from nothing to seconds.
    for (unsigned seed = 1; seed <= 12; ++seed) {
        INFO("seed " << seed);
        std::mt19937 random(seed);
        State state = start;
        std::vector<PointerEvent> events;
        for (const auto& key : keys) {
            const ImVec2 p = at.at(key);
            events.push_back({Kind::move, p});
            events.push_back({Kind::press, p});
            for (int wiggle = 0; wiggle < static_cast<int>(random() % 3); ++wiggle)
                events.push_back({Kind::move, ImVec2(p.x + static_cast<float>(wiggle), p.y + 1)});
            events.push_back({Kind::release, p});
        }
        PointerQueue queue;
        std::vector<Command> commands;
        std::vector<LogLine> log_lines;
        auto apply = [&](const Action& action) { state = update(std::move(state), action, ui.now, commands, log_lines); };
        std::size_t next = 0;
        while (next < events.size() || queue.has_transition()) {
            const std::size_t burst = random() % 8;
            for (std::size_t i = 0; i < burst && next < events.size(); ++i) queue.push(events[next++]);
            ui.settle(state, queue, false, apply);
        }
        CHECK(state.session->person.address == word);
    }
}

TEST_CASE("the keyboard types the signs of e-mail addresses, postal addresses and titles", "[ui][keyboard][form]") {
    HeadlessUi ui(ImVec2(1920, 1080));
    State state = empty_address_form(ui);
    std::vector<Command> commands;
    std::vector<LogLine> log_lines;
    for (const std::string sign : {"_", "+", "-", ".", "@", "'", "&", "(", ")", "/", ","}) {
        const auto id = screens::keyboard_key_id(screens::KeyboardLayout::turkish_q, sign);
        REQUIRE(id);
        const auto pos = ui.locate(state, "details", id->c_str());
        REQUIRE(pos);
        const auto actions = ui.tap(state, *pos);
        REQUIRE(actions.size() == 1);
        CHECK(std::get<TypeText>(actions[0]).text == sign);
        state = update(std::move(state), actions[0], ui.now, commands, log_lines);
    }
    CHECK(state.session->person.address == "_+-.@'&()/,");
}

TEST_CASE("the phone pad has + for +90 numbers", "[ui][keyboard][form]") {
    HeadlessUi ui(ImVec2(1080, 1920));
    State state = empty_address_form(ui);
    state.session->form.focused = 9;  // phone
    const auto id = screens::keyboard_key_id(screens::KeyboardLayout::phone, "+");
    REQUIRE(id);
    const auto pos = ui.locate(state, "details", id->c_str());
    REQUIRE(pos);
    const auto actions = ui.tap(state, *pos);
    REQUIRE(actions.size() == 1);
    CHECK(std::get<TypeText>(actions[0]).text == "+");
    CHECK_FALSE(screens::keyboard_key_id(screens::KeyboardLayout::numeric, "+"));
}

TEST_CASE("a value too long for its box shows its start, cut at a whole letter", "[ui][form]") {
    HeadlessUi ui(ImVec2(1080, 1920));
    ImFont* font = ui.runtime().fonts().body;
    const std::string address = "Kızılay Mahallesi Atatürk Bulvarı Güvenpark Karşısı İş Merkezi Numara 125 Çankaya";
    bool cut = false;
    const std::string shown = screens::text_start(font, address, 400.0f, cut);
    CHECK(cut);
    REQUIRE(shown.size() > 4);
    CHECK(shown.substr(shown.size() - 3) == "…");
    const std::string kept = shown.substr(0, shown.size() - 3);
    CHECK(address.rfind(kept, 0) == 0);
    CHECK((static_cast<unsigned char>(address[kept.size()]) & 0xC0) != 0x80);
    CHECK(font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, shown.c_str()).x <= 400.0f);
    CHECK(screens::text_start(font, "Ankara", 400.0f, cut) == "Ankara");
    CHECK_FALSE(cut);
}

TEST_CASE("damage: an unchanged frame repaints nothing, a tap repaints the key, a new screen everything", "[ui][damage]") {
    HeadlessUi ui(ImVec2(1920, 1080));
    State state = empty_address_form(ui);
    screens::DamageTracker damage;
    auto rects = [&] { return damage.update(*ImGui::GetDrawData()); };
    ui.frame(state);
    const auto first = rects();
    REQUIRE(first.size() == 1);
    CHECK(first[0].area() == 1920LL * 1080);
    ui.frame(state);
    CHECK(rects().empty());

    const auto id = screens::keyboard_key_id(screens::KeyboardLayout::turkish_q, "k");
    const auto pos = ui.locate(state, "details", id->c_str());
    REQUIRE(pos);
    ui.frame(state);
    rects();
    screens::PointerQueue queue;
    queue.push({Kind::press, *pos});
    ui.settle(state, queue, false, [](const Action&) {});
    long long area = 0;
    for (const auto& r : rects()) {
        area += r.area();
        CHECK(static_cast<float>(r.x0) <= pos->x + 200);
        CHECK(static_cast<float>(r.x1) >= pos->x - 200);
    }
    CHECK(area > 0);
    CHECK(area < 1920LL * 1080 / 20);

    State home = *screens::sample_state("home", ui.now, ui.wall_now, shipped_content());
    ui.frame(home);
    area = 0;
    for (const auto& r : rects()) area += r.area();
    CHECK(area > 1920LL * 1080 / 2);
}

TEST_CASE("a long value with a problem, and the problem, fit above the keyboard", "[ui][form]") {
    for (const ImVec2 size : {ImVec2(1920, 1080), ImVec2(1080, 1920), ImVec2(1280, 720)}) {
        for (const Lang lang : {Lang::tr, Lang::en}) {
            HeadlessUi ui(size);
            State state = empty_address_form(ui, lang);
            state.session->person.address = "Kızılay Mahallesi Atatürk Bulvarı Güvenpark Karşısı İş Merkezi Numara 125 Kat 4 "
                                   "Daire 12 Sağlık Müdürlüğü Bilgi İşlem Birimi yanı Cad. Çankaya Ankara";
            std::vector<screens::LayoutProblem> problems;
            ui.frame(state, &problems);
            ui.frame(state, &problems);
            std::string found;
            for (const auto& p : problems) found += p.where + ": " + p.text + "\n";
            INFO(size.x << "x" << size.y << "\n" << found);
            CHECK(problems.empty());
        }
    }
}
