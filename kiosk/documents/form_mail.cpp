#include "kiosk/documents/form_mail.h"

#include <algorithm>

namespace eimza::documents {

std::optional<hw::Mail> form_001_003_mail(const Request& r, std::vector<Document>& documents) {
    auto form = std::find_if(documents.begin(), documents.end(), [](const Document& d) { return d.kind == Kind::form_001_003; });
    if (form == documents.end() || r.person.email.empty() || !r.content) return std::nullopt;
    const content::Process* process = r.content->process(r.process_id);
    if (!process) return std::nullopt;
    hw::Mail mail;
    mail.to = r.person.email;
    mail.subject = "FORM-001-003 Nitelikli Elektronik Sertifika Başvuru Listesi";
    const bool en = r.lang == Lang::en;
    mail.body = "Bu e-postayı e-imza kioskunda kendi isteğinizle aldınız. Ekteki dosya, FORM-001-003 Nitelikli Elektronik "
                "Sertifika Başvuru Listesi satırınızdır (" + application_type(r.process_id) +
                "): kioskta girdiğiniz bilgilerle doldurulmuştur. Göndermeden önce bilgileri kontrol edin.\n";
    if (en)
        mail.body += "\nYou asked for this e-mail at the e-signature kiosk. The attached file is your row of FORM-001-003 "
                     "(the qualified electronic certificate application list), filled in with the details you entered. "
                     "Check them before you send it.\n";
    const auto& note = r.content->documents.form_note;
    mail.body += "\n" + note.tr + "\n";
    if (en) mail.body += note.en + "\n";
    mail.body += std::string("\n") + (en ? "Yapılacaklar / What to do:" : "Yapılacaklar:") + "\n";
    int number = 1;
    bool from_form = false;
    for (const content::Step* step : route(*process, r)) {
        from_form |= step->form_001_003;
        if (!from_form || !step->answers.empty()) continue;
        mail.body += "\n" + std::to_string(number++) + ". " + step_text(*step, r.lang) + "\n";
    }
    mail.attachments.push_back({form->file_name, form->mime, std::move(form->data)});
    documents.erase(form);
    return mail;
}

}  // namespace eimza::documents
