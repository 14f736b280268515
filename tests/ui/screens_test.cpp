// Every screen, both languages, both orientations: drawn headlessly, with
// no missing glyph, no overflowing text, and buttons that really press.
#include <catch2/catch.hpp>

#include "kiosk/base/config_site.h"
#include "kiosk/model/process_flow.h"
#include "kiosk/model/update.h"
#include "screens/samples.h"
#include "screens/widgets/keyboard.h"
#include "screens/widgets/widgets.h"
#include "tests/ui/headless.h"

using namespace eimza;
using eimza::testing::HeadlessUi;
using eimza::testing::shipped_content;

namespace {

State sample(const HeadlessUi& ui, const std::string& name, Lang lang) {
    auto state = screens::sample_state(name, ui.now, ui.wall_now, shipped_content());
    REQUIRE(state);
    screens::set_language(*state, lang);
    return *state;
}

std::vector<unsigned> codepoints(const std::string& text) {
    std::vector<unsigned> out;
    const char* p = text.c_str();
    const char* end = p + text.size();
    while (p < end) {
        unsigned c = 0;
        const int n = ImTextCharFromUtf8(&c, p, end);
        if (n <= 0) break;
        out.push_back(c);
        p += n;
    }
    return out;
}

}  // namespace

TEST_CASE("every text in both languages has a glyph in every font", "[ui][glyphs]") {
    HeadlessUi ui(ImVec2(1920, 1080));
    const auto& fonts = ui.runtime().fonts();
    const auto& texts = ui.runtime().texts();
    REQUIRE(!texts.keys().empty());
    for (const auto& key : texts.keys()) {
        for (Lang lang : {Lang::tr, Lang::en}) {
            const std::string text = texts.get(key, lang);
            for (unsigned c : codepoints(text)) {
                for (ImFont* font : {fonts.small, fonts.body, fonts.strong, fonts.heading, fonts.title}) {
                    if (!font->FindGlyphNoFallback(static_cast<ImWchar>(c)))
                        FAIL_CHECK("no glyph U+" << std::hex << c << " in '" << key << "' (" << to_string(lang) << ")");
                }
            }
        }
    }
}

TEST_CASE("the Turkish letters are in the font, not drawn as '?'", "[ui][glyphs]") {
    HeadlessUi ui(ImVec2(1920, 1080));
    for (unsigned c : codepoints(screens::kTurkishLetters)) {
        const ImFontGlyph* glyph = ui.runtime().fonts().body->FindGlyphNoFallback(static_cast<ImWchar>(c));
        REQUIRE(glyph);
        CHECK(glyph->Visible);
    }
}

TEST_CASE("every screen and every process step lays out without overflow in both languages, orientations and modes",
          "[ui][layout]") {
    auto names = screens::sample_names();
    const auto steps = screens::step_sample_names(*shipped_content());
    names.insert(names.end(), steps.begin(), steps.end());
    for (ImVec2 size : {ImVec2(1920, 1080), ImVec2(1080, 1920)}) {
        HeadlessUi ui(size);
        for (const DisplayMode mode : {DisplayMode::normal, DisplayMode::large, DisplayMode::high_contrast}) {
            for (const auto& name : names) {
                for (Lang lang : {Lang::tr, Lang::en}) {
                    State state = sample(ui, name, lang);
                    state.default_mode = mode;
                    std::vector<screens::LayoutProblem> problems;
                    ui.frame(state, &problems);
                    ui.frame(state, &problems);
                    for (const auto& p : problems)
                        FAIL_CHECK(name << " " << to_string(lang) << " " << to_string(mode) << " " << size.x << "x"
                                        << size.y << ": " << p.where << ": " << p.text);
                }
            }
        }
    }
}

