#include <catch2/catch.hpp>

#include "kiosk/core/config.h"

using namespace eimza;

TEST_CASE("an empty configuration gives the defaults", "[config]") {
    std::vector<ConfigProblem> problems;
    const Config config = parse_config("", "kiosk.yaml", problems);
    CHECK(problems.empty());
    CHECK(config.kiosk.idle_timeout_seconds == 120);
    CHECK(config.kiosk.idle_countdown_seconds == 30);
    CHECK(config.kiosk.default_language == Lang::tr);
    CHECK(config.kiosk.display.fullscreen);
}

TEST_CASE("kiosk settings are read", "[config]") {
    std::vector<ConfigProblem> problems;
    const Config config = parse_config(
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
    CHECK(parse_config("", "kiosk.yaml", problems).kiosk.display.renderer == Renderer::software);
    const std::pair<const char*, Renderer> names[] = {{"software", Renderer::software},
                                                      {"opengl", Renderer::opengl},
                                                      {"opengles2", Renderer::opengles2},
                                                      {"accelerated", Renderer::accelerated}};
    for (const auto& [name, renderer] : names) {
        const Config config =
            parse_config(std::string("kiosk:\n  display: { renderer: ") + name + " }\n", "kiosk.yaml", problems);
        CHECK(config.kiosk.display.renderer == renderer);
    }
    CHECK(problems.empty());
    const Config vulkan = parse_config("kiosk:\n  display: { renderer: vulkan }\n", "kiosk.yaml", problems);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].line == 2);
    CHECK(vulkan.kiosk.display.renderer == Renderer::software);
}

TEST_CASE("bad values are reported with their line and fall back to defaults", "[config]") {
    std::vector<ConfigProblem> problems;
    const Config config = parse_config(
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
    const Config longer =
        parse_config("kiosk:\n  idle_timeout_seconds: 600\n  idle_countdown_seconds: 60\n", "kiosk.yaml", problems);
    CHECK(problems.empty());
    CHECK(longer.kiosk.idle_timeout_seconds == 600);
    CHECK(longer.kiosk.idle_countdown_seconds == 60);

    const Config short_warning = parse_config("kiosk:\n  idle_countdown_seconds: 10\n", "kiosk.yaml", problems);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].line == 2);
    CHECK(short_warning.kiosk.idle_countdown_seconds == 30);

    problems.clear();
    const Config longer_than_timeout =
        parse_config("kiosk:\n  idle_timeout_seconds: 60\n  idle_countdown_seconds: 60\n", "kiosk.yaml", problems);
    REQUIRE(problems.size() == 1);
    CHECK(longer_than_timeout.kiosk.idle_countdown_seconds == 30);
}

TEST_CASE("a syntax error is a problem, not an exception", "[config]") {
    std::vector<ConfigProblem> problems;
    parse_config("kiosk: [unclosed\n", "kiosk.yaml", problems);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].what.find("YAML") != std::string::npos);
}
