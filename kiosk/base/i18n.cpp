#include "kiosk/base/i18n.h"

#include <algorithm>
#include <yaml-cpp/yaml.h>

namespace eimza {

namespace {

int line_of(const YAML::Node& node) { return node.Mark().line + 1; }

void load_file(const std::filesystem::path& file, Texts& texts,
               std::map<std::string, std::string>& origin, std::vector<TextProblem>& problems) {
    const std::string name = file.filename().string();
    YAML::Node root;
    try {
        root = YAML::LoadFile(file.string());
    } catch (const YAML::Exception& e) {
        problems.push_back({name, e.mark.line + 1, "YAML syntax: " + e.msg});
        return;
    }
    if (!root.IsMap()) {
        problems.push_back({name, 1, "expected a map of text keys"});
        return;
    }
    for (const auto& entry : root) {
        const std::string key = entry.first.as<std::string>();
        const YAML::Node& value = entry.second;
        if (auto seen = origin.find(key); seen != origin.end()) {
            problems.push_back({name, line_of(entry.first), "duplicate key '" + key + "' (first in " + seen->second + ")"});
            continue;
        }
        if (!value.IsMap() || !value["tr"] || !value["en"]) {
            problems.push_back({name, line_of(entry.first), "'" + key + "' needs both tr and en"});
            continue;
        }
        const auto tr = value["tr"].as<std::string>();
        const auto en = value["en"].as<std::string>();
        if (tr.empty() || en.empty()) {
            problems.push_back({name, line_of(entry.first), "'" + key + "' has an empty translation"});
            continue;
        }
        for (const auto& field : value) {
            const auto field_name = field.first.as<std::string>();
            if (field_name != "tr" && field_name != "en")
                problems.push_back({name, line_of(field.first), "unknown field '" + field_name + "' in '" + key + "'"});
        }
        origin[key] = name;
        texts.set(key, tr, en);
    }
}

}  // namespace

Texts Texts::load(const std::filesystem::path& dir, std::vector<TextProblem>& problems) {
    Texts texts;
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
        if (entry.path().extension() == ".yaml") files.push_back(entry.path());
    if (ec) {
        problems.push_back({dir.string(), 0, "cannot read directory: " + ec.message()});
        return texts;
    }
    std::sort(files.begin(), files.end());
    std::map<std::string, std::string> origin;
    for (const auto& file : files) load_file(file, texts, origin, problems);
    return texts;
}

std::string Texts::get(std::string_view key, Lang lang) const {
    auto it = texts_.find(key);
    if (it == texts_.end()) return std::string(key);
    return lang == Lang::tr ? it->second.tr : it->second.en;
}

bool Texts::has(std::string_view key) const { return texts_.find(key) != texts_.end(); }

std::vector<std::string> Texts::keys() const {
    std::vector<std::string> out;
    for (const auto& [key, pair] : texts_) out.push_back(key);
    return out;
}

void Texts::set(const std::string& key, std::string tr, std::string en) {
    texts_[key] = Pair{std::move(tr), std::move(en)};
}

}  // namespace eimza
