#include "kiosk/model/process_flow.h"

#include <algorithm>
#include <set>

#include "kiosk/model/update.h"

namespace eimza {

namespace {

const hw::Verdict* verdict(const State& state) {
    const TokenSession* token = state.token();
    return token && token->ready() ? &token->ready()->verdict : nullptr;
}

// Longest way from a step to an end, counting the step itself. Content is
// validated acyclic-in-practice; the depth guard keeps a bad file harmless.
// Questions the kiosk answers itself count as the way it will go.
int remaining(const State& state, const content::Process& process, const std::string& id, int depth = 0) {
    auto it = process.steps.find(id);
    if (it == process.steps.end() || depth > 64) return 0;
    const content::Step& step = it->second;
    if (step.answers.size() == 2)
        if (const auto known = automatic_answer(state, step))
            return remaining(state, process, step.answers[*known ? 0 : 1].next, depth + 1);
    int longest = 0;
    if (!step.next.empty()) longest = remaining(state, process, step.next, depth + 1);
    for (const auto& answer : step.answers) longest = std::max(longest, remaining(state, process, answer.next, depth + 1));
    return 1 + longest;
}

// Follows automatic questions the kiosk can answer, so the person never
// sees a question whose answer is already known.
void settle(State& state) {
    for (int guard = 0; guard < 16; ++guard) {
        const content::Step* step = current_step(state);
        if (!step) return;
        const auto known = automatic_answer(state, *step);
        if (!known || step->answers.size() != 2) return;
        state.session->process->path.push_back(step->answers[*known ? 0 : 1].next);
    }
}

}  // namespace

const content::Process* current_process(const State& state) {
    if (!state.session || !state.session->process || !state.content) return nullptr;
    return state.content->process(state.session->process->id);
}

const content::Step* current_step(const State& state) {
    const content::Process* process = current_process(state);
    if (!process || state.session->process->path.empty()) return nullptr;
    auto it = process->steps.find(state.session->process->path.back());
    return it == process->steps.end() ? nullptr : &it->second;
}

StepPosition step_position(const State& state) {
    const content::Process* process = current_process(state);
    if (!process || state.session->process->path.empty()) return {};
    const std::vector<std::string>& path = state.session->process->path;
    // Steps the kiosk answered itself are not counted: the person never saw them.
    int seen = 0;
    for (const auto& id : path) {
        auto it = process->steps.find(id);
        if (it != process->steps.end() && !automatic_answer(state, it->second)) ++seen;
    }
    return {seen, seen - 1 + remaining(state, *process, path.back())};
}

content::KnownFacts known_facts(const State& state) {
    content::KnownFacts facts;
    facts.lost_stolen_route = state.lost_stolen_route;
    const hw::Verdict* v = verdict(state);
    if (!v) return facts;
    const bool valid = v->overall == hw::Overall::valid || v->overall == hw::Overall::renew_soon;
    // Revocation not (yet) confirmed: the kiosk does not know, the person does.
    if (valid) facts.has_valid_nes = true;
    else if (v->overall != hw::Overall::checking && v->overall != hw::Overall::unconfirmed) facts.has_valid_nes = false;
    if (v->overall == hw::Overall::revoked) facts.certificate_revoked = true;
    else if (valid) facts.certificate_revoked = false;
    else
        // A blocked PIN or an expired card: a real answer about the NES still
        // tells; otherwise no answer confirmed it either way, and the person is asked.
        for (const auto& cert : v->certificates)
            if (cert.role == hw::CertRole::nes && cert.revocation.status == hw::RevocationStatus::good &&
                (cert.revocation.source == hw::RevocationSource::ocsp || cert.revocation.source == hw::RevocationSource::crl))
                facts.certificate_revoked = false;
    facts.has_registrar = std::any_of(v->certificates.begin(), v->certificates.end(),
                                      [](const hw::CertificateVerdict& c) { return c.role == hw::CertRole::registrar; });
    return facts;
}

std::optional<bool> automatic_answer(const State& state, const content::Step& step) {
    return step.automatic ? known_facts(state).answer(*step.automatic) : std::nullopt;
}

void start_process(State& state, const std::string& id) {
    if (!state.content) return;
    const content::Process* process = state.content->process(id);
    if (!process) return;
    open_session(state).process = ProcessSession{id, {process->start}, std::nullopt};
    state.screen = ScreenId::process;
    settle(state);
}

void follow(State& state, const std::string& next_step) {
    if (!state.session || !state.session->process) return;
    state.session->process->path.push_back(next_step);
    settle(state);
}

void step_back(State& state) {
    if (!state.session || !state.session->process) return;
    std::vector<std::string>& path = state.session->process->path;
    path.pop_back();
    // Skip back over questions the kiosk answered itself.
    while (!path.empty()) {
        const content::Step* step = current_step(state);
        if (!step || !automatic_answer(state, *step)) break;
        path.pop_back();
    }
    if (path.empty()) {
        state.session->process.reset();
        state.screen = state.token() ? ScreenId::token : ScreenId::processes;
    }
}

documents::Request print_request(const State& state) {
    documents::Request request;
    if (!state.session || !state.session->process) return request;
    const Session& session = *state.session;
    request.content = state.content.get();
    request.process_id = session.process->id;
    request.person = session.person;
    if (session.process->role) request.person.role = *session.process->role;
    request.lang = session.lang;
    request.visited = session.process->path;
    request.facts = known_facts(state);
    return request;
}

documents::Plan print_plan(const State& state) {
    const content::Process* process = current_process(state);
    if (!process) return {};
    documents::Request request = print_request(state);
    const documents::Plan plan = documents::plan(*process, request);
    wipe(request.person);
    return plan;
}

const content::Step* next_task(const State& state) {
    const content::Process* process = current_process(state);
    const content::Step* step = current_step(state);
    for (int guard = 0; guard < 64 && step && !step->next.empty(); ++guard) {
        auto it = process->steps.find(step->next);
        if (it == process->steps.end()) return nullptr;
        step = &it->second;
        if (step->answers.empty()) return step;
    }
    return nullptr;
}

std::string receipt_description(const State& state, const content::Step& step, Lang lang) {
    const std::string& pattern = step.receipt.in(lang);
    if (pattern.empty()) return {};
    const hw::Verdict* v = verdict(state);
    const bool known = v && v->holder;
    const std::string name = known ? v->holder->name : (lang == Lang::tr ? "[Adınız Soyadınız]" : "[Your full name]");
    return format(pattern, {{"name", name}, {"tckn", tckn_to_write(state, lang)}});
}

std::string tckn_to_write(const State& state, Lang lang) {
    // A masked number copied onto a bank form cannot be matched: the full
    // number once the person shows it, otherwise a blank that says what goes there.
    const hw::Verdict* v = verdict(state);
    if (v && v->holder && state.session && state.session->tckn_revealed) return v->holder->tckn;
    return lang == Lang::tr ? "[T.C. Kimlik No'nuz, 11 hane]" : "[your T.C. identity number, 11 digits]";
}

bool receipt_can_reveal_tckn(const State& state, const content::Step& step) {
    const hw::Verdict* v = verdict(state);
    return state.session && !state.session->tckn_revealed && v && v->holder && !v->holder->tckn.empty() &&
           (step.query_tckn || step.receipt.tr.find("{tckn}") != std::string::npos);
}

}  // namespace eimza
