// The voice guide: what every screen says in both languages, that it comes
// from the i18n texts, that nothing personal beyond the screen is said, and
// that espeak-ng turns it into sound of a sensible length.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>

#include "kiosk/speech/engine.h"
#include "kiosk/speech/script.h"
#include "screens/samples.h"

using namespace eimza;

namespace {

const std::filesystem::path kAssets = std::filesystem::path(EIMZA_SOURCE_DIR) / "assets";

const Texts& texts() {
    static const Texts loaded = [] {
        std::vector<TextProblem> problems;
        Texts t = Texts::load(kAssets / "i18n", problems);
        if (!problems.empty()) throw std::runtime_error(problems.front().file + ": " + problems.front().what);
        return t;
    }();
    return loaded;
}

std::shared_ptr<const content::Content> shipped_content() {
    static const auto content = [] {
        std::vector<content::Problem> problems;
        auto c = std::make_shared<const content::Content>(content::load_content(kAssets / "content", problems));
        if (!problems.empty()) throw std::runtime_error("content: " + problems.front().what);
        return c;
    }();
    return content;
}

std::vector<std::string> every_screen() {
    auto names = screens::sample_names();
    for (const auto& step : screens::step_sample_names(*shipped_content())) names.push_back(step);
    return names;
}

struct Sample {
    State state;
    TimePoint now;
    std::chrono::system_clock::time_point wall_now;
};

Sample sample(const std::string& name, Lang lang) {
    const TimePoint now = Clock::now();
    const auto wall = std::chrono::system_clock::now();
    auto state = screens::sample_state(name, now, wall, shipped_content());
    if (!state) throw std::runtime_error("no sample " + name);
    screens::set_language(*state, lang);
    return {*state, now, wall};
}

// Whether a text key's words, each {placeholder} standing for any text,
// could have said this sentence: the literal pieces in order, the first at
// the start and the last at the end.
bool could_say(const std::string& pattern, const std::string& sentence) {
    std::vector<std::string> pieces{""};
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const std::size_t close = pattern[i] == '{' ? pattern.find('}', i) : std::string::npos;
        if (close != std::string::npos) {
            pieces.emplace_back();
            i = close;
        } else {
            pieces.back() += pattern[i];
        }
    }
    if (pieces.size() == 1) return pattern == sentence;
    if (sentence.compare(0, pieces.front().size(), pieces.front()) != 0) return false;
    const std::string& last = pieces.back();
    if (sentence.size() < pieces.front().size() + last.size() ||
        sentence.compare(sentence.size() - last.size(), last.size(), last) != 0)
        return false;
    std::size_t at = pieces.front().size();
    const std::size_t end = sentence.size() - last.size();
    for (std::size_t i = 1; i + 1 < pieces.size(); ++i) {
        at = sentence.find(pieces[i], at);
        if (at == std::string::npos || at + pieces[i].size() > end) return false;
        at += pieces[i].size();
    }
    return true;
}

// The keys whose text, in lang, could have said this sentence.
std::vector<std::string> keys_saying(const std::string& sentence, Lang lang) {
    std::vector<std::string> keys;
    for (const auto& key : texts().keys())
        if (could_say(texts().get(key, lang), sentence)) keys.push_back(key);
    return keys;
}

// espeak-ng is one engine per process: every test shares one voice.
speech::Voice& voice() {
    static speech::Voice shared;
    static const bool ready = [] {
        std::string error;
        if (!shared.init(error)) throw std::runtime_error(error);
        return true;
    }();
    (void)ready;
    return shared;
}

double rms(const std::vector<std::int16_t>& samples) {
    double sum = 0;
    for (const auto s : samples) sum += static_cast<double>(s) * s;
    return samples.empty() ? 0 : std::sqrt(sum / static_cast<double>(samples.size()));
}

}  // namespace

TEST_CASE("spell_groups says characters one by one, in the screen's groups", "[speech]") {
    CHECK(speech::spell_groups("TR12 0001") == "T R 1 2, 0 0 0 1");
    CHECK(speech::spell_groups("444 5 576") == "4 4 4, 5, 5 7 6");
    CHECK(speech::spell_groups("R04") == "R 0 4");
    CHECK(speech::spell_groups("İĞ") == "İ Ğ");
}

TEST_CASE("every screen has words in both languages, each from its i18n key", "[speech]") {
    for (const auto& name : every_screen()) {
        for (const Lang lang : {Lang::tr, Lang::en}) {
            const Sample s = sample(name, lang);
            const speech::Script script = speech::screen_script(s.state, s.now, s.wall_now);
            INFO(name << " " << to_string(lang));
            REQUIRE_FALSE(script.lines.empty());
            for (const auto& line : script.lines) {
                INFO(line.key);
                CHECK(texts().has(line.key));
                const std::string sentence = speech::render(line, texts(), lang);
                CHECK_FALSE(sentence.empty());
                CHECK(sentence.find('{') == std::string::npos);
                CHECK(sentence != line.key);
                // The second opinion: from the words back to the key they came from.
                const auto keys = keys_saying(sentence, lang);
                CHECK(std::find(keys.begin(), keys.end(), line.key) != keys.end());
            }
        }
    }
}

