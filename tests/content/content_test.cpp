// The content: validation rules, precise reports for broken files, and
// completeness against the seeds.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "kiosk/content/content.h"
#include "kiosk/content/content_store.h"

using namespace eimza::content;
namespace fs = std::filesystem;

namespace {

const fs::path shipped = fs::path(EIMZA_SOURCE_DIR) / "assets" / "content";

// A copy of the shipped content with one file's text replaced.
fs::path broken_copy(const std::string& name, const std::string& file, const std::string& from, const std::string& to) {
    const fs::path dir = fs::temp_directory_path() / ("eimza-content-" + name);
    fs::remove_all(dir);
    fs::copy(shipped, dir, fs::copy_options::recursive);
    std::ifstream in(dir / file);
    std::stringstream text;
    text << in.rdbuf();
    std::string s = text.str();
    const auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    s.replace(at, from.size(), to);
    std::ofstream(dir / file) << s;
    return dir;
}

std::vector<Problem> problems_of(const fs::path& dir) {
    std::vector<Problem> problems;
    load_content(dir, problems);
    fs::remove_all(dir);
    return problems;
}

std::string all_content_text() {
    std::string all;
    for (const auto& entry : fs::recursive_directory_iterator(shipped)) {
        if (!entry.is_regular_file()) continue;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        all += text.str();
    }
    return all;
}

}  // namespace

TEST_CASE("the shipped content validates", "[content]") {
    std::vector<Problem> problems;
    const Content content = load_content(shipped, problems);
    for (const auto& p : problems) FAIL_CHECK(p.file << ":" << p.line << ": " << p.what << " — " << p.why);
    for (const auto& id : process_ids()) CHECK(content.process(id));
    // Until IT puts the official template's columns in, the file says they are ours.
    CHECK(content.documents.form_note.tr.find("kioskun kendi düzenidir") != std::string::npos);
    CHECK(content.documents.form_note.en.find("kiosk's own layout") != std::string::npos);
}

TEST_CASE("IBAN, e-mail, URL and phone rules", "[content]") {
    CHECK(iban_valid("TR93 0001 2009 4570 0044 0000 04"));
    CHECK(iban_valid("TR190001500158007302823468"));
    CHECK_FALSE(iban_valid("TR93 0001 2009 4570 0044 0000 05"));
    CHECK_FALSE(iban_valid("TR93 0001 2009 4570 0044 0000"));
    CHECK_FALSE(iban_valid("DE89 3704 0044 0532 0130 00"));
    CHECK(email_valid("bilgi@kamusm.gov.tr"));
    CHECK_FALSE(email_valid("bilgi@kamusm"));
    CHECK(url_valid("https://portal.kamusm.gov.tr/bp/ws.go"));
    CHECK_FALSE(url_valid("portal.kamusm.gov.tr"));
    CHECK(phone_valid("444 5 576"));
    CHECK(phone_valid("0312 123 45 67"));
    CHECK(phone_valid("+90 312 123 45 67"));
    CHECK_FALSE(phone_valid("12345"));
    CHECK(group_in_fours("TR930001200945700044000004") == "TR93 0001 2009 4570 0044 0000 04");
}

TEST_CASE("broken content is reported precisely: file, line, what, why", "[content]") {
    SECTION("bad IBAN") {
        const auto problems = problems_of(broken_copy("iban", "content.yaml", "0000 04\"", "0000 05\""));
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].file == "content.yaml");
        CHECK(problems[0].line == 48);
        CHECK(problems[0].what.find("IBAN") != std::string::npos);
    }
    SECTION("a cover letter to nobody, or with an enclosure no one defined") {
        auto problems = problems_of(broken_copy("deliver", "processes/renewal.yaml", "deliver_to: ankara_ism", "deliver_to: ankara"));
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].what.find("unknown institution 'ankara'") != std::string::npos);
        problems = problems_of(broken_copy("enclosure", "processes/renewal.yaml", "enclosures: [portal_form_signed]",
                                           "enclosures: [portal_form]"));
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].what.find("unknown enclosure 'portal_form'") != std::string::npos);
    }
    SECTION("a FORM-001-003 column the kiosk cannot fill") {
        const auto problems = problems_of(broken_copy("column", "content.yaml", "field: birth_place", "field: birthplace"));
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].what.find("unknown field 'birthplace'") != std::string::npos);
    }
    SECTION("a FORM-001-003 header twice") {
        const auto problems = problems_of(broken_copy("header", "content.yaml", "header: \"Ad\"", "header: \"Soyad\""));
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].what.find("header 'Soyad' twice") != std::string::npos);
    }
    SECTION("FORM-001-003 without the note that says what its columns are") {
        const auto problems = problems_of(broken_copy("note", "content.yaml", "form_001_003_note:", "form_001_003_notes:"));
        REQUIRE(problems.size() == 2);  // the unknown key, and the note missing
        CHECK(std::any_of(problems.begin(), problems.end(),
                          [](const Problem& p) { return p.what.find("'form_001_003_note' is missing") != std::string::npos; }));
    }
    SECTION("missing translation") {
        const auto problems = problems_of(broken_copy("translation", "processes/card_reader.yaml",
                                                      "en: \"Buying a card reader\"", "de: \"Kartenleser\""));
        REQUIRE(!problems.empty());
        CHECK(problems[0].file == "processes/card_reader.yaml");
        CHECK(problems[0].line == 4);
    }
    SECTION("unreachable step") {
        const auto problems = problems_of(broken_copy("unreachable", "processes/card_reader.yaml", "    next: shipping\n", ""));
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].what == "step shipping is unreachable");
    }
    SECTION("unknown automatic answer") {
        const auto problems = problems_of(broken_copy("automatic", "processes/lost_stolen.yaml",
                                                      "automatic: ankara_route", "automatic: ankara"));
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].file == "processes/lost_stolen.yaml");
        CHECK(problems[0].line == 34);
        CHECK(problems[0].what == "step route: unknown automatic answer 'ankara'");
        CHECK(problems[0].why == "use has_valid_nes, has_registrar, certificate_revoked or ankara_route");
    }
    SECTION("unknown key") {
        const auto problems = problems_of(broken_copy("unknown", "processes/card_reader.yaml", "start: apply",
                                                      "start: apply\ncolour: red"));
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].what.find("unknown key 'colour'") != std::string::npos);
        CHECK(problems[0].line == 9);
    }
    SECTION("syntax error") {
        const auto problems = problems_of(broken_copy("syntax", "processes/card_reader.yaml", "steps:", "steps: [oops"));
        REQUIRE(!problems.empty());
        CHECK(problems[0].what == "YAML syntax error");
        CHECK(problems[0].line > 0);
    }
    SECTION("dangling reference") {
        const auto problems = problems_of(broken_copy("dangling", "processes/renewal.yaml", "account: halkbank_batikent",
                                                      "account: ziraat"));
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].what.find("unknown account 'ziraat'") != std::string::npos);
    }
    SECTION("fee with an amount but no date") {
        const auto problems = problems_of(broken_copy("undated", "content.yaml", "amount: ~", "amount: 1000"));
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].what.find("as_of") != std::string::npos);
    }
}

