#include "tests/fleet/metrics_checks.h"

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <regex>
#include <set>

namespace eimza::test {

namespace {

const std::regex kMetricName("[a-zA-Z_:][a-zA-Z0-9_:]*");
const std::regex kLabelName("[a-zA-Z_][a-zA-Z0-9_]*");
// Go's strconv.ParseFloat as the format uses it.
const std::regex kValue(R"([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|NaN|[+-]Inf)");

// Text up to an unescaped `end`, with the escapes the format allows
// (\\ and \n; \" too in label values). False on anything else.
bool unescape(const std::string& line, std::size_t& pos, char end, bool quotes, std::string& out) {
    while (pos < line.size() && line[pos] != end) {
        char c = line[pos++];
        if (c == '\\') {
            if (pos >= line.size()) return false;
            const char e = line[pos++];
            if (e == '\\') c = '\\';
            else if (e == 'n') c = '\n';
            else if (e == '"' && quotes) c = '"';
            else return false;
        }
        out += c;
    }
    return end == '\0' || pos < line.size();
}

}  // namespace

Exposition parse_exposition(const std::string& text) {
    Exposition out;
    auto problem = [&](int line_no, const std::string& what) {
        out.problems.push_back("line " + std::to_string(line_no) + ": " + what);
    };
    if (text.empty() || text.back() != '\n') problem(0, "the file must end with a newline");
    std::set<std::string> finished;  // families whose group of lines is over
    std::set<std::string> sampled;   // families with samples so far
    std::string current;             // the family being read
    int line_no = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        const std::string line = text.substr(start, end - start);
        start = end + 1;
        ++line_no;
        if (line.empty()) continue;
        auto enter = [&](const std::string& family) {
            if (family == current) return;
            if (finished.count(family)) problem(line_no, family + ": its lines must form one group");
            if (!current.empty()) finished.insert(current);
            current = family;
        };
        if (line[0] == '#') {
            std::size_t pos = 1;
            while (pos < line.size() && line[pos] == ' ') ++pos;
            const auto word_end = line.find(' ', pos);
            const std::string keyword = line.substr(pos, word_end - pos);
            if (keyword != "HELP" && keyword != "TYPE") continue;  // a plain comment
            if (word_end == std::string::npos) {
                problem(line_no, keyword + " without a metric name");
                continue;
            }
            pos = word_end + 1;
            const auto name_end = line.find(' ', pos);
            const std::string name = line.substr(pos, name_end - pos);
            if (!std::regex_match(name, kMetricName)) problem(line_no, "bad metric name '" + name + "'");
            std::string rest = name_end == std::string::npos ? "" : line.substr(name_end + 1);
            enter(name);
            if (keyword == "HELP") {
                if (out.help.count(name)) problem(line_no, name + ": second HELP");
                std::size_t p = 0;
                std::string help;
                if (!unescape(rest, p, '\0', false, help)) problem(line_no, name + ": bad escape in HELP");
                out.help[name] = help;
            } else {
                if (out.types.count(name)) problem(line_no, name + ": second TYPE");
                static const std::set<std::string> kTypes = {"counter", "gauge", "histogram", "summary", "untyped"};
                if (!kTypes.count(rest)) problem(line_no, name + ": unknown type '" + rest + "'");
                if (sampled.count(name)) problem(line_no, name + ": TYPE after its samples");
                out.types[name] = rest;
            }
            continue;
        }
        // name [{labels}] value [timestamp]
        std::size_t pos = 0;
        while (pos < line.size() && line[pos] != '{' && line[pos] != ' ') ++pos;
        const std::string name = line.substr(0, pos);
        if (!std::regex_match(name, kMetricName)) problem(line_no, "bad metric name '" + name + "'");
        std::string series = name;
        if (pos < line.size() && line[pos] == '{') {
            ++pos;
            std::set<std::string> seen;
            std::string labels;
            while (pos < line.size() && line[pos] != '}') {
                const auto eq = line.find('=', pos);
                if (eq == std::string::npos) {
                    problem(line_no, "label without '='");
                    break;
                }
                const std::string label = line.substr(pos, eq - pos);
                if (!std::regex_match(label, kLabelName) || label.rfind("__", 0) == 0)
                    problem(line_no, "bad label name '" + label + "'");
                if (!seen.insert(label).second) problem(line_no, "label '" + label + "' twice");
                pos = eq + 1;
                if (pos >= line.size() || line[pos] != '"') {
                    problem(line_no, "label value not quoted");
                    break;
                }
                ++pos;
                std::string value;
                if (!unescape(line, pos, '"', true, value)) {
                    problem(line_no, "bad escape or unterminated label value");
                    break;
                }
                ++pos;  // the closing quote
                if (!labels.empty()) labels += ",";
                labels += label + "=\"" + value + "\"";
                if (pos < line.size() && line[pos] == ',') ++pos;
            }
            if (pos >= line.size()) {
                problem(line_no, "unterminated label set");
                continue;
            }
            ++pos;  // '}'
            series += "{" + labels + "}";
        }
        if (pos >= line.size() || line[pos] != ' ') {
            problem(line_no, "no value");
            continue;
        }
        const std::string rest = line.substr(pos + 1);
        const auto space = rest.find(' ');
        const std::string value = rest.substr(0, space);
        if (!std::regex_match(value, kValue)) problem(line_no, "bad value '" + value + "'");
        // The textfile collector refuses timestamps.
        if (space != std::string::npos) problem(line_no, "a timestamp (the textfile collector refuses them)");
        // Histograms and summaries would add suffixes to the family's name;
        // the kiosk writes neither, so a sample's name is its family.
        enter(name);
        sampled.insert(name);
        if (!out.types.count(name)) problem(line_no, name + ": sample before its TYPE");
        if (!out.samples.emplace(series, value).second) problem(line_no, "duplicate series " + series);
    }
    // promtool check metrics' lint.
    for (const auto& [family, type] : out.types) {
        if (!out.help.count(family)) problem(0, family + ": no HELP");
        const bool total = family.size() > 6 && family.compare(family.size() - 6, 6, "_total") == 0;
        if (type == "counter" && !total) problem(0, family + ": a counter's name must end in _total");
        if (type != "counter" && total) problem(0, family + ": only counters end in _total");
        for (char c : family)
            if (std::isupper(static_cast<unsigned char>(c))) problem(0, family + ": not snake_case");
    }
    for (const auto& [family, help] : out.help)
        if (!out.types.count(family)) problem(0, family + ": HELP without TYPE");
    return out;
}

