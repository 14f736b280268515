// The admin screen in Turkish has no English left in it: every code hw/ and
// kiosk/ report (reader triage, printer reasons, content and system update
// results, IT's last action) is rendered in both languages, and no Turkish
// line may carry an English-only word or read the same as its English form
// (unless its text is data only, like a reader's name).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <memory>
#include <set>

#include "kiosk/admin/diagnostics.h"
#include "screens/admin_lines.h"
#include "screens/samples.h"
#include "tests/ui/headless.h"

using namespace eimza;
using eimza::testing::HeadlessUi;
using eimza::testing::shipped_content;

namespace {

const Texts& texts() {
    static const Texts loaded = [] {
        std::vector<TextProblem> problems;
        auto t = Texts::load(std::filesystem::path(EIMZA_SOURCE_DIR) / "assets" / "i18n", problems);
        if (!problems.empty()) throw std::runtime_error(problems.front().file + ": " + problems.front().what);
        return t;
    }();
    return loaded;
}

// Words the English admin texts and hw/'s raw details are made of, and no
// Turkish line needs. The data in the States below avoids them.
const std::set<std::string> kEnglishOnly = {
    "the",       "no",        "not",       "found",     "waiting",   "is",        "which",     "needs",
    "read",      "completed", "failed",    "error",     "warning",   "media",     "empty",     "low",
    "offline",   "paused",    "download",  "installed", "rolled",    "back",      "unchanged", "good",
    "refused",   "unknown",   "answer",    "answers",   "lists",     "listed",    "anchor",    "unreadable",
    "timed",     "out",       "days",      "printer",   "reports",   "update",    "journal",   "details",
    "and",       "none",      "mute",      "removed",   "idle",      "printing",  "stopped",   "accepting",
    "jobs",      "free",      "up",        "site",      "content",   "version",   "renewed",   "source",
    "published", "healthy",   "within",    "tries",     "present",   "jam",       "paper",     "door",
    "cover",     "tray",      "full",      "ink",       "interrupted", "signature"};

std::vector<std::string> words(const std::string& text) {
    std::vector<std::string> out;
    std::string word;
    for (const char c : text + " ") {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalpha(u) || u >= 0x80) {
            word += static_cast<char>(std::tolower(u));
        } else if (!word.empty()) {
            out.push_back(word);
            word.clear();
        }
    }
    return out;
}

struct Moment {
    TimePoint now = Clock::now();
    std::chrono::system_clock::time_point wall_now = std::chrono::system_clock::now();
};

screens::Ui ui_in(Lang lang, const Moment& clock) {
    screens::Ui ui{texts(), lang, screens::Fonts{}};
    ui.now = clock.now;
    ui.wall_now = clock.wall_now;
    return ui;
}

std::vector<screens::AdminLine> lines_of(const State& state, const screens::Ui& ui) {
    auto lines = screens::admin_lines(state, ui);
    if (auto result = screens::admin_result_line(state, ui); !result.text.empty()) lines.push_back(std::move(result));
    return lines;
}

// Every Turkish line is free of English-only words, and differs from its
// English form when their texts differ.
void check_turkish(const State& state, const Moment& clock) {
    const auto tr = lines_of(state, ui_in(Lang::tr, clock));
    const auto en = lines_of(state, ui_in(Lang::en, clock));
    REQUIRE(tr.size() == en.size());
    for (std::size_t i = 0; i < tr.size(); ++i) {
        INFO(tr[i].key << ": " << tr[i].text);
        for (const auto& word : words(tr[i].text)) CHECK(kEnglishOnly.count(word) == 0);
        const bool data_only = tr[i].key.empty() || texts().get(tr[i].key, Lang::tr) == texts().get(tr[i].key, Lang::en);
        if (!data_only) CHECK(tr[i].text != en[i].text);
    }
}

bool shows(const State& state, const screens::Ui& ui, const std::string& text) {
    const auto lines = lines_of(state, ui);
    return std::any_of(lines.begin(), lines.end(),
                       [&](const screens::AdminLine& l) { return l.text.find(text) != std::string::npos; });
}

State sample(const Moment& clock, const std::string& name) {
    auto state = screens::sample_state(name, clock.now, clock.wall_now, shipped_content());
    REQUIRE(state);
    return *state;
}

const char* const kEveryReason =
    "media-empty-error,media-needed,media-low-report,media-jam-error,toner-empty-error,toner-low-warning,"
    "marker-supply-empty-error,marker-supply-low-warning,offline-report,paused,door-open-error,cover-open-warning,"
    "input-tray-missing-error,output-area-full-warning,connecting-to-device,interpreter-resource-unavailable";

}  // namespace