TEST_CASE("every URL, phone, e-mail and IBAN of the seeds is in the shipped content", "[content][seeds]") {
    const std::string content = all_content_text();
    std::string compact_content;
    for (char c : content)
        if (c != ' ') compact_content += c;
    for (const auto& entry : fs::directory_iterator(fs::path(EIMZA_SOURCE_DIR) / "tests" / "content" / "seeds")) {
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        const std::string seed = text.str();
        const std::regex url(R"(https?://[^\s<>)\]]+)"), email(R"([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,})"),
            iban(R"(TR\s?\d{2}(\s?\d{4}){5}\s?\d{2})"), phone(R"(444 \d \d{3})");
        for (const auto* pattern : {&url, &email, &phone}) {
            for (std::sregex_iterator it(seed.begin(), seed.end(), *pattern), end; it != end; ++it) {
                std::string found = it->str();
                if (found == "mailto") continue;
                INFO(entry.path().filename().string() << ": " << found);
                CHECK(content.find(found) != std::string::npos);
            }
        }
        for (std::sregex_iterator it(seed.begin(), seed.end(), iban), end; it != end; ++it) {
            std::string compact;
            for (char c : it->str())
                if (c != ' ') compact += c;
            INFO(entry.path().filename().string() << ": " << it->str());
            CHECK(compact_content.find(compact) != std::string::npos);
        }
    }
}

TEST_CASE("a broken content directory falls back to the last good one, then to the shipped one", "[content]") {
    const fs::path broken = broken_copy("fallback-broken", "content.yaml", "0000 04\"", "0000 05\"");
    const fs::path last_good = fs::temp_directory_path() / "eimza-content-last-good";
    fs::remove_all(last_good);

    ContentSettings settings;
    settings.dir = shipped;
    settings.last_good_dir = last_good;
    auto loaded = load_for_kiosk(settings, shipped);
    REQUIRE(loaded.content);
    CHECK(fs::exists(last_good / "content.yaml"));  // remembered as the last good content

    settings.dir = broken;
    loaded = load_for_kiosk(settings, fs::path("/nonexistent"));
    REQUIRE(loaded.content);  // the kiosk keeps running…
    CHECK(loaded.source == last_good);  // …on the last good content
    REQUIRE(!loaded.problems.empty());  // and IT gets the precise report
    CHECK(loaded.problems[0].what.find("IBAN") != std::string::npos);

    fs::remove_all(last_good);
    loaded = load_for_kiosk(settings, shipped);
    REQUIRE(loaded.content);
    CHECK(loaded.source == shipped);
    fs::remove_all(broken);
}

TEST_CASE("every automatic fact has one name, read back as the same fact", "[content]") {
    for (const auto fact : {AutomaticFact::has_valid_nes, AutomaticFact::has_registrar, AutomaticFact::certificate_revoked,
                            AutomaticFact::ankara_route}) {
        const std::string_view name = automatic_fact_name(fact);
        CHECK_FALSE(name.empty());
        CHECK(parse_automatic_fact(name) == fact);
        CHECK(automatic_fact_names().find(name) != std::string::npos);
    }
    CHECK_FALSE(parse_automatic_fact("ankara"));
    CHECK_FALSE(parse_automatic_fact(""));
    KnownFacts facts;
    CHECK(facts.answer(AutomaticFact::ankara_route) == true);
    facts.lost_stolen_route = LostStolenRoute::representative;
    CHECK(facts.answer(AutomaticFact::ankara_route) == false);
    CHECK_FALSE(facts.answer(AutomaticFact::has_valid_nes));
}
