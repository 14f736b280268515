#include <catch2/catch.hpp>

#include "kiosk/base/settings.h"

using namespace eimza;

TEST_CASE("an empty configuration gives the defaults", "[config]") {
    std::vector<ConfigProblem> problems;
    const Settings config = parse_settings("", "kiosk.yaml", problems);
    CHECK(problems.empty());
    CHECK(config.kiosk.idle_timeout_seconds == 120);
    CHECK(config.kiosk.idle_countdown_seconds == 30);
    CHECK(config.kiosk.default_language == Lang::tr);
    CHECK(config.kiosk.display.fullscreen);
}

TEST_CASE("kiosk settings are read", "[config]") {
    std::vector<ConfigProblem> problems;
    const Settings config = parse_settings(
        "kiosk:\n"
        "  idle_timeout_seconds: 120\n"
        "  language: en\n"
        "  display: { fullscreen: false, width: 1080, height: 1920, scale: 1.25 }\n",
        "kiosk.yaml", problems);
    CHECK(problems.empty());
    CHECK(config.kiosk.idle_timeout_seconds == 120);
    CHECK(config.kiosk.default_language == Lang::en);
    CHECK(config.kiosk.display.height == 1920);
    CHECK(config.kiosk.display.scale == Approx(1.25f));
}

TEST_CASE("the renderer is software unless a GL renderer is named", "[config]") {
    std::vector<ConfigProblem> problems;
    CHECK(parse_settings("", "kiosk.yaml", problems).kiosk.display.renderer == Renderer::software);
    const std::pair<const char*, Renderer> names[] = {{"software", Renderer::software},
                                                      {"opengl", Renderer::opengl},
                                                      {"opengles2", Renderer::opengles2},
                                                      {"accelerated", Renderer::accelerated}};
    for (const auto& [name, renderer] : names) {
        const Settings config =
            parse_settings(std::string("kiosk:\n  display: { renderer: ") + name + " }\n", "kiosk.yaml", problems);
        CHECK(config.kiosk.display.renderer == renderer);
    }
    CHECK(problems.empty());
    const Settings vulkan = parse_settings("kiosk:\n  display: { renderer: vulkan }\n", "kiosk.yaml", problems);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].line == 2);
    CHECK(vulkan.kiosk.display.renderer == Renderer::software);
}

TEST_CASE("bad values are reported with their line and fall back to defaults", "[config]") {
    std::vector<ConfigProblem> problems;
    const Settings config = parse_settings(
        "kiosk:\n"
        "  idle_timeout_seconds: soon\n"
        "  colour: blue\n"
        "printer: lobby\n",
        "kiosk.yaml", problems);
    REQUIRE(problems.size() == 3);
    CHECK(problems[0].line == 4);  // the unknown top-level key is checked first
    CHECK(problems[1].line == 3);
    CHECK(problems[1].what.find("colour") != std::string::npos);
    CHECK(problems[2].line == 2);
    CHECK(config.kiosk.idle_timeout_seconds == 120);
}

TEST_CASE("IT can lengthen the idle time, never shorten the warning under 20 s", "[config][idle]") {
    std::vector<ConfigProblem> problems;
    const Settings longer =
        parse_settings("kiosk:\n  idle_timeout_seconds: 600\n  idle_countdown_seconds: 60\n", "kiosk.yaml", problems);
    CHECK(problems.empty());
    CHECK(longer.kiosk.idle_timeout_seconds == 600);
    CHECK(longer.kiosk.idle_countdown_seconds == 60);

    const Settings short_warning = parse_settings("kiosk:\n  idle_countdown_seconds: 10\n", "kiosk.yaml", problems);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].line == 2);
    CHECK(short_warning.kiosk.idle_countdown_seconds == 30);

    problems.clear();
    const Settings longer_than_timeout =
        parse_settings("kiosk:\n  idle_timeout_seconds: 60\n  idle_countdown_seconds: 60\n", "kiosk.yaml", problems);
    REQUIRE(problems.size() == 1);
    CHECK(longer_than_timeout.kiosk.idle_countdown_seconds == 30);

    problems.clear();
    const Settings large = parse_settings("kiosk:\n  display: { mode: high-contrast }\n", "kiosk.yaml", problems);
    CHECK(problems.empty());
    CHECK(large.kiosk.display.mode == DisplayMode::high_contrast);
    parse_settings("kiosk:\n  display: { mode: huge }\n", "kiosk.yaml", problems);
    CHECK(problems.size() == 1);
}

