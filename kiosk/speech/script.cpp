#include "kiosk/speech/script.h"

#include <cstdio>

#include "kiosk/model/person_form.h"
#include "kiosk/model/process_flow.h"

namespace eimza::speech {

namespace {

using hw::Overall;

struct Builder {
    Script script;
    void say(std::string key, std::map<std::string, std::string> values = {}) {
        script.lines.push_back({std::move(key), std::move(values), false});
    }
    void label(std::string key) { script.lines.push_back({std::move(key), {}, true}); }
    // A text from the content (a step's title, a process's name): said as written.
    void say_text(const std::string& text) {
        if (!text.empty()) say("speech.text", {{"text", text}});
    }
};

void home(const State& state, Builder& b) {
    const auto triage = reader_triage(state);
    if (!state.cards_present.empty() && !state.token()) {
        b.say("home.card_left");
        b.say("home.card_left.body");
    } else if (!triage) {
        b.say("triage.checking.title");
    } else if (triage->code == hw::TriageCode::no_card) {
        b.say("speech.home");
        b.say("home.title");
        b.say("home.body");
    } else {
        const std::string code = hw::triage_code(triage->code);
        b.say("triage." + code + ".title");
        b.say("triage." + code + ".body");
        b.say("triage.code", {{"code", spell_groups(code)}});
    }
    if (state.content) b.say("speech.home.no_card");
}

const hw::CertificateVerdict* nes_certificate(const hw::Verdict& verdict) {
    for (const auto& cert : verdict.certificates)
        if (cert.role == hw::CertRole::nes) return &cert;
    return nullptr;
}

void verdict_lines(const State& state, const hw::Verdict& verdict, std::chrono::system_clock::time_point wall_now,
                   Builder& b) {
    std::string headline = std::string("token.overall.") + hw::to_string(verdict.overall);
    if (verdict.pin == hw::PinState::final_try && (verdict.overall == Overall::valid || verdict.overall == Overall::renew_soon))
        headline = "token.overall.pin_final_try";
    b.say(headline);
    if (verdict.holder) {
        b.say("speech.holder", {{"name", verdict.holder->name}});
        // Masked even when the screen shows it whole: speech carries further.
        const std::string& masked = verdict.holder->tckn_masked;
        if (masked.size() == 11)
            b.say("speech.tckn", {{"first", spell_groups(masked.substr(0, 3))}, {"last", spell_groups(masked.substr(9))}});
    }
    if (const auto* nes = nes_certificate(verdict)) {
        b.label("token.row.validity");
        if (wall_now < nes->not_before) b.say("token.overall.not_yet_valid");
        else if (nes->days_left > 0) b.say("token.expires_in", {{"days", std::to_string(nes->days_left)}});
        else if (nes->days_left == 0 && wall_now < nes->not_after) b.say("token.expires_today");
        else b.say("token.expired_ago", {{"days", std::to_string(-nes->days_left)}});
        const hw::Revocation& r = nes->revocation;
        b.label("token.row.revocation");
        if (r.pending) b.say("token.revocation.checking");
        else if (r.status == hw::RevocationStatus::revoked) b.say("token.revocation.revoked");
        else if (hw::confirmed(r, wall_now)) b.say("token.revocation.good");
        else b.say("token.revocation.unknown");
    }
    if (verdict.overall != Overall::revoked) {
        b.label("token.row.pin");
        b.say(std::string("token.pin.") + hw::to_string(verdict.pin));
    }
    for (const auto& reason : verdict.reasons) b.say(reason.key, reason.values);
    if (verdict.overall == Overall::revoked && state.content) {
        b.say("token.revoked.why");
        b.say("speech.token.revoked_buttons");
        return;
    }
    const hw::Process recommended = verdict.recommended_process;
    const content::Process* process =
        recommended == hw::Process::none || !state.content ? nullptr : state.content->process(hw::to_string(recommended));
    if (process) b.say("speech.token.recommended", {{"process", process->title.in(state.lang())}});
    b.say("speech.token.buttons");
}

void token(const State& state, std::chrono::system_clock::time_point wall_now, Builder& b) {
    const TokenSession& session = *state.token();
    if (const TokenReady* ready = session.ready()) {
        verdict_lines(state, ready->verdict, wall_now, b);
    } else if (session.failed()) {
        const auto triage = reader_triage(state);
        const std::string code = hw::triage_code(triage && hw::triage_card_failure(triage->code)
                                                     ? triage->code
                                                     : hw::TriageCode::token_not_recognised);
        b.say("triage." + code + ".title");
        b.say("triage." + code + ".body");
        b.say("triage.code", {{"code", spell_groups(code)}});
        b.say("speech.token.buttons");
    } else {
        b.say("token.reading.title");
        b.say("token.reading.body");
    }
}

// The receipt description as the screen shows it, with any TCKN in it said
// masked: its first three and last two digits.
std::string masked_receipt(const State& state, const content::Step& step) {
    std::string text = receipt_description(state, step, state.lang());
    const TokenReady* ready = state.token() ? state.token()->ready() : nullptr;
    for (const std::string* tckn : {&state.session->person.tckn,
                                    ready && ready->verdict.holder ? &ready->verdict.holder->tckn : nullptr}) {
        if (!tckn || tckn->size() != 11) continue;
        for (std::size_t at = text.find(*tckn); at != std::string::npos; at = text.find(*tckn, at))
            text.replace(at, tckn->size(), spell_groups(tckn->substr(0, 3)) + " … " + spell_groups(tckn->substr(9)));
    }
    return text;
}

void process(const State& state, Builder& b) {
    const content::Process* process = current_process(state);
    const content::Step* step = current_step(state);
    if (!process || !step || !state.content) return;
    const StepPosition position = step_position(state);
    b.say("speech.step", {{"process", process->title.in(state.lang())},
                          {"n", std::to_string(position.number)},
                          {"total", std::to_string(position.total)}});
    if (step->warning) b.say("speech.warning");
    b.say_text(step->title.in(state.lang()));
    b.say_text(step->body.in(state.lang()));
    const content::Content& content = *state.content;
    if (auto it = content.accounts.find(step->account); it != content.accounts.end()) {
        const content::Account& a = it->second;
        b.say("speech.bank", {{"bank", a.bank + (a.branch.empty() ? "" : ", " + a.branch)}});
        if (!a.account_name.empty()) b.say("speech.account_name", {{"name", a.account_name}});
        b.say("speech.iban", {{"iban", spell_groups(content::group_in_fours(a.iban))}});
    }
    for (const auto& id : step->fees)
        if (auto it = content.fees.find(id); it != content.fees.end()) {
            const content::Fee& fee = it->second;
            if (!fee.amount) {
                b.say("speech.fee_see_list", {{"covers", fee.covers.in(state.lang())}});
            } else {
                char amount[32];
                std::snprintf(amount, sizeof amount, "%.2f", *fee.amount);
                b.say("speech.fee", {{"covers", fee.covers.in(state.lang())},
                                     {"amount", amount},
                                     {"currency", fee.currency},
                                     {"date", fee.as_of}});
            }
        }
    if (const std::string receipt = masked_receipt(state, *step); !receipt.empty())
        b.say("speech.receipt", {{"text", receipt}});
    for (const auto& phone : step->phones) b.say("speech.phone", {{"phone", spell_groups(phone)}});
    for (const auto& email : step->emails) b.say("speech.email", {{"email", email}});
    if (!step->urls.empty()) b.say("speech.qr");
    for (std::size_t i = 0; i < step->answers.size(); ++i)
        b.say("speech.answer", {{"n", std::to_string(i + 1)}, {"label", step->answers[i].label.in(state.lang())}});
    if (step->details)
        b.say(person_complete(state.session->person) && !state.session->person.tckn.empty() ? "speech.details_done"
                                                                                             : "speech.details_needed");
    b.say(step->answers.empty() ? (step->next.empty() ? "speech.nav.finish" : "speech.nav.next") : "speech.nav.answers");
}

void details(const State& state, Builder& b) {
    b.say("speech.details");
    b.say("form.title");
    if (!state.site_data_controller.empty())
        b.say("form.data_controller", {{"controller", state.site_data_controller}});
    b.say("form.privacy");
    const auto& fields = person_fields();
    const Person& person = state.session->person;
    const int focused = state.session->form.focused;
    if (focused >= 0 && focused < static_cast<int>(fields.size())) {
        const std::string label = std::string("form.field.") + fields[static_cast<std::size_t>(focused)].key;
        const bool filled = !field_value(person, focused).empty();
        b.say(filled ? "speech.field.filled" : "speech.field.empty", {{"field", label}});
        const auto problem = check_field(person, focused);
        if (problem && filled) b.say(problem->key, {{"word", problem->word}, {"full", problem->full}});
    }
    b.say(person_complete(person) ? "speech.details.complete" : "speech.details.incomplete");
}

void printing(const State& state, Builder& b) {
    const PrintStatus& status = *state.session->printing;
    switch (status.stage) {
        case PrintStatus::Stage::printing:
            b.say("print.printing");
            b.say("print.wait");
            return;
        case PrintStatus::Stage::done:
            b.say("print.done");
            b.say("print.done_body");
            b.say("speech.print.finish");
            return;
        case PrintStatus::Stage::failed:
            b.say("print.failed");
            b.say("print.reason." + status.outcome);
            b.say("speech.print.retry");
            return;
    }
}

void processes(const State& state, Builder& b) {
    b.say("processes.title");
    if (!state.content) {
        b.say("processes.no_content");
        return;
    }
    std::size_t n = 0;
    for (const auto& id : content::process_ids())
        if (const content::Process* p = state.content->process(id))
            b.say("speech.answer", {{"n", std::to_string(++n)}, {"label", p->title.in(state.lang())}});
    b.say("speech.processes.buttons");
}

}  // namespace

Script screen_script(const State& state, TimePoint now, std::chrono::system_clock::time_point wall_now) {
    Builder b;
    // The warning before the wipe outranks the screen under it.
    if (const auto left = state.idle_countdown_left(now)) {
        b.say("idle.title");
        b.say("speech.idle", {{"n", std::to_string(*left)}});
        b.say("idle.body");
        b.script.topic = "idle";
        return b.script;
    }
    switch (state.screen) {
        case ScreenId::home: home(state, b); break;
        case ScreenId::token:
            if (state.token()) token(state, wall_now, b);
            else home(state, b);
            break;
        case ScreenId::processes: processes(state, b); break;
        case ScreenId::process:
            if (state.session && state.session->process) process(state, b);
            else home(state, b);
            break;
        case ScreenId::details:
            if (state.session && state.session->process) details(state, b);
            else home(state, b);
            break;
        case ScreenId::printing:
            if (state.session && state.session->printing) printing(state, b);
            else home(state, b);
            break;
        case ScreenId::admin_pin:
        case ScreenId::admin: b.say("speech.admin"); break;
    }
    for (const Line& line : b.script.lines) {
        b.script.topic += line.key;
        for (const auto& [name, value] : line.values) b.script.topic += "|" + name + "=" + value;
        b.script.topic += "\n";
    }
    return b.script;
}

namespace {

// An e-mail address with its signs said as words ("e-imza et kamusm nokta
// gov nokta tr"): espeak-ng passes over "@" and "_" in silence.
std::string spoken_address(const std::string& address, const Texts& texts, Lang lang) {
    std::string out;
    for (const char c : address) {
        const char* sign = c == '@' ? "speech.sign.at" : c == '.' ? "speech.sign.dot" : c == '-' ? "speech.sign.dash"
                           : c == '_' ? "speech.sign.underscore" : nullptr;
        if (sign) out += " " + texts.get(sign, lang) + " ";
        else out += c;
    }
    return out;
}

// A YYYY-MM-DD date as people say it, "15 Ocak 2026", not digit groups and dashes.
std::string spoken_date(const std::string& date, const Texts& texts, Lang lang) {
    int year = 0, month = 0, day = 0;
    if (std::sscanf(date.c_str(), "%4d-%2d-%2d", &year, &month, &day) != 3 || month < 1 || month > 12) return date;
    return std::to_string(day) + " " + texts.get("speech.month." + std::to_string(month), lang) + " " +
           std::to_string(year);
}

// An amount of money as people say it, "350 Türk lirası 50 kuruş", not
// "350 nokta 00 T R Y"; a currency the texts do not name is spelt.
std::string spoken_amount(const std::string& amount, const std::string& currency, const Texts& texts, Lang lang) {
    long whole = 0;
    int cents = 0;
    if (std::sscanf(amount.c_str(), "%ld.%2d", &whole, &cents) < 1) return amount + " " + spell_groups(currency);
    const std::string key = "speech.currency." + currency;
    if (!texts.has(key)) return amount + " " + spell_groups(currency);
    std::string out = std::to_string(whole) + " " + texts.get(key, lang);
    if (cents > 0) out += " " + std::to_string(cents) + " " + texts.get(key + ".minor", lang);
    return out;
}

}  // namespace

std::string render(const Line& line, const Texts& texts, Lang lang) {
    std::map<std::string, std::string> values = line.values;
    for (auto& [name, value] : values) {
        // A value that is itself a text key (a form field's name) is said in the language.
        if (name == "field") value = texts.get(value, lang);
        else if (name == "email") value = spoken_address(value, texts, lang);
        else if (name == "date") value = spoken_date(value, texts, lang);
        else if (name == "amount") value = spoken_amount(value, line.values.count("currency") ? line.values.at("currency") : "", texts, lang);
    }
    return format(texts.get(line.key, lang), values);
}

std::string render(const Script& script, const Texts& texts, Lang lang) {
    std::string out;
    for (const Line& line : script.lines) {
        std::string sentence = render(line, texts, lang);
        if (sentence.empty()) continue;
        if (!out.empty()) out += ' ';
        out += sentence;
        if (line.label) {
            out += ':';
            continue;
        }
        // A pause between lines, also after a line the screen leaves open.
        const char last = sentence.back();
        if (last != '.' && last != '?' && last != '!' && last != ':') out += '.';
    }
    return out;
}

std::string spell_groups(const std::string& text) {
    std::string out;
    bool group_open = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == ' ' || c == '-' || c == '(' || c == ')') {
            if (group_open) out += ",";
            group_open = false;
            continue;
        }
        if (!out.empty()) out += ' ';
        // Multi-byte UTF-8 letters stay whole.
        std::size_t n = 1;
        if (c >= 0xF0) n = 4;
        else if (c >= 0xE0) n = 3;
        else if (c >= 0xC0) n = 2;
        out += text.substr(i, n);
        i += n - 1;
        group_open = true;
    }
    return out;
}

}  // namespace eimza::speech
