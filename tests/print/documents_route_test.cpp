// Every printed set follows the person's route: for each process × route ×
// role × card state, the cover letters (addressee, enclosures), the payment
// details, the details summary and FORM-001-003 are exactly what the seeds
// require. The expectations are written from the seeds here, not read from
// the content, so a content edit that breaks a route fails this test.
#include <catch2/catch.hpp>

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "kiosk/documents/documents.h"

using namespace eimza;
using documents::Kind;

namespace {

const content::Content& shipped() {
    static const content::Content content = [] {
        std::vector<content::Problem> problems;
        auto loaded = content::load_content(std::filesystem::path(EIMZA_SOURCE_DIR) / "assets" / "content", problems);
        REQUIRE(problems.empty());
        return loaded;
    }();
    return content;
}

struct Case {
    std::string process;
    bool ankara = true;
    PersonRole role = PersonRole::staff;
    bool valid_nes = false;
    std::vector<std::string> visited;  // answers the person gave
};

struct Expected {
    std::vector<documents::Letter> letters;
    bool payment = false, summary = false, form = false;
};

// The seeds, route by route.
Expected expected(const Case& c) {
    const bool fp = c.role == PersonRole::family_physician;
    const documents::Letter receipt_to_representative{"representative", {"payment_receipt"}};
    const documents::Letter wet_form_to_representative{"representative", {"link_form_wet_signed"}};
    if (c.process == "first_application" || c.process == "renewal") {
        // Ankara document §1: family physicians pay and enclose the original receipt; other staff never pay.
        if (fp) return {{{"ankara_ism", {"portal_form_signed", "payment_receipt_original"}}}, true, true, false};
        return {{{"ankara_ism", {"portal_form_signed"}}}, false, true, false};
    }
    if (c.process == "registrar_renewal")  // e-signed with İMZAGER and e-mailed: no paper to hand in, nothing to pay
        return {{}, false, true, true};
    if (c.process == "card_reader") return {{}, true, false, false};
    const bool puk_unblock = std::find(c.visited.begin(), c.visited.end(), "puk_unblock") != c.visited.end();
    if (c.process == "pin_puk_block" && puk_unblock) return {{}, false, false, false};
    if (c.process == "lost_stolen" && c.ankara)  // Ankara document §2: receipt and signed form to the unit
        return {{{"ankara_ism", {"link_form_signed", "payment_receipt"}}}, true, true, true};
    // The Ministry's representative route: receipt to the representative; a wet-signed form unless the person
    // said they have another valid NES (the card's own was revoked on the way, so the card never answers this).
    Expected e{{receipt_to_representative}, true, true, true};
    const bool esigned = std::find(c.visited.begin(), c.visited.end(), "esigned") != c.visited.end();
    if (!esigned) e.letters.push_back(wet_form_to_representative);
    return e;
}

std::vector<Case> all_cases() {
    std::vector<Case> cases;
    for (const auto& process : content::process_ids())
        for (bool ankara : {true, false})
            for (auto role : {PersonRole::family_physician, PersonRole::staff, PersonRole::registrar})
                for (bool nes : {true, false}) {
                    std::vector<std::vector<std::string>> answers{{}};
                    if (process == "pin_puk_block")
                        answers = {{}, {"puk", "revoke"}, {"puk", "puk_unblock"}, {"tell", "esigned"}};
                    if (process == "identity_update" || (process == "lost_stolen" && !ankara))
                        answers = {{}, {"revoke"}, {"tell", "esigned"}};
                    if (process == "lost_stolen" && ankara) answers = {{}, {"revoke"}};
                    for (const auto& visited : answers) cases.push_back({process, ankara, role, nes, visited});
                }
    return cases;
}

documents::Request request_for(const Case& c) {
    documents::Request r;
    r.content = &shipped();
    r.process_id = c.process;
    r.facts.lost_stolen_route = c.ankara ? content::LostStolenRoute::ankara : content::LostStolenRoute::representative;
    r.person.role = c.role;
    r.facts.has_valid_nes = c.valid_nes;
    r.facts.has_registrar = c.role == PersonRole::registrar;
    r.visited = c.visited;
    r.date = "28.11.2026";
    r.person.tckn = "10000000146";
    r.person.first_name = "Ayşe";
    r.person.last_name = "Yılmaz";
    r.person.birth_place = "Ankara";
    r.person.birth_date = "1986-04-30";
    r.person.institution = "Ankara Şehir Hastanesi";
    r.person.unit = "Kardiyoloji";
    r.person.title = "Uzman Doktor";
    r.person.email = "ayse@example.org";
    r.person.phone = "0532 123 45 67";
    r.person.address = "Üniversiteler Mahallesi 1604. Cadde No: 9 Çankaya Ankara";
    return r;
}

std::string describe(const Case& c) {
    std::string out = c.process + (c.ankara ? " ankara " : " representative ") + to_string(c.role) +
                      (c.valid_nes ? " valid-NES" : " no-NES");
    for (const auto& v : c.visited) out += " " + v;
    return out;
}

// The text a PDF holds, through poppler's pdftotext.
std::string pdf_text(const hw::Bytes& pdf) {
    char path[] = "/tmp/eimza-doc-XXXXXX";
    const int fd = mkstemp(path);
    REQUIRE(fd >= 0);
    REQUIRE(write(fd, pdf.data(), pdf.size()) == static_cast<ssize_t>(pdf.size()));
    close(fd);
    std::string text;
    if (FILE* p = popen(("pdftotext -layout " + std::string(path) + " - 2>/dev/null").c_str(), "r")) {
        char buffer[4096];
        for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, p)) > 0;) text.append(buffer, n);
        pclose(p);
    }
    std::filesystem::remove(path);
    return text;
}