TEST_CASE("every touch target is at least 9 mm on the configured panel, and in portrait what a person must press "
          "is in the lower two thirds",
          "[ui][touch][access]") {
    auto names = screens::sample_names();
    const auto steps = screens::step_sample_names(*shipped_content());
    names.insert(names.end(), steps.begin(), steps.end());
    // The default panel and a small one (15.6", a common small kiosk panel).
    for (const float diagonal : {DisplayConfig{}.diagonal_inches, 15.6f}) {
        for (ImVec2 size : {ImVec2(1920, 1080), ImVec2(1080, 1920)}) {
            HeadlessUi ui(size, diagonal);
            const float mm = screens::millimetres_per_pixel(size, diagonal);
            const bool portrait = size.y > size.x;
            for (const DisplayMode mode : {DisplayMode::normal, DisplayMode::large, DisplayMode::high_contrast}) {
                for (const auto& name : names) {
                    for (Lang lang : {Lang::tr, Lang::en}) {
                        State state = sample(ui, name, lang);
                        state.default_mode = mode;
                        ui.frame(state);
                        const auto targets = ui.touch_targets(state);
                        INFO(name << " " << to_string(lang) << " " << to_string(mode));
                        if (name != "setup") CHECK(!targets.empty());  // IT's notice, nothing to press
                        for (const auto& t : targets) {
                            INFO(name << " " << to_string(lang) << " " << to_string(mode) << " " << size.x << "x"
                                      << size.y << " " << diagonal << "\": " << t.id << " " << t.width << "x" << t.height
                                      << " px at " << t.x << "," << t.y);
                            CHECK(std::min(t.width, t.height) * mm >= screens::kMinTouchTargetMm);
                            CHECK(std::min(t.width, t.height) >= screens::kSmallestTouchTarget * ui.runtime().scale());
                            // The voice guide, the language and the display mode keep
                            // the fixed top corner a person learns to find them in;
                            // the admin corner and screens are IT's.
                            const bool corner =
                                t.id == "##guide" || t.id == "##language" || t.id == "##mode" || t.id == "##admin_corner";
                            if (portrait && !corner && name.rfind("admin", 0) != 0) CHECK(t.y >= size.y / 3);
                        }
                    }
                }
            }
        }
    }
}

namespace {

// The scrolling region a screen drew last, by its name in the window.
ImGuiWindow* scroll_region(const std::string& window, const std::string& id) {
    for (ImGuiWindow* w : GImGui->Windows)
        if (std::string(w->Name).rfind(window + "/" + id + "_", 0) == 0 && w->Active) return w;
    return nullptr;
}

}  // namespace

TEST_CASE("a step longer than the screen scrolls to its end and back with the arrows beside it", "[ui][touch][access]") {
    HeadlessUi ui(ImVec2(1920, 1080));
    State state = sample(ui, "process-lost-payment", Lang::tr);
    state.default_mode = DisplayMode::large;
    const auto down = ui.locate(state, "process", "##step_down");
    const auto up = ui.locate(state, "process", "##step_up");
    REQUIRE(down);
    REQUIRE(up);
    ImGuiWindow* region = scroll_region("process", "##step");
    REQUIRE(region);
    REQUIRE(region->ScrollMax.y > 0);
    CHECK(region->Scroll.y == 0);
    int taps = 0;
    while (region->Scroll.y < region->ScrollMax.y - ImGui::GetStyle().ItemSpacing.y && taps < 10) {
        CHECK(ui.tap(state, *down).empty());  // scrolling is the screen's own, no Action
        ++taps;
    }
    // At the end, or as near as the spacing after the last line.
    CHECK(region->Scroll.y >= region->ScrollMax.y - ImGui::GetStyle().ItemSpacing.y);
    CHECK(taps >= 1);
    for (int i = 0; i < 10 && region->Scroll.y > 0; ++i) ui.tap(state, *up);
    CHECK(region->Scroll.y == 0);

    // The next person on the same step starts at its top.
    ui.tap(state, *down);
    REQUIRE(region->Scroll.y > 0);
    const State home = sample(ui, "home", Lang::tr);
    ui.frame(home);
    ui.frame(state);
    ui.frame(state);
    CHECK(scroll_region("process", "##step")->Scroll.y == 0);
}

TEST_CASE("in large letters on a wide screen the details form scrolls to the focused field", "[ui][touch][form][access]") {
    HeadlessUi ui(ImVec2(1920, 1080));
    for (const int focused : {0, 10}) {
        State state = sample(ui, "details", Lang::tr);
        state.default_mode = DisplayMode::large;
        state.session->form.focused = focused;
        INFO("focused " << focused);
        const auto field = ui.locate(state, "details", ("##field" + std::to_string(focused)).c_str());
        CHECK(field);
        CHECK(ui.locate(state, "details", focused == 0 ? "##fields_down" : "##fields_up"));
    }
}