TEST_CASE("the TCKN is spoken masked, even when the screen shows it whole", "[speech]") {
    for (const auto& name : every_screen()) {
        Sample s = sample(name, Lang::tr);
        if (s.state.session) s.state.session->tckn_revealed = true;
        const std::string said = speech::render(speech::screen_script(s.state, s.now, s.wall_now), texts(), Lang::tr);
        INFO(name << ": " << said);
        CHECK(said.find("10000000146") == std::string::npos);
        CHECK(said.find("1 0 0 0 0 0 0 0 1 4 6") == std::string::npos);
    }
    const Sample valid = sample("token-valid", Lang::en);
    const std::string said = speech::render(speech::screen_script(valid.state, valid.now, valid.wall_now), texts(), Lang::en);
    CHECK(said.find("begins 1 0 0 and ends 4 6") != std::string::npos);
}

TEST_CASE("the details form's KVKK notice is said with the data controller the site named, and none made up",
          "[speech][kvkk]") {
    for (const Lang lang : {Lang::tr, Lang::en}) {
        Sample s = sample("details", lang);
        s.state.site_data_controller = "Ankara Şehir Hastanesi Başhekimliği";
        std::string said = speech::render(speech::screen_script(s.state, s.now, s.wall_now), texts(), lang);
        INFO(said);
        CHECK(said.find(lang == Lang::tr ? "Veri sorumlusu: Ankara Şehir Hastanesi Başhekimliği."
                                         : "Data controller: Ankara Şehir Hastanesi Başhekimliği.") != std::string::npos);
        s.state.site_data_controller.clear();
        said = speech::render(speech::screen_script(s.state, s.now, s.wall_now), texts(), lang);
        CHECK(said.find(lang == Lang::tr ? "Veri sorumlusu" : "Data controller") == std::string::npos);
        CHECK(said.find(texts().get("form.privacy", lang)) != std::string::npos);
    }
}

TEST_CASE("an IBAN is read in groups of four", "[speech]") {
    const Sample s = sample("process-renewal-payment", Lang::tr);
    const speech::Script script = speech::screen_script(s.state, s.now, s.wall_now);
    const auto iban = std::find_if(script.lines.begin(), script.lines.end(),
                                   [](const speech::Line& l) { return l.key == "speech.iban"; });
    REQUIRE(iban != script.lines.end());
    CHECK(std::regex_match(iban->values.at("iban"), std::regex(R"(T R [0-9] [0-9](, [0-9]( [0-9]){0,3})+)")));
}

TEST_CASE("the idle warning is said once, not again for each second", "[speech]") {
    Sample s = sample("idle-countdown", Lang::tr);
    const speech::Script first = speech::screen_script(s.state, s.now, s.wall_now);
    const speech::Script later = speech::screen_script(s.state, s.now + std::chrono::seconds(3), s.wall_now);
    CHECK(first.topic == later.topic);
    const std::string said = speech::render(first, texts(), Lang::tr);
    CHECK(said.find("28 saniye sonra bilgileriniz silinecek") != std::string::npos);
    // Another screen is a new topic.
    const Sample token = sample("token-valid", Lang::tr);
    CHECK(speech::screen_script(token.state, token.now, token.wall_now).topic != first.topic);
}

TEST_CASE("espeak-ng renders every screen in both languages to sound of a sensible length", "[speech][audio]") {
    const auto wav = std::filesystem::temp_directory_path() / "eimza-speech-test.wav";
    for (const auto& name : every_screen()) {
        for (const Lang lang : {Lang::tr, Lang::en}) {
            const Sample s = sample(name, lang);
            const std::string words = speech::render(speech::screen_script(s.state, s.now, s.wall_now), texts(), lang);
            const auto samples = voice().render(words, lang);
            INFO(name << " " << to_string(lang) << ": " << words);
            const double seconds = static_cast<double>(samples.size()) / voice().sample_rate();
            // About 150 words a minute: 30..200 ms a character, never empty.
            CHECK(seconds >= 0.03 * static_cast<double>(words.size()) * 0.5);
            CHECK(seconds <= 0.2 * static_cast<double>(words.size()) + 1.0);
            CHECK(rms(samples) > 300.0);
            // The file the speak command writes holds the same samples.
            REQUIRE(speech::write_wav(wav.string(), samples, voice().sample_rate()));
            CHECK(std::filesystem::file_size(wav) == 44 + 2 * samples.size());
        }
    }
    std::filesystem::remove(wav);
}

