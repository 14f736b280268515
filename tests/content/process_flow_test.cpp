// Walking the shipped processes through update(): the answers the kiosk
// gives itself, the numbering, Back, and the person's receipt description.
#include <catch2/catch.hpp>

#include <filesystem>

#include "kiosk/model/person_form.h"
#include "kiosk/model/process_flow.h"
#include "kiosk/model/update.h"

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
    std::vector<LogLine> log_lines;
    Walk() { state.content = shipped(); }
    void send(const Event& e) {
        commands.clear();
        state = update(state, e, TimePoint{}, commands, log_lines);
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
    // The masked number is never in the text to copy: a blank until the person shows the number.
    CHECK(receipt_description(w.state, *step, Lang::tr) == "Ayşe Yılmaz [T.C. Kimlik No'nuz, 11 hane] 3 Yıllık NES bedeli");
    CHECK(receipt_can_reveal_tckn(w.state, *step));
    w.send(RevealTckn{});
    CHECK(receipt_description(w.state, *step, Lang::tr) == "Ayşe Yılmaz 10000000146 3 Yıllık NES bedeli");
    CHECK_FALSE(receipt_can_reveal_tckn(w.state, *step));
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

TEST_CASE("without a card the receipt says what to write, in both languages", "[process]") {
    for (const char* process : {"renewal", "pin_puk_block"}) {
        Walk w;
        w.send(OpenProcess{process});
        const content::Process* p = current_process(w.state);
        REQUIRE(p);
        for (const auto& [id, step] : p->steps) {
            if (step.receipt.tr.empty()) continue;
            const std::string tr = receipt_description(w.state, step, Lang::tr);
            CHECK(tr.find("[T.C. Kimlik No'nuz, 11 hane]") != std::string::npos);
            CHECK(tr.find('*') == std::string::npos);
            CHECK(receipt_description(w.state, step, Lang::en).find("11 digits") != std::string::npos);
            CHECK_FALSE(receipt_can_reveal_tckn(w.state, step));
        }
    }
}

TEST_CASE("first application for other staff has no payment step", "[process]") {
    Walk w;
    w.send(OpenProcess{"first_application"});
    w.send(ProcessAnswer{1});
    CHECK(w.step() == "staff_apply");
    CHECK(current_step(w.state)->account.empty());
    CHECK(receipt_description(w.state, *current_step(w.state), Lang::tr).empty());
}

TEST_CASE("PIN-PUK: after revocation the kiosk never answers 'valid NES?' from the card it read before", "[process]") {
    for (const auto overall : {hw::Overall::valid, hw::Overall::expired}) {
        Walk w;
        w.with_card(overall);
        w.send(OpenProcess{"pin_puk_block"});
        // An expired card's revocation was never confirmed: the person is asked.
        if (overall == hw::Overall::expired) w.send(ProcessAnswer{1});
        CHECK(w.step() == "puk");
        w.send(ProcessAnswer{1});  // the PUK is blocked too
        CHECK(w.step() == "revoke");
        for (int i = 0; i < 5; ++i) w.send(ProcessNext{});
        // The card read was valid before the person had it revoked: the question is the person's.
        CHECK(w.step() == "which_form");
        w.send(ProcessAnswer{1});
        CHECK(w.step() == "wet");
    }
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
    representative.state.lost_stolen_route = content::LostStolenRoute::representative;
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

// A card read, an identity update walked to its details step, the form open.
void open_identity_update_details(Walk& w) {
    w.with_card(hw::Overall::valid);
    w.send(OpenProcess{"identity_update"});
    while (current_step(w.state) && !current_step(w.state)->details) w.send(ProcessNext{});
    REQUIRE(current_step(w.state));
    w.send(OpenDetails{});
}

TEST_CASE("'show what is missing' marks every problem, empty required fields too, and goes to the first", "[process][form]") {
    Walk w;
    open_identity_update_details(w);
    w.send(FocusField{10});
    const auto missing = fields_with_problems(w.state.session->person);
    REQUIRE(missing.size() > 1);
    CHECK_FALSE(w.state.session->form.show_problems);
    w.send(ShowFormProblems{});
    CHECK(w.state.session->form.show_problems);
    CHECK(w.state.session->form.focused == missing.front());
}

TEST_CASE("dates are typed as GG.AA.YYYY; an identity update is not pre-filled with the old identity", "[process][form]") {
    Walk w;
    open_identity_update_details(w);
    CHECK(w.state.session->person.tckn.empty());
    CHECK(w.state.session->person.last_name.empty());
    w.send(FocusField{4});
    for (const char* part : {"23", ".", "04", ".", "1980"}) w.send(TypeText{part});
    CHECK(w.state.session->person.birth_date == "23.04.1980");
    CHECK_FALSE(check_field(w.state.session->person, 4));
    w.send(TypeText{"-"});  // the old ISO form is not accepted as typing
    CHECK(w.state.session->person.birth_date == "23.04.1980");
    w.state.session->person.birth_date = "1980-04-23";
    CHECK(check_field(w.state.session->person, 4)->key == "form.problem.date");
}

TEST_CASE("a retry after a printer fault does not send FORM-001-003 twice", "[process][print]") {
    Walk w;
    w.send(OpenProcess{"registrar_renewal"});
    w.state.session->person.tckn = "10000000146";
    w.send(PrintDocuments{});
    REQUIRE(std::get_if<StartPrint>(&w.commands[0]));
    CHECK(std::get_if<StartPrint>(&w.commands[0])->send_form_mail);
    w.send(PrintFinished{false, "out_of_paper", 0, "sent"});
    CHECK(w.state.session->printing->form_mail == "sent");
    w.send(PrintDocuments{});
    REQUIRE(std::get_if<StartPrint>(&w.commands[0]));
    CHECK_FALSE(std::get_if<StartPrint>(&w.commands[0])->send_form_mail);
    CHECK(w.state.session->printing->form_mail == "sent");
}

TEST_CASE("address abbreviations are named", "[form]") {
    CHECK(address_abbreviation("Kızılay Mah. Atatürk Bulvarı") == std::optional<std::string>("Mah."));
    // The message names what the person typed, not another word.
    CHECK(address_full_word("Mah.") == "Mahallesi");
    CHECK(address_full_word("Sok.") == "Sokağı");
    CHECK(address_full_word("No:") == "Numara");
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
    CHECK(start->request.process_id == "renewal");
    CHECK(start->request.person.tckn == "10000000146");
    w.send(PrintDocuments{});
    CHECK(w.commands.empty());  // already printing
    w.send(PrintFinished{false, "out_of_paper", 0, ""});
    CHECK(w.state.session->printing->stage == PrintStatus::Stage::failed);
    CHECK(w.state.session->person.tckn == "10000000146");  // kept for the retry
    w.send(PrintDocuments{});
    CHECK(w.commands.size() == 1);
    w.send(PrintFinished{true, "completed", 0, ""});
    CHECK(w.state.session->printing->stage == PrintStatus::Stage::done);
    CHECK(w.state.session->person.tckn.empty());
    CHECK(w.state.session->person.last_name.empty());
}

TEST_CASE("the print request carries what the process flow knows, from one place", "[process]") {
    Walk w;
    w.state.lost_stolen_route = content::LostStolenRoute::representative;
    w.with_card(hw::Overall::revoked, true);
    w.send(OpenProcess{"lost_stolen"});
    // The card was seen revoked and the route is the representative's: both questions answered.
    CHECK(w.step() == "tell");
    w.send(PrintDocuments{});
    REQUIRE(w.commands.size() == 1);
    const auto* start = std::get_if<StartPrint>(&w.commands[0]);
    REQUIRE(start);
    const content::KnownFacts known = known_facts(w.state);
    CHECK(start->request.facts.lost_stolen_route == content::LostStolenRoute::representative);
    CHECK(start->request.facts.certificate_revoked == known.certificate_revoked);
    CHECK(start->request.facts.certificate_revoked == true);
    CHECK(start->request.facts.has_valid_nes == false);
    CHECK(start->request.facts.has_registrar == true);
    CHECK(start->request.visited == w.state.session->process->path);
}
