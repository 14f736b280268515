// update(): the dispatch to the areas (update_areas.h), the session's one
// end, and what the State tells of time.
#include "kiosk/model/update.h"

#include <algorithm>

#include "hw/base/overloaded.h"
#include "kiosk/model/update_areas.h"

namespace eimza {

Session& open_session(State& state) {
    if (!state.session) state.session.emplace(state.default_lang);
    return *state.session;
}

void end_session(State& state, std::vector<Command>& commands) {
    if (const TokenSession* token = state.token(); token && token->reading())
        commands.push_back(CancelTokenRead{token->generation});
    state.session.reset();
    state.admin.reset();
    state.screen = ScreenId::home;
}

bool State::at_rest() const {
    return screen == ScreenId::home && !session && !admin;
}

std::optional<int> State::idle_countdown_left(TimePoint now) const {
    if (at_rest()) return std::nullopt;
    const auto expires = last_activity + idle.timeout;
    if (now < expires - idle.countdown) return std::nullopt;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(expires - now).count();
    return static_cast<int>(std::max<long long>(0, (left + 999) / 1000));
}

std::optional<TimePoint> State::next_deadline(TimePoint now) const {
    std::optional<TimePoint> deadline;
    auto consider = [&](TimePoint t) {
        if (!deadline || t < *deadline) deadline = t;
    };
    const TokenSession* token = this->token();
    if (token && token->reading() && now < token->inserted_at + kSpinnerDelay) consider(token->inserted_at + kSpinnerDelay);
    if (token && token->ready() && token->ready()->revocation_deadline)
        consider(std::max(now, *token->ready()->revocation_deadline));
    if (update_area::readers_missing(*this) && !reader_scan.running) consider(reader_scan.asked_at + kReaderRescan);
    if (token && token->mute && token->reading()) consider(token->inserted_at + kMuteGrace);
    // The admin lockout counts down on screen, once a second.
    if (admin && screen == ScreenId::admin_pin && now < admin_policy.locked_until)
        consider(std::min(admin_policy.locked_until, now + std::chrono::seconds(1)));
    if (!at_rest()) {
        const auto expires = last_activity + idle.timeout;
        const auto countdown_start = expires - idle.countdown;
        if (now < countdown_start) {
            consider(countdown_start);
        } else {
            // One tick per second while the countdown is visible.
            const auto into = now - countdown_start;
            const auto next_second = countdown_start + std::chrono::duration_cast<std::chrono::seconds>(into) +
                                     std::chrono::seconds(1);
            consider(std::min(next_second, expires));
        }
    }
    return deadline;
}

State update(State state, const Event& event, TimePoint now, std::vector<Command>& commands, std::vector<LogLine>& log) {
    // Without the site's trust anchors and printer nothing the kiosk would do
    // could be trusted: no card is read and no touch leads anywhere.
    if (!state.site_configured) return state;
    update_area::Effects fx{now, commands, log};
    std::visit(Overloaded{
                   [&](const Action& action) {
                       state.last_activity = now;
                       std::visit([&](const auto& a) { update_area::on(state, a, fx); }, action);
                   },
                   [&](const auto& e) { update_area::on(state, e, fx); },
               },
               event);
    return state;
}

}  // namespace eimza
