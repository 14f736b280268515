// The person's route through a process and what it calls for: pure, for
// the kiosk's pure model (the process flow plans the papers before they are
// drawn); documents.cpp draws them.
#include "kiosk/documents/route.h"

#include <algorithm>

namespace eimza::documents {

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
        } else if (const auto known = step.automatic ? r.facts.answer(*step.automatic) : std::nullopt) {
            choice = *known ? 0 : 1;
        } else if (!step.answers.front().sets_role.empty()) {
            // A role question: the person's role, and a registrar is not a
            // family physician (who alone pays before applying).
            const std::string role = r.person.role == PersonRole::family_physician ? "family_physician" : "staff";
            for (std::size_t i = 0; i < step.answers.size(); ++i)
                if (step.answers[i].sets_role == role) choice = i;
        } else {
            // A question not yet answered (printing comes before it): the
            // last answer, by the content's convention the way with more to
            // hand in, so that no paper the person may need is missing.
            choice = step.answers.size() - 1;
        }
        id = step.answers[std::min(choice, step.answers.size() - 1)].next;
    }
    return steps;
}

Plan plan(const content::Process& process, const Request& r) {
    Plan out;
    for (const content::Step* step : route(process, r)) {
        if (!step->deliver_to.empty()) out.letters.push_back({step->deliver_to, step->enclosures});
        out.details_summary |= step->details_summary;
        out.payment_details |= step->payment;
        out.form_001_003 |= step->form_001_003;
    }
    out.form_001_003 &= !r.content->documents.form_columns.empty();
    return out;
}

}  // namespace eimza::documents
