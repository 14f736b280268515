#include "hw/token/atr_catalog.h"

#include <cctype>
#include <filesystem>
#include <fstream>

namespace eimza::hw {

TokenConfig default_token_config() {
    TokenConfig config;
    const std::string akisp11 = "/usr/lib/libakisp11.so";
    // AKİS/UKiS ATRs carry "UEKAE" (55 45 4B 41 45); patterns from pcsc-tools.
    config.rules = {
        {"3B9F968131FE45806755454B414512..318073B3A180..", akisp11, "AKİS v1.2–v1.3 (Kamu SM)"},
        {"3B9F158131FE45806755454B41451221318073B3A1805A", akisp11, "AKİS eID (Kamu SM)"},
        {"3B9F138131FE45806755454B4145126.318073B3A180..", akisp11, "UKiS 1.2.1 (Kamu SM)"},
        {"3BBA11008131FE4D55454B41452056312E30AE", akisp11, "AKİS v1.0 (Kamu SM)"},
        {"3BF51800008131FE454F73454944..", "", "Sanal test kartı (OsEID)"},
    };
    return config;
}

namespace {

std::string normalise(const std::string& pattern) {
    std::string out;
    for (char c : pattern)
        if (!std::isspace(static_cast<unsigned char>(c)) && c != ':') out += static_cast<char>(std::toupper(c));
    return out;
}

}  // namespace

bool atr_matches(const std::string& pattern, const Bytes& atr) {
    const std::string p = normalise(pattern);
    const std::string hex = to_hex(atr);
    if (p.size() != hex.size()) return false;
    for (std::size_t i = 0; i < p.size(); ++i)
        if (p[i] != '.' && p[i] != hex[i]) return false;
    return true;
}

AtrCatalog::AtrCatalog(const TokenConfig& config) : config_(config) {
    // pcsc-tools' list: an ATR pattern line, then tab-indented descriptions.
    std::ifstream in(config.smartcard_list);
    std::string line;
    Entry* current = nullptr;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') {
            current = nullptr;
            continue;
        }
        if (line[0] == '\t') {
            if (current && current->name.empty()) {
                std::size_t start = line.find_first_not_of('\t');
                current->name = start == std::string::npos ? "" : line.substr(start);
            }
            continue;
        }
        listed_.push_back({normalise(line), {}});
        current = &listed_.back();
    }
}

std::string AtrCatalog::name(const Bytes& atr) const {
    for (const auto& rule : config_.rules)
        if (!rule.name.empty() && atr_matches(rule.atr_pattern, atr)) return rule.name;
    for (const auto& entry : listed_)
        if (atr_matches(entry.pattern, atr)) return entry.name;
    return {};
}

std::string AtrCatalog::module(const Bytes& atr) const {
    for (const auto& rule : config_.rules) {
        if (rule.module.empty() || !atr_matches(rule.atr_pattern, atr)) continue;
        std::error_code ec;
        if (std::filesystem::exists(rule.module, ec)) return rule.module;
    }
    return config_.default_module;
}

std::optional<ModuleRule> AtrCatalog::missing_module(const Bytes& atr) const {
    std::optional<ModuleRule> missing;
    for (const auto& rule : config_.rules) {
        if (rule.module.empty() || !atr_matches(rule.atr_pattern, atr)) continue;
        std::error_code ec;
        if (std::filesystem::exists(rule.module, ec)) return std::nullopt;
        if (!missing) missing = rule;
    }
    return missing;
}

}  // namespace eimza::hw
