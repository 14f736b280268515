#include "kiosk/documents/documents.h"

#include <algorithm>
#include <ctime>

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

std::string today() { return local_time_text(std::chrono::system_clock::now(), kIsoDate); }

std::string full_name(const Person& p) { return p.first_name + (p.first_name.empty() ? "" : " ") + p.last_name; }

// A page header shared by every document: title in Turkish capitals, the
// kiosk note, and where the content came from.
double header(PdfDocument& pdf, const std::string& title, const Request& r) {
    double y = PdfDocument::kMargin;
    y += pdf.text(kLeft, y, kWidth, hw::turkish_upper(title), {15, true}, PdfDocument::Align::centre) + 4;
    y += pdf.text(kLeft, y, kWidth,
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

const content::Institution* institution(const Request& r) {
    auto it = r.content->institutions.find(r.institution_id);
    return it == r.content->institutions.end() ? nullptr : &it->second;
}

Document application_form(const Request& r) {
    PdfDocument pdf;
    const Person& p = r.person;
    double y = header(pdf, "Nitelikli Elektronik Sertifika Başvuru Formu", r);
    y += pdf.text(kLeft, y, kWidth, label(r.lang, "Başvuru türü", "Application type"), {10.5, true}) + 4;
    const char* types[] = {"İlk Başvuru", "Yenileme", "Kayıp/Çalıntı", "PIN-PUK Blokesi", "Kimlik Bilgisi Güncelleme", "Diğer"};
    const std::string chosen = application_type(r.process_id);
    double x = kLeft;
    for (const char* type : types) {
        pdf.checkbox(x, y, 10, chosen == type);
        const double w = pdf.width_of(type, {9.5}) + 16;
        pdf.text(x + 14, y - 1, w, type, {9.5});
        x += w + 10;
        if (x > kLeft + kWidth - 80) {
            x = kLeft;
            y += 16;
        }
    }
    y += 24;
    y += field(pdf, y, "T.C. Kimlik No", p.tckn);
    y += field(pdf, y, label(r.lang, "Ad", "Name"), p.first_name);
    y += field(pdf, y, label(r.lang, "Soyad", "Surname"), p.last_name);
    y += field(pdf, y, label(r.lang, "Doğum yeri", "Place of birth"), p.birth_place);
    y += field(pdf, y, label(r.lang, "Doğum tarihi", "Date of birth"), p.birth_date);
    y += field(pdf, y, label(r.lang, "Kurum", "Institution"), p.institution);
    y += field(pdf, y, label(r.lang, "Birim", "Unit"), p.unit);
    y += field(pdf, y, label(r.lang, "Unvan", "Title"), p.title);
    y += field(pdf, y, label(r.lang, "E-posta", "E-mail"), p.email);
    y += field(pdf, y, label(r.lang, "Cep telefonu", "Mobile phone"), p.phone);
    y += field(pdf, y, label(r.lang, "Teslimat adresi", "Delivery address"), p.address);
    y += 10;
    const std::string& commitment = r.content->documents.commitment.in(r.lang);
    if (!commitment.empty()) y += pdf.text(kLeft, y, kWidth, commitment, {9}) + 10;
    if (r.process_id == "first_application" || r.process_id == "renewal")
        y += pdf.text(kLeft, y, kWidth,
                      label(r.lang,
                            "Not: Kamu SM başvuru portalında oluşturduğunuz başvurunun formunu da yazdırıp imzalayarak bu belgelerle birlikte teslim edin.",
                            "Note: also print and sign the form of the application you create on Kamu SM's portal, and deliver it with these papers."),
                      {9, true}) +
             10;
    y += 10;
    pdf.text(kLeft, y, 200, label(r.lang, "Tarih", "Date") + ": " + r.date, {10});
    pdf.text(kLeft + kWidth - 200, y, 200, label(r.lang, "İmza", "Signature"), {10, true});
    pdf.box(kLeft + kWidth - 200, y + 16, 200, 60);
    return {"basvuru-formu.pdf", "Basvuru formu", "application/pdf", pdf.finish(), pdf.pages()};
}

Document cover_letter(const Request& r) {
    PdfDocument pdf;
    const content::Institution* in = institution(r);
    double y = header(pdf, label(r.lang, "Üst yazı", "Cover letter"), r);
    const std::string to = in ? in->name.tr + (in->receiving_unit.tr.empty() ? "" : "\n" + in->receiving_unit.tr) : "";
    y += pdf.text(kLeft, y, kWidth, hw::turkish_upper(to), {11, true}, PdfDocument::Align::centre) + 8;
    if (in && !in->postal_address.empty()) y += pdf.text(kLeft, y, kWidth, in->postal_address, {10}, PdfDocument::Align::centre) + 8;
    y += 20;
    const std::string body =
        "Nitelikli elektronik sertifika (" + application_type(r.process_id) +
        ") başvuruma ait imzalı başvuru formu ekte sunulmuştur. Gereğini arz ederim." +
        (r.lang == Lang::en ? "\n\n(Enclosed is the signed application form of my qualified electronic certificate "
                              "application. Respectfully submitted.)"
                            : "");
    y += pdf.text(kLeft, y, kWidth, body, {11}) + 30;
    pdf.text(kLeft + kWidth - 220, y, 220, r.date + "\n\n" + full_name(r.person) + "\n\n" + label(r.lang, "İmza", "Signature"),
             {11}, PdfDocument::Align::right);
    pdf.box(kLeft + kWidth - 200, y + 80, 200, 50);
    y += 160;
    y += pdf.text(kLeft, y, kWidth, label(r.lang, "Ekler", "Enclosures") + ":", {10.5, true}) + 4;
    std::string enclosures = "1. Nitelikli Elektronik Sertifika Başvuru Formu (imzalı)";
    if (r.process_id == "first_application" || r.process_id == "renewal")
        enclosures += "\n2. Banka ödeme dekontunun aslı (aile hekimleri)";
    pdf.text(kLeft, y, kWidth, enclosures, {10.5});
    return {"ust-yazi.pdf", "Ust yazi", "application/pdf", pdf.finish(), pdf.pages()};
}

std::string receipt_for(const content::Step& step, const Person& p, Lang lang) {
    return format(step.receipt.in(lang), {{"name", full_name(p)}, {"tckn", p.tckn}});
}

Document payment_slip(const Request& r, const content::Process& process) {
    PdfDocument pdf;
    double y = header(pdf, label(r.lang, "Ödeme bilgileri", "Payment details"), r);
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
        for (const auto& fee_id : step.fees) {
            auto it = r.content->fees.find(fee_id);
            if (it == r.content->fees.end()) continue;
            const content::Fee& fee = it->second;
            std::string amount;
            if (fee.amount) {
                char buffer[32];
                std::snprintf(buffer, sizeof buffer, "%.2f %s", *fee.amount, fee.currency.c_str());
                amount = std::string(buffer) + " (" + fee.as_of + " " + label(r.lang, "itibarıyla", "as of") + ")";
            } else {
                amount = label(r.lang, "Güncel tutar Kamu SM fiyat listesindedir: ", "Current amount on Kamu SM's price list: ") +
                         fee.price_list_url;
            }
            y += field(pdf, y, fee.covers.in(r.lang), amount);
        }
        if (!step.receipt.tr.empty())
            y += field(pdf, y, label(r.lang, "Dekont açıklaması", "Receipt description"), receipt_for(step, r.person, Lang::tr));
        if (!step.body.tr.empty()) y += pdf.text(kLeft, y + 4, kWidth, step.body.in(r.lang), {9.5}) + 14;
    }
    return {"odeme-bilgileri.pdf", "Odeme bilgileri", "application/pdf", pdf.finish(), pdf.pages()};
}

Document checklist(const Request& r, const content::Process& process) {
    PdfDocument pdf;
    double y = header(pdf, label(r.lang, "Yapılacaklar listesi", "Your checklist") + ": " + process.title.in(r.lang), r);
    int number = 1;
    for (const content::Step* step : route(process, r)) {
        if (!step->answers.empty()) continue;  // the decision itself is no task
        const double qr_size = step->urls.empty() ? 0 : 70;
        const double text_width = kWidth - qr_size - 30;
        std::string text = step->title.in(r.lang) + "\n" + step->body.in(r.lang);
        for (const auto& phone : step->phones) text += "\nTel: " + phone;
        for (const auto& email : step->emails) text += "\n" + email;
        for (const auto& url : step->urls) text += "\n" + url;
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
    return {"yapilacaklar.pdf", "Yapilacaklar", "application/pdf", pdf.finish(), pdf.pages()};
}

std::vector<std::string> form_row(const Request& r) {
    const Person& p = r.person;
    std::vector<std::string> values;
    for (const auto& column : r.content->documents.form_columns) {
        if (column == "T.C. Kimlik No") values.push_back(p.tckn);
        else if (column == "Ad") values.push_back(p.first_name);
        else if (column == "Soyad") values.push_back(p.last_name);
        else if (column == "Doğum Yeri") values.push_back(p.birth_place);
        else if (column == "Doğum Tarihi") values.push_back(p.birth_date);
        else if (column == "Kurum") values.push_back(p.institution);
        else if (column == "Birim") values.push_back(p.unit);
        else if (column == "Unvan") values.push_back(p.title);
        else if (column == "E-posta") values.push_back(p.email);
        else if (column == "Cep Telefonu") values.push_back(p.phone);
        else if (column == "Adres") values.push_back(p.address);
        else if (column == "Başvuru Türü") values.push_back(application_type(r.process_id));
        else if (column == "VIP" || column == "Yedek") values.push_back("Hayır");
        else values.push_back("");  // a column IT added: left to fill by hand
    }
    return values;
}

Document form_table(const Request& r, const std::vector<std::string>& row) {
    PdfDocument pdf;
    double y = header(pdf, "FORM-001-003 Nitelikli Elektronik Sertifika Başvuru Listesi", r);
    const auto& columns = r.content->documents.form_columns;
    for (std::size_t i = 0; i < columns.size(); ++i) y += field(pdf, y, columns[i], i < row.size() ? row[i] : "");
    return {"form-001-003.pdf", "FORM-001-003", "application/pdf", pdf.finish(), pdf.pages()};
}

}  // namespace

std::vector<const content::Step*> route(const content::Process& process, const Request& r) {
    std::vector<const content::Step*> steps;
    std::string id = process.start;
    for (int guard = 0; guard < 64 && !id.empty(); ++guard) {
        auto it = process.steps.find(id);
        if (it == process.steps.end()) break;
        const content::Step& step = it->second;
        steps.push_back(&step);
        if (step.answers.empty()) {
            id = step.next;
            continue;
        }
        const auto visited = [&](const std::string& next) {
            return std::find(r.visited.begin(), r.visited.end(), next) != r.visited.end();
        };
        std::size_t choice = 0;
        if (auto a = std::find_if(step.answers.begin(), step.answers.end(),
                                  [&](const content::Answer& ans) { return visited(ans.next); });
            a != step.answers.end()) {
            choice = static_cast<std::size_t>(a - step.answers.begin());
        } else if (step.automatic == "ankara_route") {
            choice = r.ankara_route ? 0 : 1;
        } else if (step.automatic == "has_valid_nes") {
            choice = r.has_valid_nes ? 0 : 1;
        } else if (step.automatic == "has_registrar") {
            choice = r.has_registrar ? 0 : 1;
        } else {
            for (std::size_t i = 0; i < step.answers.size(); ++i)
                if (step.answers[i].sets_role == to_string(r.person.role)) choice = i;
        }
        id = step.answers[std::min(choice, step.answers.size() - 1)].next;
    }
    return steps;
}

std::string application_type(const std::string& process_id) {
    if (process_id == "first_application") return "İlk Başvuru";
    if (process_id == "renewal") return "Yenileme";
    if (process_id == "lost_stolen") return "Kayıp/Çalıntı";
    if (process_id == "pin_puk_block") return "PIN-PUK Blokesi";
    if (process_id == "identity_update") return "Kimlik Bilgisi Güncelleme";
    return "Diğer";
}

std::vector<Document> generate(const Request& request) {
    Request r = request;
    if (r.date.empty()) r.date = today();
    if (!r.content) return {};
    const content::Process* process = r.content->process(r.process_id);
    if (!process) return {};
    std::vector<Document> out;
    bool has_payment = false, has_details = false;
    for (const content::Step* step : route(*process, r)) {
        has_payment |= step->payment;
        has_details |= step->details;
    }
    if (has_details) out.push_back(application_form(r));
    if (r.process_id == "first_application" || r.process_id == "renewal" || r.process_id == "lost_stolen")
        out.push_back(cover_letter(r));
    if (has_payment) out.push_back(payment_slip(r, *process));
    out.push_back(checklist(r, *process));
    const bool form_route = r.process_id == "registrar_renewal" || r.process_id == "lost_stolen" ||
                            r.process_id == "pin_puk_block" || r.process_id == "identity_update";
    if (form_route && !r.content->documents.form_columns.empty()) {
        const auto row = form_row(r);
        hw::Sheet sheet{"FORM-001-003", r.content->documents.form_columns, {row}};
        out.push_back({"form-001-003.xlsx", "FORM-001-003",
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", hw::write_xlsx(sheet)});
        out.push_back(form_table(r, row));
    }
    return out;
}

}  // namespace eimza::documents
