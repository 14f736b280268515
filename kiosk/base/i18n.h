#pragma once
// UI texts in Turkish and English, loaded from assets/i18n/*.yaml.
// Each file is a flat map:   some.key: { tr: "…", en: "…" }
// Placeholders are written {name} and filled by format().
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace eimza {

enum class Lang { tr, en };

const char* to_string(Lang);
bool parse_lang(std::string_view text, Lang& out);

struct TextProblem {
    std::string file;
    int line = 0;
    std::string what;
};

class Texts {
public:
    // Loads every *.yaml in dir (sorted, so duplicates are reported
    // deterministically). Problems are collected, not thrown: a bad file
    // leaves the other files' keys usable.
    static Texts load(const std::filesystem::path& dir, std::vector<TextProblem>& problems);

    // A missing key returns the key itself, so a gap shows up on screen as
    // an obvious "home.title" rather than as nothing.
    std::string get(std::string_view key, Lang lang) const;
    bool has(std::string_view key) const;
    std::vector<std::string> keys() const;

    void set(const std::string& key, std::string tr, std::string en);

private:
    struct Pair { std::string tr, en; };
    std::map<std::string, Pair, std::less<>> texts_;
};

// Replaces {name} with values[name]; unknown placeholders stay as written.
std::string format(std::string_view pattern, const std::map<std::string, std::string>& values);

// The number of letters (UTF-8 code points) in text, for limits a person or
// IT is told in letters.
std::size_t utf8_length(std::string_view text);

}  // namespace eimza
