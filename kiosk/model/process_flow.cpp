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
    if (!step.automatic.empty() && step.answers.size() == 2)
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
        if (!step || step->automatic.empty()) return;
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
        if (it != process->steps.end() && !(it->second.automatic.size() && automatic_answer(state, it->second))) ++seen;
    }
    return {seen, seen - 1 + remaining(state, *process, path.back())};
}

std::optional<bool> automatic_answer(const State& state, const content::Step& step) {
    if (step.automatic == "ankara_route") return state.lost_stolen_ankara_route;
    const hw::Verdict* v = verdict(state);
    if (!v) return std::nullopt;
    if (step.automatic == "has_valid_nes") {
        if (v->overall == hw::Overall::valid || v->overall == hw::Overall::renew_soon) return true;
        // Revocation not (yet) confirmed: the kiosk does not know, the person does.
        if (v->overall == hw::Overall::checking || v->overall == hw::Overall::unconfirmed) return std::nullopt;
        return false;
    }
    if (step.automatic == "certificate_revoked") {
        if (v->overall == hw::Overall::revoked) return true;
        if (v->overall == hw::Overall::valid || v->overall == hw::Overall::renew_soon) return false;
        // A blocked PIN or an expired card: a real answer about the NES still tells.
        for (const auto& cert : v->certificates)
            if (cert.role == hw::CertRole::nes && cert.revocation.status == hw::RevocationStatus::good &&
                (cert.revocation.source == hw::RevocationSource::ocsp || cert.revocation.source == hw::RevocationSource::crl))
                return false;
        // Otherwise no answer confirmed it either way: ask.
        return std::nullopt;
    }
    if (step.automatic == "has_registrar")
        return std::any_of(v->certificates.begin(), v->certificates.end(),
                           [](const hw::CertificateVerdict& c) { return c.role == hw::CertRole::registrar; });
    return std::nullopt;
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
        if (!step || step->automatic.empty() || !automatic_answer(state, *step)) break;
        path.pop_back();
    }
    if (path.empty()) {
        state.session->process.reset();
        state.screen = state.token() ? ScreenId::token : ScreenId::processes;
    }
}

documents::Plan print_plan(const State& state) {
    const content::Process* process = current_process(state);
    if (!process) return {};
    documents::Request request;
    request.content = state.content.get();
    request.process_id = process->id;
    const ProcessSession& session = *state.session->process;
    request.visited = session.path;
    request.ankara_route = state.lost_stolen_ankara_route;
    if (session.role) request.person.role = *session.role;
    return documents::plan(*process, request);
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
