#include <catch2/catch.hpp>

#include "hw/print/pdf.h"
#include "hw/print/turkish.h"
#include "hw/print/xlsx.h"

using namespace eimza::hw;

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
    const Bytes xlsx = write_xlsx({"FORM-001-003", {"T.C. Kimlik No", "Cep Telefonu"}, {{"10000000146", "05321234567"}}});
    REQUIRE(xlsx.size() > 1000);
    CHECK(xlsx[0] == 'P');  // a zip archive
    CHECK(xlsx[1] == 'K');
}