TEST_CASE("the panel's size is configured, 21.5\" unless told, and a wrong one is told with its line", "[config]") {
    std::vector<ConfigProblem> problems;
    CHECK(parse_settings("", "kiosk.yaml", problems).kiosk.display.diagonal_inches == 21.5f);
    const Settings small =
        parse_settings("kiosk:\n  display:\n    diagonal_inches: 15.6\n", "kiosk.yaml", problems);
    CHECK(problems.empty());
    CHECK(small.kiosk.display.diagonal_inches == 15.6f);
    for (const char* bad : {"3", "two feet"}) {
        problems.clear();
        const Settings settings = parse_settings(
            std::string("kiosk:\n  display:\n    diagonal_inches: ") + bad + "\n", "kiosk.yaml", problems);
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].line == 3);
        CHECK(problems[0].what.find("diagonal_inches") != std::string::npos);
        CHECK(settings.kiosk.display.diagonal_inches == 21.5f);
    }
}

TEST_CASE("a syntax error is a problem, not an exception", "[config]") {
    std::vector<ConfigProblem> problems;
    parse_settings("kiosk: [unclosed\n", "kiosk.yaml", problems);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].what.find("YAML") != std::string::npos);
}

TEST_CASE("every section is parsed into the one Settings", "[config][settings]") {
    std::vector<ConfigProblem> problems;
    const Settings settings = parse_settings(
        "token: { read_timeout_ms: 9000 }\n"
        "verdict: { renewal_window_days: 45, revocation: { allowed_hosts: [ocsp.example] } }\n"
        "content: { lost_stolen_route: representative }\n"
        "printing: { queue: lobby }\n"
        "metrics: { interval_seconds: 60 }\n"
        "admin: { hold_seconds: 6 }\n",
        "kiosk.yaml", problems);
    CHECK(problems.empty());
    CHECK(settings.file == "kiosk.yaml");
    CHECK(settings.token.read_timeout_ms == 9000);
    CHECK(settings.verdict.renewal_window_days == 45);
    CHECK(settings.verdict.revocation.allowed_hosts == std::vector<std::string>{"ocsp.example"});
    CHECK(settings.content.lost_stolen_route == content::LostStolenRoute::representative);
    CHECK(settings.printing.queue == "lobby");
    CHECK(settings.metrics.interval == std::chrono::seconds(60));
    CHECK(settings.admin.hold == std::chrono::seconds(6));
}

TEST_CASE("a section that is not a map is one problem on its line", "[config][settings]") {
    for (const char* section :
         {"kiosk", "logging", "token", "verdict", "content", "content_update", "printing", "metrics", "admin", "site"}) {
        INFO(section);
        std::vector<ConfigProblem> problems;
        parse_settings(std::string("# kiosk.yaml\n") + section + ": [1, 2]\n", "kiosk.yaml", problems);
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].line == 2);
        CHECK(problems[0].what == std::string("'") + section + "' must be a map");
    }
}

TEST_CASE("a list entry of the wrong kind is a problem with its line, never an exception", "[config][settings]") {
    std::vector<ConfigProblem> problems;
    const Settings settings = parse_settings(
        "verdict:\n"
        "  nes_policy_oids: [2.16.792.1.2.1.1.5.7.1.9, {oid: 1.2}]\n"
        "  registrar:\n"
        "    label_contains:\n"
        "      - [nested]\n",
        "kiosk.yaml", problems);
    REQUIRE(problems.size() == 2);
    CHECK(problems[0].line == 2);
    CHECK(problems[0].what == "each nes_policy_oids entry must be a text value");
    CHECK(problems[1].line == 5);
    // The default list stays whole rather than half replaced.
    CHECK(settings.verdict.nes_policy_oids == hw::VerdictConfig{}.nes_policy_oids);
}