TEST_CASE("rendering stops when asked: a new screen cuts the old words", "[speech][audio]") {
    std::size_t chunks = 0;
    voice().speak("Bu uzun bir cümledir ve sonuna kadar okunmamalıdır, çünkü ekran değişti.", Lang::tr,
                [&](const std::int16_t*, std::size_t) { return ++chunks < 2; });
    CHECK(chunks == 2);
}

// Listening, by a second opinion: espeak-ng's own phonemes (IPA) of what
// the guide says.
namespace {

// The words of one IPA rendering: clauses and words split at spaces and lines.
std::vector<std::string> ipa_words(const std::string& ipa) {
    std::vector<std::string> words;
    std::string word;
    for (const char c : ipa + " ") {
        if (c == ' ' || c == '\n') {
            if (!word.empty()) words.push_back(word);
            word.clear();
        } else {
            word += c;
        }
    }
    return words;
}

}  // namespace

TEST_CASE("Turkish is said by the Turkish voice and English by the English one, on every screen", "[speech][audio]") {
    // ɯ (ı) and ʃ (ş) are Turkish sounds the English voice never makes; every
    // Turkish screen has one, no English screen does.
    for (const auto& name : every_screen()) {
        for (const Lang lang : {Lang::tr, Lang::en}) {
            const Sample s = sample(name, lang);
            const std::string words = speech::render(speech::screen_script(s.state, s.now, s.wall_now), texts(), lang);
            const std::string ipa = voice().phonemes(words, lang);
            INFO(name << " " << to_string(lang) << ": " << words << "\n" << ipa);
            const bool turkish_sounds = ipa.find("ɯ") != std::string::npos;
            CHECK(turkish_sounds == (lang == Lang::tr));
        }
    }
}

TEST_CASE("an IBAN and a phone number are heard digit by digit, in their groups", "[speech][audio]") {
    for (const Lang lang : {Lang::tr, Lang::en}) {
        const Sample s = sample("process-renewal-payment", lang);
        const speech::Script script = speech::screen_script(s.state, s.now, s.wall_now);
        const auto iban = std::find_if(script.lines.begin(), script.lines.end(),
                                       [](const speech::Line& l) { return l.key == "speech.iban"; });
        REQUIRE(iban != script.lines.end());
        const std::string spelt = iban->values.at("iban");
        const std::string ipa = voice().phonemes(spelt, lang);
        INFO(to_string(lang) << ": " << spelt << "\n" << ipa);
        // One spoken word per character (no "on iki" / "twelve"), and a
        // pause (a clause of its own) per group of four.
        const auto characters = static_cast<std::size_t>(std::count_if(
            spelt.begin(), spelt.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); }));
        CHECK(ipa_words(ipa).size() == characters);
        CHECK(static_cast<std::size_t>(std::count(ipa.begin(), ipa.end(), '\n')) ==
              static_cast<std::size_t>(std::count(spelt.begin(), spelt.end(), ',')) + 1);
    }
    // "IBAN" itself, in Turkish, with the i of "iban", not the ı Turkish
    // gives a capital I.
    const std::string said = speech::render(speech::Line{"speech.iban", {{"iban", "T R 1 2"}}}, texts(), Lang::tr);
    const std::string ipa = voice().phonemes(said, Lang::tr);
    INFO(said << "\n" << ipa);
    CHECK(ipa.rfind("ib", 0) == 0);
}

TEST_CASE("an e-mail address, an amount and a date are said as people say them", "[speech][audio]") {
    const auto say = [](speech::Line line, Lang lang) { return speech::render(line, texts(), lang); };
    CHECK(say({"speech.email", {{"email", "e-imza@kamusm.gov.tr"}}}, Lang::tr) ==
          "E-posta: e tire imza et kamusm nokta gov nokta tr.");
    CHECK(say({"speech.email", {{"email", "bilgi_islem@example.org"}}}, Lang::en) ==
          "E-mail: bilgi underscore islem at example dot org.");
    const speech::Line fee{"speech.fee", {{"covers", "Yenileme"}, {"amount", "350.50"}, {"currency", "TRY"}, {"date", "2026-01-15"}}};
    CHECK(say(fee, Lang::tr) == "Ücret, Yenileme: 350 Türk lirası 50 kuruş, 15 Ocak 2026 itibarıyla.");
    CHECK(say(fee, Lang::en) == "Fee, Yenileme: 350 Turkish lira 50 kuruş, as of 15 January 2026.");
    // espeak-ng hears the signs as the words they are, not silence.
    const std::string ipa = voice().phonemes(say({"speech.email", {{"email", "a@b.tr"}}}, Lang::tr), Lang::tr);
    INFO(ipa);
    CHECK(ipa.find("nɔktˈa") != std::string::npos);
}