fleet::MetricsSnapshot full_snapshot() {
    using namespace std::chrono_literals;
    fleet::MetricsSnapshot s;
    s.up = true;
    s.ready = true;
    s.card_service = true;
    s.reader_present = true;
    s.printer = hw::PrinterCondition::out_of_paper;
    s.counters.sessions = 41;
    s.counters.verdicts[static_cast<std::size_t>(hw::Overall::valid)] = 30;
    s.counters.verdicts[static_cast<std::size_t>(hw::Overall::pin_blocked)] = 2;
    s.counters.processes_started["renewal"] = 9;
    s.counters.processes_finished["renewal"] = 7;
    s.counters.processes_started["from_a_newer_content"] = 1;
    s.counters.pages_printed = 120;
    s.counters.print_failures = 3;
    s.counters.card_read_failures = 1;
    s.counters.card_read_failures_by_code[static_cast<std::size_t>(hw::TriageCode::token_not_recognised)] = 1;
    s.triage = hw::TriageCode::unsupported_reader;
    // Quotes, a backslash, a newline and Turkish letters: all must survive.
    s.content_version = "2026-11 \"İl Sağlık\" \\ v2\nrev";
    s.crls_cached = 2;
    s.now = hw::SystemTime{} + 1'800'000'000s;
    s.oldest_crl_this_update = s.now - 90'000s;
    s.content_update = fleet::ContentUpdateReport{"bad_signature", s.now - 3600s};
    s.version = "0.1.0";
    s.started_at = s.now - 7200s;
    return s;
}

}  // namespace eimza::test