TEST_CASE("the details form's KVKK notice names the configured data controller, in the short way too, and none "
          "when the site named none",
          "[ui][form][kvkk]") {
    // The longest site.data_controller takes, in whole words.
    std::string longest;
    while (utf8_length(longest) < kMaxDataControllerLetters) longest += "Müdürlüğü Başhekimliği ";
    while (utf8_length(longest) > kMaxDataControllerLetters) longest.pop_back();
    while ((static_cast<unsigned char>(longest.back()) & 0xC0) == 0xC0) longest.pop_back();  // no half letter
    const std::string controllers[] = {"", "Ankara Şehir Hastanesi Başhekimliği", longest};
    bool short_way_seen = false;
    for (ImVec2 size : {ImVec2(1920, 1080), ImVec2(1080, 1920)}) {
        HeadlessUi ui(size);
        for (const DisplayMode mode : {DisplayMode::normal, DisplayMode::large, DisplayMode::high_contrast}) {
            for (Lang lang : {Lang::tr, Lang::en}) {
                for (const std::string& controller : controllers) {
                    State state = sample(ui, "details", lang);
                    state.default_mode = mode;
                    state.site_data_controller = controller;
                    INFO(size.x << "x" << size.y << " " << to_string(mode) << " " << to_string(lang) << " '"
                                << controller << "'");
                    std::vector<screens::LayoutProblem> problems;
                    ui.frame(state, &problems);
                    ui.frame(state, &problems);
                    for (const auto& p : problems) FAIL_CHECK(p.where << ": " << p.text);
                    const auto keys = ui.texts_shown(state);
                    const auto at = [&](const char* key) { return std::find(keys.begin(), keys.end(), key); };
                    // The notice drawn is the last one made: the controller, then the body.
                    const auto body = at("form.privacy_short") != keys.end() ? at("form.privacy_short")
                                                                             : at("form.privacy");
                    REQUIRE(body != keys.end());
                    short_way_seen = short_way_seen || *body == "form.privacy_short";
                    if (controller.empty()) {
                        CHECK(at("form.data_controller") == keys.end());
                    } else {
                        REQUIRE(body != keys.begin());
                        CHECK(*(body - 1) == "form.data_controller");
                    }
                }
            }
        }
    }
    CHECK(short_way_seen);
}

TEST_CASE("the voice guide and the display mode are on every screen, the guide first, in the top-right corner",
          "[ui][touch][access]") {
    for (ImVec2 size : {ImVec2(1920, 1080), ImVec2(1080, 1920)}) {
        HeadlessUi ui(size);
        for (const char* name : {"home", "token-valid", "processes", "process-renewal-payment", "details", "printed"}) {
            const State state = sample(ui, name, Lang::tr);
            const std::string window = state.screen == ScreenId::token     ? "token"
                                       : state.screen == ScreenId::process ? "process"
                                       : state.screen == ScreenId::details ? "details"
                                       : state.screen == ScreenId::printing ? "printing"
                                       : state.screen == ScreenId::processes ? "processes"
                                                                             : "home";
            INFO(name << " " << size.x << "x" << size.y);
            const auto guide = ui.locate(state, window.c_str(), "##guide");
            REQUIRE(guide);
            CHECK(guide->x > size.x - ui.runtime().scale() * 340.0f);
            CHECK(guide->y < ui.runtime().scale() * 120.0f);
            const auto actions = ui.tap(state, *guide);
            REQUIRE(actions.size() == 1);
            CHECK(std::holds_alternative<ToggleGuide>(actions[0]));
            const auto mode = ui.locate(state, window.c_str(), "##mode");
            REQUIRE(mode);
            const auto mode_actions = ui.tap(state, *mode);
            REQUIRE(mode_actions.size() == 1);
            CHECK(std::holds_alternative<NextDisplayMode>(mode_actions[0]));
        }
    }
}

TEST_CASE("tapping the language switch on Home asks for English", "[ui][touch]") {
    HeadlessUi ui(ImVec2(1920, 1080));
    const State home = sample(ui, "home", Lang::tr);
    const auto pos = ui.locate(home, "home", "##language");
    REQUIRE(pos);
    const auto actions = ui.tap(home, *pos);
    REQUIRE(actions.size() == 1);
    const auto* set = std::get_if<SetLanguage>(&actions[0]);
    REQUIRE(set);
    CHECK(set->lang == Lang::en);
}

TEST_CASE("tapping Finish on the token screen goes Home; Show number reveals the TCKN", "[ui][touch]") {
    HeadlessUi ui(ImVec2(1920, 1080));
    const State token = sample(ui, "token-valid", Lang::tr);
    const auto finish = ui.locate(token, "token", "##finish");
    REQUIRE(finish);
    auto actions = ui.tap(token, *finish);
    REQUIRE(actions.size() == 1);
    CHECK(std::holds_alternative<GoHome>(actions[0]));

    const auto reveal = ui.locate(token, "token", "##reveal");
    REQUIRE(reveal);
    actions = ui.tap(token, *reveal);
    REQUIRE(actions.size() == 1);
    CHECK(std::holds_alternative<RevealTckn>(actions[0]));
}