// A long value wraps: its lines read as one, every run of spaces as one.
std::string one_line(const std::string& text) {
    std::string out;
    for (char ch : text)
        if (!std::isspace(static_cast<unsigned char>(ch)) || (!out.empty() && out.back() != ' '))
            out += std::isspace(static_cast<unsigned char>(ch)) ? ' ' : ch;
    return out;
}

}  // namespace

TEST_CASE("each process × route × role × card state gets exactly the papers the seeds require", "[print][route]") {
    int checked = 0;
    for (const Case& c : all_cases()) {
        INFO(describe(c));
        const auto request = request_for(c);
        const auto plan = documents::plan(*shipped().process(c.process), request);
        const Expected want = expected(c);
        REQUIRE(plan.letters.size() == want.letters.size());
        for (std::size_t i = 0; i < want.letters.size(); ++i) {
            CHECK(plan.letters[i].to == want.letters[i].to);
            CHECK(plan.letters[i].enclosures == want.letters[i].enclosures);
        }
        CHECK(plan.payment_details == want.payment);
        CHECK(plan.details_summary == want.summary);
        CHECK(plan.form_001_003 == want.form);
        // And the documents generated are those of the plan, nothing else.
        const auto docs = documents::generate(request);
        const auto count = [&](Kind k) { return std::count_if(docs.begin(), docs.end(), [k](const auto& d) { return d.kind == k; }); };
        CHECK(count(Kind::cover_letter) == static_cast<long>(want.letters.size()));
        CHECK(count(Kind::payment_details) == (want.payment ? 1 : 0));
        CHECK(count(Kind::details_summary) == (want.summary ? 1 : 0));
        CHECK(count(Kind::form_001_003) == (want.form ? 1 : 0));
        CHECK(count(Kind::checklist) == 1);
        ++checked;
    }
    CHECK(checked > 80);
}

TEST_CASE("a cover letter is a Turkish petition to the route's addressee with its enclosures", "[print][route]") {
    Case c{"lost_stolen", false, PersonRole::staff, false, {}};
    auto docs = documents::generate(request_for(c));
    std::vector<std::string> letters;
    for (const auto& d : docs)
        if (d.kind == Kind::cover_letter) letters.push_back(pdf_text(d.data));
    REQUIRE(letters.size() == 2);
    for (const auto& text : letters) {
        CHECK(text.find("KURUM SERTİFİKA TEMSİLCİSİNE") != std::string::npos);
        CHECK(text.find("MÜDÜRLÜĞÜNE") == std::string::npos);
        CHECK(text.find("28.11.2026") != std::string::npos);
        CHECK(text.find("Ayşe Yılmaz") != std::string::npos);
        CHECK(text.find("10000000146") != std::string::npos);
        CHECK(text.find("0532 123 45 67") != std::string::npos);
        CHECK(text.find("Üniversiteler Mahallesi") != std::string::npos);
        CHECK(text.find("EKLER") != std::string::npos);
    }
    CHECK(letters[0].find("Ödeme dekontu") != std::string::npos);
    CHECK(letters[1].find("Islak imzalı") != std::string::npos);

    c = {"renewal", true, PersonRole::staff, true, {}};
    for (const auto& d : documents::generate(request_for(c))) {
        if (d.kind != Kind::cover_letter) continue;
        const std::string text = pdf_text(d.data);
        CHECK(text.find("ANKARA İL SAĞLIK MÜDÜRLÜĞÜNE") != std::string::npos);
        CHECK(text.find("dekont") == std::string::npos);  // staff never pay
    }
}

TEST_CASE("nothing printed is titled or shaped like the official application form", "[print][route]") {
    for (const Case& c : all_cases()) {
        INFO(describe(c));
        for (const auto& d : documents::generate(request_for(c))) {
            if (d.mime != "application/pdf") continue;
            const std::string text = pdf_text(d.data);
            CHECK(text.find("BAŞVURU FORMU\n") == std::string::npos);
            CHECK(text.find("NİTELİKLİ ELEKTRONİK SERTİFİKA BAŞVURU FORMU") == std::string::npos);
            if (d.kind == Kind::details_summary) CHECK(text.find("resmî başvuru formu DEĞİLDİR") != std::string::npos);
        }
    }
}

