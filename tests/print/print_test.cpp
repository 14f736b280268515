#include <catch2/catch.hpp>

#include <filesystem>

#include "hw/print/pdf.h"
#include "hw/print/turkish.h"
#include "hw/print/xlsx.h"
#include "kiosk/documents/documents.h"

using namespace eimza::hw;

namespace {

// Pages as the file itself holds them: one "/Type /Page" object each (cairo
// writes page objects uncompressed; "/Type /Pages" is the page tree).
int pages_in(const Bytes& pdf) {
    const std::string text(pdf.begin(), pdf.end());
    const std::string key = "/Type /Page";
    int pages = 0;
    for (auto at = text.find(key); at != std::string::npos; at = text.find(key, at + 1))
        if (at + key.size() < text.size() && text[at + key.size()] != 's') ++pages;
    return pages;
}

}  // namespace

TEST_CASE("Turkish upper case: i becomes İ, ı becomes I", "[print]") {
    CHECK(turkish_upper("ilkay ışık") == "İLKAY IŞIK");
    CHECK(turkish_upper("çağrı şen ödül ünal") == "ÇAĞRI ŞEN ÖDÜL ÜNAL");
    CHECK(turkish_upper("Nitelikli") == "NİTELİKLİ");
}

TEST_CASE("a PDF is produced in memory and long text wraps", "[print]") {
    PdfDocument pdf;
    const std::string address(400, 'a');
    const double one_line = pdf.measure(300, "Kısa");
    const double wrapped = pdf.measure(300, address + " Çankaya Ankara");
    CHECK(wrapped > 3 * one_line);
    pdf.text(48, 48, 300, "Sertifika İstatistik Çalıntı");
    const Bytes out = pdf.finish();
    REQUIRE(out.size() > 1000);
    CHECK(std::string(out.begin(), out.begin() + 5) == "%PDF-");
}

TEST_CASE("xlsx in memory, cells as text", "[print]") {
    const Bytes xlsx = write_xlsx({"FORM-001-003", {"T.C. Kimlik No", "Cep Telefonu"}, {{"10000000146", "05321234567"}}, "Bu sütunlar kioskun kendi düzenidir."});
    REQUIRE(xlsx.size() > 1000);
    CHECK(xlsx[0] == 'P');  // a zip archive
    CHECK(xlsx[1] == 'K');
}

TEST_CASE("documents know their page count, for the kiosk's page counter", "[print]") {
    PdfDocument pdf;
    pdf.text(48, 48, 300, "bir");
    pdf.new_page();
    pdf.text(48, 48, 300, "iki");
    pdf.new_page();
    pdf.text(48, 48, 300, "üç");
    CHECK(pdf.pages() == 3);
    CHECK(pages_in(pdf.finish()) == 3);

    std::vector<eimza::content::Problem> problems;
    const auto content = eimza::content::load_content(std::filesystem::path(EIMZA_SOURCE_DIR) / "assets" / "content", problems);
    eimza::documents::Request request;
    request.content = &content;
    request.process_id = "lost_stolen";
    request.person.tckn = "10000000146";
    request.person.first_name = "Ayşe";
    request.person.last_name = "Yılmaz";
    int pdfs = 0;
    for (const auto& document : eimza::documents::generate(request)) {
        if (document.mime != "application/pdf") continue;
        ++pdfs;
        CHECK(document.pages >= 1);
        CHECK(document.pages == pages_in(document.data));
    }
    CHECK(pdfs >= 4);
}