TEST_CASE("the idle countdown's Continue button keeps the session", "[ui][touch]") {
    HeadlessUi ui(ImVec2(1080, 1920));
    const State idle = sample(ui, "idle-countdown", Lang::en);
    const auto pos = ui.locate(idle, "idle_countdown", "##stay");
    REQUIRE(pos);
    const auto actions = ui.tap(idle, *pos);
    REQUIRE(actions.size() == 1);
    CHECK(std::holds_alternative<StayActive>(actions[0]));
}

TEST_CASE("a press that slides off a button does not trigger it", "[ui][touch]") {
    HeadlessUi ui(ImVec2(1920, 1080));
    const State home = sample(ui, "home", Lang::tr);
    const auto pos = ui.locate(home, "home", "##language");
    REQUIRE(pos);
    CHECK(ui.press_move_release(home, *pos, ImVec2(pos->x - 600, pos->y + 500)).empty());
    CHECK(ui.tap(home, *pos).size() == 1);
}

TEST_CASE("Turkish upper case keeps the dot where Turkish does", "[ui][keyboard]") {
    using screens::turkish_upper;
    CHECK(turkish_upper("i") == "İ");
    CHECK(turkish_upper("ı") == "I");
    CHECK(turkish_upper("ğ") == "Ğ");
    CHECK(turkish_upper("ş") == "Ş");
    CHECK(turkish_upper("q") == "Q");
    CHECK(turkish_upper("@") == "@");
}

TEST_CASE("every process can be walked to its end by tapping, in both languages", "[ui][touch][process]") {
    HeadlessUi ui(ImVec2(1920, 1080));
    for (const auto& id : content::process_ids()) {
        for (Lang lang : {Lang::tr, Lang::en}) {
            for (std::size_t branch = 0; branch < 2; ++branch) {
                INFO(id << " " << to_string(lang) << " answer " << branch);
                State state = sample(ui, "home", lang);
                std::vector<Command> commands;
                std::vector<LogLine> log_lines;
                state = update(state, OpenProcess{id}, ui.now, commands, log_lines);
                REQUIRE(state.screen == ScreenId::process);
                bool finished = false;
                for (int guard = 0; guard < 20 && !finished; ++guard) {
                    const content::Step* step = current_step(state);
                    REQUIRE(step);
                    const std::string button =
                        step->answers.empty() ? "##next" : "##answer" + std::to_string(std::min(branch, step->answers.size() - 1));
                    const auto pos = ui.locate(state, "process", button.c_str());
                    REQUIRE(pos);
                    const auto actions = ui.tap(state, *pos);
                    REQUIRE(actions.size() == 1);
                    if (std::holds_alternative<GoHome>(actions[0])) finished = step->next.empty() && step->answers.empty();
                    state = update(state, actions[0], ui.now, commands, log_lines);
                }
                CHECK(finished);
                CHECK(state.screen == ScreenId::home);
            }
        }
    }
}

TEST_CASE("the on-screen keyboard types Turkish letters into the focused field", "[ui][touch][form]") {
    HeadlessUi ui(ImVec2(1920, 1080));
    State state = sample(ui, "details", Lang::tr);
    std::vector<Command> commands;
    std::vector<LogLine> log_lines;
    // "ğ" is the 11th key of the second row of the Turkish Q layout.
    const auto key = ui.locate(state, "details", "##key1_10");
    REQUIRE(key);
    const auto actions = ui.tap(state, *key);
    REQUIRE(actions.size() == 1);
    const auto* typed = std::get_if<TypeText>(&actions[0]);
    REQUIRE(typed);
    CHECK(typed->text == "ğ");
    const std::string before = state.session->person.address;
    state = update(state, actions[0], ui.now, commands, log_lines);
    CHECK(state.session->person.address == before + "ğ");
    // Tapping a field moves the keyboard to it.
    const auto field = ui.locate(state, "details", "##field0");
    REQUIRE(field);
    const auto focus = ui.tap(state, *field);
    REQUIRE(focus.size() == 1);
    CHECK(std::get<FocusField>(focus[0]).field == 0);
}

namespace {

template <typename T>
int count_of(const std::vector<Action>& actions) {
    return static_cast<int>(std::count_if(actions.begin(), actions.end(), [](const Action& a) { return std::holds_alternative<T>(a); }));
}

}  // namespace

