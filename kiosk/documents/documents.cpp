#include "kiosk/documents/documents.h"

#include <algorithm>
#include <ctime>
#include <regex>
#include <tuple>

#include "hw/base/time_text.h"
#include "hw/print/pdf.h"
#include "hw/print/turkish.h"
#include "hw/print/xlsx.h"

namespace eimza::documents {

namespace {

using hw::PdfDocument;
using Font = hw::PdfFont;
constexpr double kLeft = PdfDocument::kMargin;
constexpr double kWidth = PdfDocument::kWidth - 2 * PdfDocument::kMargin;

// Bilingual labels: Turkish always (the official terms), English added when
// the person chose English.
std::string label(Lang lang, const char* tr, const char* en) {
    return lang == Lang::tr ? tr : std::string(tr) + " / " + en;
}

std::string today() { return local_time_text(std::chrono::system_clock::now(), kDottedDate); }

std::string full_name(const Person& p) { return p.first_name + (p.first_name.empty() ? "" : " ") + p.last_name; }

// A page header shared by every document: the Turkish title in Turkish
// capitals, the English one (for English readers) as written, the kiosk note.
double header(PdfDocument& pdf, const char* title_tr, const char* title_en, const Request& r,
              const std::string& suffix = "") {
    double y = PdfDocument::kMargin;
    y += pdf.text(kLeft, y, kWidth, hw::turkish_upper(title_tr + suffix), {15, true}, PdfDocument::Align::centre) + 2;
    if (r.lang == Lang::en) y += pdf.text(kLeft, y, kWidth, title_en, {12, true}, PdfDocument::Align::centre) + 2;
    y += pdf.text(kLeft, y + 2, kWidth,
                  label(r.lang, "Bu belge e-imza kioskunda hazırlanmıştır.", "Prepared at the e-signature kiosk.") +
                      "  " + r.date,
                  {8.5, false}, PdfDocument::Align::centre) +
         14;
    return y;
}

// "Label  [value box]": the box grows with the text, so long addresses wrap.
double field(PdfDocument& pdf, double y, const std::string& name, const std::string& value, double label_width = 150) {
    const double value_width = kWidth - label_width;
    const double h = std::max(22.0, pdf.measure(value_width - 8, value) + 10);
    pdf.text(kLeft, y + 5, label_width - 6, name, {9.5, true});
    pdf.box(kLeft + label_width, y, value_width, h);
    pdf.text(kLeft + label_width + 4, y + 5, value_width - 8, value);
    return h + 4;
}

// "Label: value" on a plain line, no box: for pages that must not look like a form.
double line_item(PdfDocument& pdf, double y, const std::string& name, const std::string& value, double label_width = 170) {
    const double h = std::max(pdf.measure(label_width - 6, name, {10, true}), pdf.measure(kWidth - label_width, value, {10}));
    pdf.text(kLeft, y, label_width - 6, name, {10, true});
    pdf.text(kLeft + label_width, y, kWidth - label_width, value.empty() ? "—" : value, {10});
    return h + 5;
}

const content::Institution* institution(const Request& r, const std::string& id) {
    auto it = r.content->institutions.find(id);
    return it == r.content->institutions.end() ? nullptr : &it->second;
}

// Where and when papers are handed in, as far as IT configured it.
std::string where_to_hand_in(const content::Institution& in, Lang lang) {
    std::string out;
    const auto add = [&](const char* tr, const char* en, const std::string& value) {
        if (value.empty()) return;
        out += (out.empty() ? "" : "\n") + label(lang, tr, en) + ": " + value;
    };
    add("Yetkili", "Contact", in.contact);
    add("Oda", "Room", in.room);
    add("Çalışma saatleri", "Hours", in.hours);
    add("Posta adresi", "Postal address", in.postal_address);
    for (const auto& phone : in.phones) add("Telefon", "Phone", phone);
    for (const auto& email : in.emails) add("E-posta", "E-mail", email);
    return out;
}

// A Turkish petition (dilekçe): date top right, the addressee in the
// dative, the request, the sender's name and signature, their identity
// number, address and phone, and the enclosures (EKLER).
Document cover_letter(const Request& r, const Letter& letter, std::size_t letter_number) {
    PdfDocument pdf;
    const Person& p = r.person;
    const content::Institution* in = institution(r, letter.to);
    double y = PdfDocument::kMargin;
    pdf.text(kLeft, y, kWidth, r.date, {11}, PdfDocument::Align::right);
    y += 40;
    if (in) {
        y += pdf.text(kLeft, y, kWidth, hw::turkish_upper(in->addressee.tr), {12, true}, PdfDocument::Align::centre) + 4;
        if (r.lang == Lang::en)
            y += pdf.text(kLeft, y, kWidth, "(" + in->addressee.en + ")", {9}, PdfDocument::Align::centre) + 4;
    }
    y += 30;
    const std::string body = "Nitelikli elektronik sertifika (" + application_type(r.process_id) +
                             ") başvuruma ait belgeler ekte sunulmuştur.\n\nGereğini bilgilerinize arz ederim.";
    y += pdf.text(kLeft + 30, y, kWidth - 30, body, {11}) + 6;
    if (r.lang == Lang::en)
        y += pdf.text(kLeft + 30, y, kWidth - 30,
                      "(English, for you: the papers of my qualified electronic certificate application are "
                      "enclosed. Respectfully submitted.)",
                      {9}) +
             6;
    y += 24;
    const double sign_x = kLeft + kWidth - 220;
    pdf.text(sign_x, y, 220, label(r.lang, "İmza", "Signature"), {10}, PdfDocument::Align::centre);
    pdf.line(sign_x + 20, y + 52, sign_x + 200, y + 52);
    y += 58;
    y += pdf.text(sign_x, y, 220, full_name(p), {11, true}, PdfDocument::Align::centre) + 30;
    y += line_item(pdf, y, "T.C. Kimlik No", p.tckn);
    y += line_item(pdf, y, label(r.lang, "Adres", "Address"), p.address);
    y += line_item(pdf, y, label(r.lang, "Telefon", "Phone"), p.phone);
    y += 18;
    y += pdf.text(kLeft, y, kWidth, label(r.lang, "EKLER", "ENCLOSURES") + ":", {10.5, true}) + 4;
    int number = 1;
    for (const auto& id : letter.enclosures) {
        auto it = r.content->documents.enclosures.find(id);
        if (it == r.content->documents.enclosures.end()) continue;
        std::string text = std::to_string(number++) + ". " + it->second.tr;
        if (r.lang == Lang::en) text += " (" + it->second.en + ")";
        y += pdf.text(kLeft, y, kWidth, text, {10.5}) + 3;
    }
    if (in) {
        const std::string where = where_to_hand_in(*in, r.lang);
        if (!where.empty()) {
            y = std::max(y + 24, PdfDocument::kHeight - PdfDocument::kMargin - pdf.measure(kWidth, where, {8.5}) - 14);
            pdf.line(kLeft, y - 6, kLeft + kWidth, y - 6, 0.4);
            pdf.text(kLeft, y, kWidth, in->name.in(r.lang) + "\n" + where, {8.5});
        }
    }
    return {Kind::cover_letter, "ust-yazi-" + std::to_string(letter_number) + "-" + letter.to + ".pdf", "Ust yazi",
            "application/pdf", pdf.finish(), pdf.pages()};
}

std::string receipt_for(const content::Step& step, const Person& p) {
    // A receipt description is copied onto a bank form: never a masked number.
    const std::string tckn = p.tckn.empty() ? "[T.C. Kimlik No'nuz, 11 hane]" : p.tckn;
    const std::string name = full_name(p).empty() ? "[Adınız Soyadınız]" : full_name(p);
    return format(step.receipt.tr, {{"name", name}, {"tckn", tckn}});
}

Document payment_details(const Request& r, const content::Process& process) {
    PdfDocument pdf;
    double y = header(pdf, "Ödeme bilgileri", "Payment details", r);
    for (const content::Step* route_step : route(process, r)) {
        const content::Step& step = *route_step;
        if (!step.payment) continue;
        y += pdf.text(kLeft, y, kWidth, step.title.in(r.lang), {12, true}) + 6;
        if (auto it = r.content->accounts.find(step.account); it != r.content->accounts.end()) {
            const content::Account& a = it->second;
            y += field(pdf, y, label(r.lang, "Banka", "Bank"), a.bank + (a.branch.empty() ? "" : ", " + a.branch));
            if (!a.account_name.empty()) y += field(pdf, y, label(r.lang, "Hesap adı", "Account name"), a.account_name);
            y += field(pdf, y, "IBAN", content::group_in_fours(a.iban));
        }
        // What the fee is for can be long: it is the value, under one label for all the step's fees.
        std::string fee_label = step.fees.size() > 1 ? label(r.lang, "Ücretler", "Fees") : label(r.lang, "Ücret", "Fee");
        for (const auto& fee_id : step.fees) {
            auto it = r.content->fees.find(fee_id);
            if (it == r.content->fees.end()) continue;
            const content::Fee& fee = it->second;
            std::string amount;
            if (fee.amount) {
                char buffer[32];
                std::snprintf(buffer, sizeof buffer, "%.2f %s", *fee.amount, fee.currency.c_str());
                amount = std::string(buffer) + " (" + turkish_date(fee.as_of) + " " + label(r.lang, "itibarıyla", "as of") + ")";
            } else {
                amount = label(r.lang, "Güncel tutar Kamu SM fiyat listesindedir: ", "Current amount on Kamu SM's price list: ") +
                         fee.price_list_url;
            }
            y += field(pdf, y, fee_label, fee.covers.in(r.lang) + " — " + amount);
            fee_label.clear();
        }
        if (!step.receipt.tr.empty())
            y += field(pdf, y, label(r.lang, "Dekont açıklaması", "Receipt description"), receipt_for(step, r.person));
        if (step.query_tckn)
            y += field(pdf, y, label(r.lang, "Sorgulama için T.C. Kimlik No", "T.C. identity no. to query with"),
                       r.person.tckn.empty() ? "[T.C. Kimlik No'nuz, 11 hane]" : r.person.tckn);
        if (!step.body.tr.empty()) y += pdf.text(kLeft, y + 4, kWidth, step.body.in(r.lang), {9.5}) + 8;
        if (!step.caution.tr.empty()) y += pdf.text(kLeft, y, kWidth, "! " + step.caution.in(r.lang), {10, true}) + 6;
        for (const auto& channel : step.channels)
            y += pdf.text(kLeft, y, kWidth, "• " + channel.title.in(r.lang) + ": " + channel.body.in(r.lang), {9.5}) + 4;
        y += 10;
    }
    return {Kind::payment_details, "odeme-bilgileri.pdf", "Odeme bilgileri", "application/pdf", pdf.finish(), pdf.pages()};
}

Document checklist(const Request& r, const content::Process& process) {
    PdfDocument pdf;
    double y = header(pdf, "Yapılacaklar listesi", "Your checklist", r, ": " + process.title.tr);
    int number = 1;
    for (const content::Step* step : route(process, r)) {
        if (!step->answers.empty()) continue;  // the decision itself is no task
        const double qr_size = step->urls.empty() ? 0 : 70;
        const double text_width = kWidth - qr_size - 30;
        std::string text = step_text(*step, r.lang);
        if (const content::Institution* in = step->deliver_to.empty() ? nullptr : institution(r, step->deliver_to))
            if (const std::string where = where_to_hand_in(*in, r.lang); !where.empty()) text += "\n" + where;
        const double h = std::max(pdf.measure(text_width, text, {9.5}), qr_size) + 10;
        if (y + h > PdfDocument::kHeight - PdfDocument::kMargin) {
            pdf.new_page();
            y = PdfDocument::kMargin;
        }
        pdf.checkbox(kLeft, y + 2, 10, false);
        pdf.text(kLeft + 16, y, 14, std::to_string(number++) + ".", {9.5, true});
        pdf.text(kLeft + 32, y, text_width, text, {9.5});
        if (!step->urls.empty()) pdf.qr(kLeft + kWidth - qr_size, y, qr_size, step->urls.front());
        y += h;
    }
    return {Kind::checklist, "yapilacaklar.pdf", "Yapilacaklar", "application/pdf", pdf.finish(), pdf.pages()};
}

std::string person_value(const Request& r, const std::string& field) {
    const Person& p = r.person;
    if (field == "tckn") return p.tckn;
    if (field == "first_name") return p.first_name;
    if (field == "last_name") return p.last_name;
    if (field == "birth_place") return p.birth_place;
    if (field == "birth_date") return turkish_date(p.birth_date);
    if (field == "institution") return p.institution;
    if (field == "unit") return p.unit;
    if (field == "title") return p.title;
    if (field == "email") return p.email;
    if (field == "phone") return p.phone;
    if (field == "address") return p.address;
    if (field == "application_type") return application_type(r.process_id);
    return {};
}

// The person's details as a plain list under a banner that says what the
// page is not: no boxes to tick, no signature, nothing to hand in.
Document details_summary(const Request& r, bool form_001_003) {
    PdfDocument pdf;
    double y = header(pdf, "Başvuru bilgileri özeti", "Summary of your application details", r);
    const std::string notice =
        r.lang == Lang::tr
            ? "Bu sayfa resmî başvuru formu DEĞİLDİR ve hiçbir yere teslim edilmez. Başvuru formunu yalnızca Kamu SM'nin "
              "portalı ya da size gönderdiği bağlantı üretir; bu bilgiler onu doldururken yardımcı olmak içindir."
            : "Bu sayfa resmî başvuru formu DEĞİLDİR ve hiçbir yere teslim edilmez.\nThis page is NOT the official "
              "application form and is not handed in anywhere. Only Kamu SM's portal or the link it sends you produces "
              "the application form; these details are here to help you fill it in.";
    const double h = pdf.measure(kWidth - 20, notice, {10, true}) + 16;
    pdf.fill(kLeft, y, kWidth, h, 0.88);
    pdf.text(kLeft + 10, y + 8, kWidth - 20, notice, {10, true});
    y += h + 16;
    if (form_001_003) {
        y += pdf.text(kLeft, y, kWidth,
                      label(r.lang, "FORM-001-003 satırınızın değerleri",
                            "The values of your FORM-001-003 row"),
                      {11, true}) +
             6;
        y += pdf.text(kLeft, y, kWidth, r.content->documents.form_note.in(r.lang), {10, false}) + 6;
        const auto row = form_001_003_row(r);
        const auto& columns = r.content->documents.form_columns;
        for (std::size_t i = 0; i < columns.size(); ++i) y += line_item(pdf, y, columns[i].header, row[i]);
    } else {
        y += line_item(pdf, y, label(r.lang, "Başvuru türü", "Application type"), application_type(r.process_id));
        y += line_item(pdf, y, "T.C. Kimlik No", r.person.tckn);
        for (const auto& [tr, en, field] : std::vector<std::tuple<const char*, const char*, const char*>>{
                 {"Ad", "Name", "first_name"},
                 {"Soyad", "Surname", "last_name"},
                 {"Doğum yeri", "Place of birth", "birth_place"},
                 {"Doğum tarihi", "Date of birth", "birth_date"},
                 {"Kurum", "Institution", "institution"},
                 {"Birim", "Unit", "unit"},
                 {"Unvan", "Title", "title"},
                 {"E-posta", "E-mail", "email"},
                 {"Cep telefonu", "Mobile phone", "phone"},
                 {"Teslimat adresi", "Delivery address", "address"}})
            y += line_item(pdf, y, label(r.lang, tr, en), person_value(r, field));
    }
    return {Kind::details_summary, "basvuru-bilgileri-ozeti.pdf", "Basvuru bilgileri ozeti", "application/pdf",
            pdf.finish(), pdf.pages()};
}

}  // namespace

std::string step_text(const content::Step& step, Lang lang) {
    std::string text = step.title.in(lang) + "\n" + step.body.in(lang);
    if (!step.caution.tr.empty()) text += "\n! " + step.caution.in(lang);
    for (const auto& channel : step.channels) text += "\n• " + channel.title.in(lang) + ": " + channel.body.in(lang);
    for (const auto& phone : step.phones) text += "\nTel: " + phone;
    for (const auto& email : step.emails) text += "\n" + email;
    for (const auto& url : step.urls) text += "\n" + url;
    return text;
}

std::vector<std::string> form_001_003_row(const Request& r) {
    std::vector<std::string> values;
    for (const auto& column : r.content->documents.form_columns)
        values.push_back(column.field.empty() ? column.fixed : person_value(r, column.field));
    return values;
}

std::string application_type(const std::string& process_id) {
    if (process_id == "first_application") return "İlk Başvuru";
    if (process_id == "renewal") return "Yenileme";
    if (process_id == "lost_stolen") return "Kayıp/Çalıntı";
    if (process_id == "pin_puk_block") return "PIN-PUK Blokesi";
    if (process_id == "identity_update") return "Kimlik Bilgisi Güncelleme";
    return "Diğer";
}

std::string turkish_date(const std::string& date) {
    std::smatch m;
    if (std::regex_match(date, m, std::regex(R"((\d{4})-(\d{2})-(\d{2}))"))) return m[3].str() + "." + m[2].str() + "." + m[1].str();
    return date;
}

std::vector<Document> generate(const Request& request) {
    Request r = request;
    if (r.date.empty()) r.date = today();
    if (!r.content) return {};
    const content::Process* process = r.content->process(r.process_id);
    if (!process) return {};
    const Plan p = plan(*process, r);
    std::vector<Document> out;
    for (std::size_t i = 0; i < p.letters.size(); ++i) out.push_back(cover_letter(r, p.letters[i], i + 1));
    if (p.payment_details) out.push_back(payment_details(r, *process));
    if (p.details_summary) out.push_back(details_summary(r, p.form_001_003));
    out.push_back(checklist(r, *process));
    if (p.form_001_003) {
        std::vector<std::string> header;
        for (const auto& column : r.content->documents.form_columns) header.push_back(column.header);
        hw::Sheet sheet{"FORM-001-003", header, {form_001_003_row(r)}, r.content->documents.form_note.tr};
        out.push_back({Kind::form_001_003, "form-001-003.xlsx", "FORM-001-003", kXlsxMime, hw::write_xlsx(sheet)});
    }
    return out;
}

}  // namespace eimza::documents
