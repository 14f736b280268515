// Walking the shipped processes through update(): the answers the kiosk
// gives itself, the numbering, Back, and the person's receipt description.
#include <catch2/catch.hpp>

#include <filesystem>

#include "kiosk/core/person_form.h"
#include "kiosk/core/process_flow.h"
#include "kiosk/core/update.h"

using namespace eimza;

namespace {

std::shared_ptr<const content::Content> shipped() {
    static const auto content = [] {
        std::vector<content::Problem> problems;
        auto loaded = content::load_content(std::filesystem::path(EIMZA_SOURCE_DIR) / "assets" / "content", problems);
        return std::make_shared<const content::Content>(std::move(loaded));
    }();
    return content;
}

struct Walk {
    State state;
    std::vector<Command> commands;
    Walk() { state.content = shipped(); }
    void send(const Event& e) {
        commands.clear();
        state = update(state, e, TimePoint{}, commands);
    }
    std::string step() const { return state.session && state.session->process ? state.session->process->path.back() : ""; }
    void with_card(hw::Overall overall, bool registrar = false) {
        TokenSession token;
        token.generation = 1;
        hw::Verdict v;
        v.overall = overall;
        v.holder = hw::Holder{"Ayşe Yılmaz", "10000000146", "100******46", true};
        hw::CertificateVerdict nes;
        nes.role = hw::CertRole::nes;
        v.certificates.push_back(nes);
        if (registrar) {
            hw::CertificateVerdict reg;
            reg.role = hw::CertRole::registrar;
            v.certificates.push_back(reg);
        }
        token.read = TokenReady{{}, v, std::nullopt};
        open_session(state).token = token;
        state.screen = ScreenId::token;
    }
};

}  // namespace

TEST_CASE("renewal for a family physician: pay with the exact receipt description", "[process]") {
    Walk w;
    w.with_card(hw::Overall::renew_soon);
    w.send(OpenProcess{"renewal"});
    CHECK(w.state.screen == ScreenId::process);
    CHECK(w.step() == "role");
    w.send(ProcessAnswer{0});
    CHECK(w.step() == "fp_pay");
    REQUIRE(w.state.session->process->role);
    CHECK(*w.state.session->process->role == PersonRole::family_physician);
    const content::Step* step = current_step(w.state);
    REQUIRE(step);
    CHECK(step->account == "halkbank_batikent");
    CHECK(receipt_description(w.state, *step, Lang::tr) == "Ayşe Yılmaz 100******46 3 Yıllık NES bedeli");
    w.send(RevealTckn{});
    CHECK(receipt_description(w.state, *step, Lang::tr) == "Ayşe Yılmaz 10000000146 3 Yıllık NES bedeli");
    CHECK(step_position(w.state).number == 2);
    CHECK(step_position(w.state).total == 5);
    w.send(ProcessNext{});
    CHECK(w.step() == "fp_apply");
    w.send(ProcessBack{});
    w.send(ProcessBack{});
    CHECK(w.step() == "role");
    w.send(ProcessBack{});
    CHECK_FALSE(w.state.session->process);
    CHECK(w.state.screen == ScreenId::token);
}

TEST_CASE("first application for other staff has no payment step", "[process]") {
    Walk w;
    w.send(OpenProcess{"first_application"});
    w.send(ProcessAnswer{1});
    CHECK(w.step() == "staff_apply");
    CHECK(current_step(w.state)->account.empty());
    CHECK(receipt_description(w.state, *current_step(w.state), Lang::tr).empty());
}

TEST_CASE("PIN-PUK: the kiosk picks the e-signed or the wet route from the card", "[process]") {
    for (const auto& [overall, expected] : {std::pair{hw::Overall::valid, "esigned"}, {hw::Overall::expired, "wet"}}) {
        Walk w;
        w.with_card(overall);
        w.send(OpenProcess{"pin_puk_block"});
        // An expired card's revocation was never confirmed: the person is asked.
        if (overall == hw::Overall::expired) w.send(ProcessAnswer{1});
        CHECK(w.step() == "puk");
        w.send(ProcessAnswer{1});  // the PUK is blocked too
        for (int i = 0; i < 5; ++i) w.send(ProcessNext{});
        CHECK(w.step() == expected);
        // Back skips the question the kiosk answered itself.
        w.send(ProcessBack{});
        CHECK(w.step() == "link");
    }
    Walk without_card;
    without_card.send(OpenProcess{"pin_puk_block"});
    without_card.send(ProcessAnswer{1});
    without_card.send(ProcessAnswer{1});
    for (int i = 0; i < 5; ++i) without_card.send(ProcessNext{});
    CHECK(without_card.step() == "which_form");  // no card: the person is asked
}

TEST_CASE("PIN-PUK: a PIN block alone is lifted with the PUK, no application", "[process]") {
    Walk w;
    w.with_card(hw::Overall::pin_blocked);
    w.send(OpenProcess{"pin_puk_block"});
    CHECK(w.step() == "revoked_already");  // a PIN block says nothing about revocation: asked
    w.send(ProcessAnswer{1});
    CHECK(w.step() == "puk");
    w.send(ProcessAnswer{0});
    CHECK(w.step() == "puk_unblock");
    CHECK(current_step(w.state)->next.empty());
    CHECK(current_step(w.state)->account.empty());
}