TEST_CASE("holding the top-left corner of Home asks for the admin PIN, once", "[ui][touch][admin]") {
    HeadlessUi ui(ImVec2(1920, 1080));
    State state = *screens::sample_state("home", ui.now, ui.wall_now, shipped_content());
    state.admin_policy.enabled = true;
    const ImVec2 corner(40, 40);
    CHECK(count_of<OpenAdmin>(ui.tap(state, corner)) == 0);
    CHECK(count_of<OpenAdmin>(ui.hold(state, corner, 2.0f)) == 0);
    CHECK(count_of<OpenAdmin>(ui.hold(state, corner, 5.0f)) == 1);
    state.admin_policy.enabled = false;
    CHECK(count_of<OpenAdmin>(ui.hold(state, corner, 5.0f)) == 0);
}

TEST_CASE("the admin keypad types digits and signs in; the admin screen runs IT's actions", "[ui][touch][admin]") {
    HeadlessUi ui(ImVec2(1920, 1080));
    State pin = *screens::sample_state("admin-pin", ui.now, ui.wall_now, shipped_content());
    const auto enter = ui.locate(pin, "admin_pin", "##admin_enter");
    REQUIRE(enter);
    CHECK(count_of<AdminSubmit>(ui.tap(pin, *enter)) == 1);

    State admin = *screens::sample_state("admin", ui.now, ui.wall_now, shipped_content());
    const auto test_page = ui.locate(admin, "admin", "##admin_test_page");
    REQUIRE(test_page);
    const auto actions = ui.tap(admin, *test_page);
    REQUIRE(count_of<AdminRun>(actions) == 1);
    for (const auto& a : actions)
        if (const auto* run = std::get_if<AdminRun>(&a)) CHECK(run->task == AdminTask::print_test_page);
    const auto leave = ui.locate(admin, "admin", "##admin_leave");
    REQUIRE(leave);
    CHECK(count_of<GoHome>(ui.tap(admin, *leave)) == 1);
}

TEST_CASE("Home offers every process to people without a card", "[ui][touch]") {
    for (ImVec2 size : {ImVec2(1920, 1080), ImVec2(1080, 1920)}) {
        HeadlessUi ui(size);
        for (const char* name : {"home", "home-no-reader", "home-card-left"}) {
            INFO(name << " " << size.x << "x" << size.y);
            const State home = sample(ui, name, Lang::tr);
            const auto pos = ui.locate(home, "home", "##all_processes");
            REQUIRE(pos);
            const auto actions = ui.tap(home, *pos);
            REQUIRE(actions.size() == 1);
            CHECK(std::holds_alternative<ShowProcesses>(actions[0]));
        }
    }
}

TEST_CASE("a QR code's web address breaks after a separator, never inside a word", "[ui]") {
    HeadlessUi ui(ImVec2(1920, 1080));
    ImFont* font = ui.runtime().fonts().small;
    const std::string url =
        "http://kamusm.gov.tr/dosyalar/formlar/FORM-001-003_NITELIKLI_ELEKTRONIK_SERTIFIKA_BASVURU_LISTESI.xls";
    for (float width : {260.0f, 400.0f, 2000.0f}) {
        INFO(width);
        const std::string text = screens::url_lines(font, url, width);
        std::string joined;
        std::size_t start = 0;
        while (start <= text.size()) {
            const std::size_t end = std::min(text.find('\n', start), text.size());
            const std::string line = text.substr(start, end - start);
            CHECK(font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, line.c_str()).x <= width);
            if (end < text.size()) CHECK(std::string("/_.-?&=").find(line.back()) != std::string::npos);
            joined += line;
            start = end + 1;
        }
        CHECK(joined == url);
    }
    CHECK(screens::url_lines(font, url, 2000.0f) == url);
}

TEST_CASE("after printing, the kiosk asks for the card back only when one is in", "[ui][print]") {
    HeadlessUi ui(ImVec2(1920, 1080));
    for (const Lang lang : {Lang::tr, Lang::en}) {
        State printed = sample(ui, "printed", lang);
        auto keys = ui.texts_shown(printed);
        CHECK(std::count(keys.begin(), keys.end(), "print.take_card") == 0);
        printed.session->token = TokenSession{};
        printed.session->token->reader = "Reader A";
        keys = ui.texts_shown(printed);
        CHECK(std::count(keys.begin(), keys.end(), "print.take_card") == 1);
        CHECK(std::count(keys.begin(), keys.end(), "print.done_body") == 1);
    }
}