TEST_CASE("CUPS printer-state-reasons become typed codes, their keyword kept", "[admin][print]") {
    CHECK(hw::printer_reasons("none").empty());
    CHECK(hw::printer_reasons("").empty());
    const auto codes = hw::printer_reasons(kEveryReason);
    REQUIRE(codes.size() == 16);
    CHECK(codes[0] == hw::PrinterReasonCode{hw::PrinterReason::media_empty, "media-empty-error"});
    CHECK(codes[5] == hw::PrinterReasonCode{hw::PrinterReason::toner_low, "toner-low-warning"});
    CHECK(codes[8] == hw::PrinterReasonCode{hw::PrinterReason::offline, "offline-report"});
    CHECK(codes[15] == hw::PrinterReasonCode{hw::PrinterReason::other, "interpreter-resource-unavailable"});
    CHECK(std::count_if(codes.begin(), codes.end(), [](const auto& c) { return c.reason == hw::PrinterReason::other; }) == 1);
}

TEST_CASE("every admin line is Turkish in Turkish: samples, every triage code, printer reason and update result",
          "[ui][admin][i18n]") {
    const Moment clock;
    for (const char* name : {"admin", "admin-unsupported-reader"}) {
        INFO(name);
        check_turkish(sample(clock, name), clock);
    }

    State state = sample(clock, "admin");
    // The State shares its diagnostics read-only: the test words a changed copy.
    auto changed = std::make_shared<admin::Diagnostics>(*state.admin->diagnostics);
    admin::Diagnostics& d = *changed;
    state.admin->diagnostics = changed;
    d.printer = {true, 5, false, kEveryReason, hw::printer_reasons(kEveryReason)};
    d.anchors.clear();
    d.trust_dir = "/etc/eimza-kiosk/trust";
    d.anchor_problems = {"/etc/eimza-kiosk/trust/README.pem: not a certificate"};
    hw::CachedCrl broken;
    broken.file = "9c1d.crl";
    d.crls.push_back(broken);
    state.admin->last_result = {"admin.result.crls_failed",
                                {{"n", "1"}, {"failed", "2"}, {"failures", "kamusm.crl: download failed; b.crl: not a CRL"}}};
    for (const auto code : hw::kTriageCodes) {
        INFO(hw::triage_code(code));
        state.last_card->outcome = "unreadable";
        state.last_card->triage = hw::Triage{code, "AKİS eID needs /usr/lib/libakisp11.so, which is not installed"};
        check_turkish(state, clock);
    }
    for (const auto result : {content::UpdateResult::ok, content::UpdateResult::unchanged,
                              content::UpdateResult::download_failed, content::UpdateResult::bad_signature,
                              content::UpdateResult::invalid_bundle, content::UpdateResult::invalid_content,
                              content::UpdateResult::older_bundle, content::UpdateResult::install_failed}) {
        INFO(content::to_string(result));
        d.content_update->result = result;
        d.content_update->message = "HTTP 404 from the server; the published bundle was not fetched";
        check_turkish(state, clock);
    }
    for (const char* result : {"installing", "installed", "booted_new", "good", "rolled_back", "interrupted", "refused",
                               "download_failed", "sideways"}) {
        INFO(result);
        d.system.last_update->result = result;
        check_turkish(state, clock);
    }
    for (const char* outcome : {"read", "mute", "removed", "unreadable", "no_module", "timed_out"}) {
        INFO(outcome);
        state.last_card->outcome = outcome;
        check_turkish(state, clock);
    }

    // Reasons the kiosk has no words for are shown as the printer gave them.
    CHECK(shows(state, ui_in(Lang::tr, clock), "Yazıcı bildirimi: interpreter-resource-unavailable"));
    CHECK(shows(state, ui_in(Lang::en, clock), "Printer reports: interpreter-resource-unavailable"));
    CHECK(shows(state, ui_in(Lang::tr, clock), "toner azaldı"));
    CHECK(shows(state, ui_in(Lang::tr, clock), "bilinmeyen sonuç (sideways)"));
    // The raw details stay out: they are the journal's.
    CHECK_FALSE(shows(state, ui_in(Lang::en, clock), "libakisp11"));
    CHECK_FALSE(shows(state, ui_in(Lang::en, clock), "HTTP 404"));
    CHECK_FALSE(shows(state, ui_in(Lang::en, clock), "README.pem"));
    CHECK_FALSE(shows(state, ui_in(Lang::en, clock), "kamusm.crl"));

    // The whole screen, drawn, fits and has a text for every key it uses.
    for (const Lang lang : {Lang::tr, Lang::en}) {
        for (const ImVec2 size : {ImVec2(1920, 1080), ImVec2(1080, 1920)}) {
            HeadlessUi ui(size);
            screens::set_language(state, lang);
            std::vector<screens::LayoutProblem> problems;
            ui.frame(state, &problems);
            ui.frame(state, &problems);
            for (const auto& p : problems) FAIL_CHECK(p.where << ": " << p.text);
        }
    }
}