TEST_CASE("no value of any YAML kind under any key throws out of the parsers", "[config][settings]") {
    const char* keys[] = {"kiosk: { display: %s }",
                          "kiosk: { language: %s }",
                          "kiosk: { idle_timeout_seconds: %s }",
                          "logging: { target: %s }",
                          "token: { modules: %s }",
                          "token: { modules: [%s] }",
                          "token: { modules: [{atr: %s}] }",
                          "verdict: { nes_policy_oids: %s }",
                          "verdict: { revocation: %s }",
                          "verdict: { revocation: { allowed_hosts: [%s] } }",
                          "verdict: { registrar: { eku_oids: [%s] } }",
                          "content: { dir: %s }",
                          "content_update: { url: %s, max_bytes: %s }",
                          "printing: { timeout_seconds: %s }",
                          "metrics: { state_dir: %s }",
                          "admin: { pin_hash: %s }",
                          "site: { data_controller: %s }",
                          "%s: 1",
                          "kiosk: { %s: 1 }"};
    const char* values[] = {"~", "1", "-7", "99999999999999999999", "x", "[a, [b]]", "{a: {b: c}}", "[]", "{}", "''"};
    for (const char* key : keys) {
        for (const char* value : values) {
            std::string text = key;
            for (auto at = text.find("%s"); at != std::string::npos; at = text.find("%s")) text.replace(at, 2, value);
            INFO(text);
            std::vector<ConfigProblem> problems;
            CHECK_NOTHROW(parse_settings(text + "\n", "kiosk.yaml", problems));
            for (const auto& problem : problems) CHECK(problem.line >= 1);
        }
    }
}

TEST_CASE("site.data_controller names the KVKK data controller, and a wrong one is told with its line", "[config][site]") {
    std::vector<ConfigProblem> problems;
    CHECK(parse_settings("site: { name: Ankara Şehir Hastanesi }\n", "kiosk.yaml", problems).site.data_controller.empty());
    const Settings named = parse_settings(
        "site:\n"
        "  name: Ankara Şehir Hastanesi\n"
        "  data_controller: Ankara Şehir Hastanesi Başhekimliği\n",
        "kiosk.yaml", problems);
    CHECK(problems.empty());
    CHECK(named.site.data_controller == "Ankara Şehir Hastanesi Başhekimliği");
    // The notice adds the full stop; a name ending in one does not get two.
    CHECK(parse_settings("site: { data_controller: Örnek Sağlık Hizmetleri A.Ş. }\n", "kiosk.yaml", problems)
              .site.data_controller == "Örnek Sağlık Hizmetleri A.Ş");
    CHECK(problems.empty());

    for (const char* wrong : {"[Başhekimlik, Müdürlük]", "{name: Başhekimlik}", "~"}) {
        INFO(wrong);
        problems.clear();
        const Settings settings = parse_settings(
            std::string("# kiosk.yaml\nsite:\n  name: Ankara Şehir Hastanesi\n  data_controller: ") + wrong + "\n",
            "kiosk.yaml", problems);
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].line == 4);
        CHECK(problems[0].what == "data_controller must be a text value");
        CHECK(settings.site.data_controller.empty());
    }

    // Counted in letters, not bytes: Turkish letters are two bytes each.
    const std::string longest(kMaxDataControllerLetters, 'S');
    std::string turkish;
    for (std::size_t i = 0; i < kMaxDataControllerLetters; ++i) turkish += "Ş";
    for (const std::string& fits : {longest, turkish}) {
        problems.clear();
        CHECK(parse_settings("site:\n  data_controller: " + fits + "\n", "kiosk.yaml", problems).site.data_controller ==
              fits);
        CHECK(problems.empty());
    }
    problems.clear();
    const Settings too_long =
        parse_settings("site:\n  data_controller: " + turkish + "Ş\n", "kiosk.yaml", problems);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].line == 2);
    CHECK(problems[0].what.find("data_controller must be at most 100 letters") == 0);
    CHECK(too_long.site.data_controller.empty());
}

TEST_CASE("problems are told as FILE:LINE: what", "[config][settings]") {
    CHECK(describe("/etc/eimza-kiosk/kiosk.yaml", {7, "printer must be a map"}) ==
          "/etc/eimza-kiosk/kiosk.yaml:7: printer must be a map");
}