TEST_CASE("English documents keep English capitals and Turkish titles keep Turkish ones", "[print]") {
    Case c{"card_reader", true, PersonRole::staff, false, {}};
    auto r = request_for(c);
    r.lang = Lang::en;
    for (const auto& d : documents::generate(r)) {
        if (d.kind != Kind::payment_details) continue;
        const std::string text = pdf_text(d.data);
        CHECK(text.find("ÖDEME BİLGİLERİ") != std::string::npos);
        CHECK(text.find("Payment details") != std::string::npos);
        CHECK(text.find("DETAİLS") == std::string::npos);
    }
}

TEST_CASE("FORM-001-003: every column filled, registrar renewal as 'Diğer', dates as GG.AA.YYYY", "[print]") {
    Case c{"registrar_renewal", true, PersonRole::registrar, true, {}};
    const auto r = request_for(c);
    const auto row = documents::form_001_003_row(r);
    const auto& columns = shipped().documents.form_columns;
    REQUIRE(row.size() == columns.size());
    for (std::size_t i = 0; i < row.size(); ++i) {
        INFO(columns[i].header);
        CHECK_FALSE(row[i].empty());
        if (columns[i].header == "Başvuru Türü") CHECK(row[i] == "Diğer");
        if (columns[i].header == "VIP" || columns[i].header == "Yedek") CHECK(row[i] == "Hayır");
        if (columns[i].header == "Doğum Tarihi") CHECK(row[i] == "30.04.1986");
    }
    CHECK(documents::turkish_date("2026-11-28") == "28.11.2026");
    CHECK(documents::turkish_date("28.11.2026") == "28.11.2026");
}

TEST_CASE("payment details name the product the representative requests, and no account holder the seeds omit",
          "[print][route]") {
    // Seed 000: the representative requests a NES "with the application type needed" and the person pays
    // "the VAT-inclusive price of the product requested" to Vakıfbank Gebze, whose holder the seed does not name.
    const std::pair<const char*, const char*> processes[] = {{"pin_puk_block", "PIN-PUK blokesi başvurusuyla"},
                                                             {"identity_update", "kimlik bilgisi güncellemesi başvurusuyla"},
                                                             {"lost_stolen", "Kayıp/Çalıntı başvurusuyla"}};
    for (const auto& [process, product] : processes) {
        INFO(process);
        Case c{process, false, PersonRole::staff, false, {"revoke"}};
        bool seen = false;
        for (const auto& d : documents::generate(request_for(c))) {
            if (d.kind != Kind::payment_details) continue;
            seen = true;
            const std::string text = one_line(pdf_text(d.data));
            CHECK(text.find(product) != std::string::npos);
            CHECK(text.find("Nitelikli Elektronik Sertifikanın (NES) KDV dâhil bedeli") != std::string::npos);
            CHECK(text.find("TR19 0001 5001 5800 7302 8234 68") != std::string::npos);
            CHECK(text.find("Hesap adı") == std::string::npos);
            CHECK(text.find("Ücret ") != std::string::npos);
        }
        CHECK(seen);
    }
    // The Halkbank account's holder is in the seed: it is printed.
    Case fp{"renewal", true, PersonRole::family_physician, true, {}};
    for (const auto& d : documents::generate(request_for(fp)))
        if (d.kind == Kind::payment_details) CHECK(pdf_text(d.data).find("Ankara İl Sağlık Müdürlüğü") != std::string::npos);
}

TEST_CASE("who and where: the papers name the contact, room, hours and postal address IT fills in, and no blank ones",
          "[print][route]") {
    content::Content filled = shipped();
    auto& unit = filled.institutions.at("ankara_ism");
    unit.contact = "Zeynep Kaya";
    unit.room = "B Blok 2. kat 214";
    unit.hours = "08.30–17.00";
    unit.postal_address = "Posta Kutusu 06800 Çankaya";
    auto r = request_for({"lost_stolen", true, PersonRole::staff, false, {"revoke"}});
    std::string all;
    for (const auto& d : documents::generate(r))
        if (d.mime == "application/pdf") all += pdf_text(d.data);
    CHECK(all.find("Yetkili") == std::string::npos);  // the shipped content names no one
    r.content = &filled;
    all.clear();
    for (const auto& d : documents::generate(r))
        if (d.mime == "application/pdf") all += pdf_text(d.data);
    for (const char* fact : {"Zeynep Kaya", "B Blok 2. kat 214", "08.30–17.00", "Posta Kutusu 06800"}) {
        INFO(fact);
        CHECK(all.find(fact) != std::string::npos);
    }
}

TEST_CASE("FORM-001-003's summary says what its columns are, as content words it", "[print]") {
    const auto r = request_for({"registrar_renewal", true, PersonRole::registrar, true, {}});
    bool seen = false;
    for (const auto& d : documents::generate(r)) {
        if (d.kind != Kind::details_summary) continue;
        seen = true;
        const std::string text = one_line(pdf_text(d.data));
        CHECK(text.find("kioskun kendi düzenidir") != std::string::npos);
        CHECK(text.find("FORM-001-003 satırınızın değerleri") != std::string::npos);
    }
    CHECK(seen);
}
