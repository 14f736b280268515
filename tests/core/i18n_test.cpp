#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "kiosk/base/i18n.h"

using namespace eimza;

TEST_CASE("format fills named placeholders", "[i18n]") {
    CHECK(format("{days} gün sonra sona eriyor", {{"days", "23"}}) == "23 gün sonra sona eriyor");
    CHECK(format("{unknown} stays", {}) == "{unknown} stays");
    CHECK(format("no braces", {{"x", "y"}}) == "no braces");
}

TEST_CASE("the shipped texts load without problems and have both languages", "[i18n]") {
    std::vector<TextProblem> problems;
    const Texts texts = Texts::load(std::filesystem::path(EIMZA_SOURCE_DIR) / "assets" / "i18n", problems);
    for (const auto& p : problems) FAIL_CHECK(p.file << ":" << p.line << ": " << p.what);
    CHECK(texts.get("home.title", Lang::tr) == "Kartınızı takın");
    CHECK(texts.get("home.title", Lang::en) == "Insert your card");
}

TEST_CASE("a text missing a language, a duplicate and bad YAML are reported precisely", "[i18n]") {
    const auto dir = std::filesystem::temp_directory_path() / "eimza-i18n-test";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "a.yaml") << "one: { tr: \"bir\", en: \"one\" }\ntwo: { tr: \"iki\" }\n";
    std::ofstream(dir / "b.yaml") << "one: { tr: \"bir\", en: \"one\" }\n";
    std::ofstream(dir / "c.yaml") << "three: [unclosed\n";
    std::vector<TextProblem> problems;
    const Texts texts = Texts::load(dir, problems);
    std::filesystem::remove_all(dir);
    REQUIRE(problems.size() == 3);
    CHECK(problems[0].file == "a.yaml");
    CHECK(problems[0].line == 2);
    CHECK(problems[1].file == "b.yaml");
    CHECK(problems[1].what.find("duplicate") != std::string::npos);
    CHECK(problems[2].file == "c.yaml");
    CHECK(texts.get("one", Lang::en) == "one");
    CHECK(texts.get("missing.key", Lang::tr) == "missing.key");
}