TEST_CASE("a revoked card: the processes skip 'have it revoked'", "[process]") {
    for (const auto& [id, first] : {std::pair{"lost_stolen", "a_form"}, {"pin_puk_block", "tell"}, {"identity_update", "tell"}}) {
        Walk w;
        w.with_card(hw::Overall::revoked);
        w.send(OpenProcess{id});
        CHECK(w.step() == first);
        CHECK(step_position(w.state).number == 1);
    }
    // A card seen valid has not been revoked: the call comes first.
    Walk valid;
    valid.with_card(hw::Overall::valid);
    valid.send(OpenProcess{"lost_stolen"});
    CHECK(valid.step() == "revoke");
    // While revocation is unconfirmed, the kiosk does not know: it asks.
    Walk unconfirmed;
    unconfirmed.with_card(hw::Overall::unconfirmed);
    unconfirmed.send(OpenProcess{"lost_stolen"});
    CHECK(unconfirmed.step() == "revoked_already");
}

TEST_CASE("lost or stolen: revoke first, then the configured route", "[process]") {
    Walk ankara;
    ankara.send(OpenProcess{"lost_stolen"});
    CHECK(ankara.step() == "revoked_already");  // no card: asked whether it is revoked already
    ankara.send(ProcessAnswer{1});
    CHECK(ankara.step() == "revoke");
    CHECK(current_step(ankara.state)->warning);
    CHECK(current_step(ankara.state)->phones == std::vector<std::string>{"444 5 576"});
    ankara.send(ProcessNext{});
    CHECK(ankara.step() == "a_form");
    CHECK(step_position(ankara.state).number == 3);

    Walk representative;
    representative.state.lost_stolen_ankara_route = false;
    representative.send(OpenProcess{"lost_stolen"});
    representative.send(ProcessAnswer{1});
    representative.send(ProcessNext{});
    CHECK(representative.step() == "tell");
}

TEST_CASE("card removal and Home end the process and wipe the session", "[process]") {
    Walk w;
    w.with_card(hw::Overall::valid);
    w.send(OpenProcess{"card_reader"});
    w.send(GoHome{});
    CHECK_FALSE(w.state.session);  // and the process with it
    CHECK(w.state.screen == ScreenId::home);
    CHECK_FALSE(w.state.token());
}

TEST_CASE("personal details: prefilled from the card, validated, typed and erased", "[process][form]") {
    Walk w;
    w.with_card(hw::Overall::renew_soon);
    w.send(OpenProcess{"renewal"});
    w.send(ProcessAnswer{1});
    w.send(ProcessNext{});
    REQUIRE(current_step(w.state)->details);
    w.send(OpenDetails{});
    CHECK(w.state.screen == ScreenId::details);
    CHECK(w.state.session->person.tckn == "10000000146");
    CHECK(w.state.session->person.first_name == "Ayşe");
    CHECK(w.state.session->person.last_name == "Yılmaz");
    CHECK(person_complete(w.state.session->person));

    w.send(FocusField{10});
    for (const char* word : {"Atatürk", " ", "Cad.", " ", "No", ":", "5"}) w.send(TypeText{word});
    auto problem = check_field(w.state.session->person, 10);
    REQUIRE(problem);
    CHECK(problem->key == "form.problem.abbreviation");
    CHECK(problem->word == "Cad.");
    for (int i = 0; i < 9; ++i) w.send(EraseChar{});
    CHECK(w.state.session->person.address == "Atatürk ");  // 'ü' erased as one character, not half
    for (const char* word : {"Caddesi", " ", "Numara", " ", "5"}) w.send(TypeText{word});
    CHECK_FALSE(check_field(w.state.session->person, 10));

    w.send(FocusField{0});
    w.send(EraseChar{});
    w.send(TypeText{"7"});
    CHECK(check_field(w.state.session->person, 0)->key == "form.problem.tckn");
    w.send(TypeText{"x"});  // digits only in a TCKN, and never more than 11
    CHECK(w.state.session->person.tckn == "10000000147");

    w.send(CloseDetails{});
    CHECK(w.state.screen == ScreenId::process);
    w.send(GoHome{});
    CHECK_FALSE(w.state.session);  // and the details with it
}

TEST_CASE("address abbreviations are named", "[form]") {
    CHECK(address_abbreviation("Kızılay Mah. Atatürk Bulvarı") == std::optional<std::string>("Mah."));
    CHECK(address_abbreviation("Bağlar Sok. 3") == std::optional<std::string>("Sok."));
    CHECK(address_abbreviation("No: 5") == std::optional<std::string>("No:"));
    CHECK_FALSE(address_abbreviation("Atatürk Bulvarı Numara 5 Çankaya Ankara"));
}

TEST_CASE("printing: one job at a time, and the details are wiped once printed", "[process][print]") {
    Walk w;
    w.send(OpenProcess{"renewal"});
    w.send(ProcessAnswer{1});
    w.send(ProcessNext{});
    w.state.session->person.tckn = "10000000146";
    w.state.session->person.first_name = "Ayşe";
    w.state.session->person.last_name = "Yılmaz";
    w.send(PrintDocuments{});
    CHECK(w.state.screen == ScreenId::printing);
    REQUIRE(w.commands.size() == 1);
    const auto* start = std::get_if<StartPrint>(&w.commands[0]);
    REQUIRE(start);
    CHECK(start->process_id == "renewal");
    CHECK(start->person.tckn == "10000000146");
    w.send(PrintDocuments{});
    CHECK(w.commands.empty());  // already printing
    w.send(PrintFinished{false, "out_of_paper"});
    CHECK(w.state.session->printing->stage == PrintStatus::Stage::failed);
    CHECK(w.state.session->person.tckn == "10000000146");  // kept for the retry
    w.send(PrintDocuments{});
    CHECK(w.commands.size() == 1);
    w.send(PrintFinished{true, "completed"});
    CHECK(w.state.session->printing->stage == PrintStatus::Stage::done);
    CHECK(w.state.session->person.tckn.empty());
    CHECK(w.state.session->person.last_name.empty());
}
