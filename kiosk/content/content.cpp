#include "kiosk/content/content.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>

namespace eimza::content {

namespace {

int line_of(const YAML::Node& node) { return node.Mark().line + 1; }

class Reader {
public:
    Reader(std::string file, std::vector<Problem>& problems) : file_(std::move(file)), problems_(problems) {}

    void problem(const YAML::Node& at, std::string what, std::string why) {
        problems_.push_back({file_, at ? line_of(at) : 0, std::move(what), std::move(why)});
    }

    void known_keys(const YAML::Node& map, std::initializer_list<const char*> keys, const std::string& where) {
        for (const auto& entry : map) {
            const auto key = entry.first.as<std::string>();
            if (std::none_of(keys.begin(), keys.end(), [&](const char* k) { return key == k; }))
                problem(entry.first, "unknown key '" + key + "' in " + where, "a typo would otherwise be ignored");
        }
    }

    std::string scalar(const YAML::Node& map, const char* key, const std::string& where, bool required = true) {
        const auto node = map[key];
        if (!node || node.IsNull()) {
            if (required) problem(map, where + ": '" + key + "' is missing", "it is required");
            return {};
        }
        if (!node.IsScalar()) {
            problem(node, where + ": '" + key + "' must be a text", "found a list or map");
            return {};
        }
        return node.as<std::string>();
    }

    Text text(const YAML::Node& map, const char* key, const std::string& where, bool required = true) {
        const auto node = map[key];
        Text out;
        if (!node) {
            if (required) problem(map, where + ": '" + key + "' is missing", "every text needs tr and en");
            return out;
        }
        if (!node.IsMap()) {
            problem(node, where + ": '" + key + "' must be {tr: …, en: …}", "texts are given in both languages");
            return out;
        }
        known_keys(node, {"tr", "en"}, where + "." + key);
        out.tr = node["tr"] && node["tr"].IsScalar() ? node["tr"].as<std::string>() : "";
        out.en = node["en"] && node["en"].IsScalar() ? node["en"].as<std::string>() : "";
        if (out.tr.empty()) problem(node, where + "." + key + ": Turkish text missing", "every text needs tr and en");
        if (out.en.empty()) problem(node, where + "." + key + ": English text missing", "every text needs tr and en");
        return out;
    }

    std::vector<std::string> list(const YAML::Node& map, const char* key, const std::string& where) {
        std::vector<std::string> out;
        const auto node = map[key];
        if (!node) return out;
        if (!node.IsSequence()) {
            problem(node, where + ": '" + key + "' must be a list", "found a single value");
            return out;
        }
        for (const auto& item : node) out.push_back(item.as<std::string>());
        return out;
    }

    const std::string& file() const { return file_; }

private:
    std::string file_;
    std::vector<Problem>& problems_;
};

// The entries of an optional map or list; nothing when absent.
YAML::Node entries(const YAML::Node& parent, const char* key) {
    const YAML::Node node = parent[key];
    return node && (node.IsMap() || node.IsSequence()) ? node : YAML::Node(YAML::NodeType::Sequence);
}

std::optional<YAML::Node> parse(const std::filesystem::path& path, const std::string& name,
                                std::vector<Problem>& problems) {
    try {
        YAML::Node root = YAML::LoadFile(path.string());
        if (!root.IsMap()) {
            problems.push_back({name, 1, "the file must be a map", "see docs/content.md"});
            return std::nullopt;
        }
        return root;
    } catch (const YAML::BadFile&) {
        problems.push_back({name, 0, "cannot read the file", "missing or unreadable"});
    } catch (const YAML::Exception& e) {
        problems.push_back({name, e.mark.line + 1, "YAML syntax error", e.msg});
    }
    return std::nullopt;
}

void load_facts(const YAML::Node& root, Reader& r, Content& content) {
    r.known_keys(root, {"version", "institutions", "accounts", "fees", "documents"}, "content.yaml");
    content.version = r.scalar(root, "version", "content.yaml");
    if (const auto docs = root["documents"]) {
        r.known_keys(docs, {"form_001_003_columns", "form_001_003_note", "enclosures"}, "documents");
        content.documents.form_note = r.text(docs, "form_001_003_note", "documents");
        std::set<std::string> headers;
        for (const auto& column : entries(docs, "form_001_003_columns")) {
            const std::string where = "documents.form_001_003_columns";
            if (!column.IsMap()) {
                r.problem(column, where + ": each column is {header, field} or {header, fixed}", "found a single value");
                continue;
            }
            r.known_keys(column, {"header", "field", "fixed"}, where);
            FormColumn c{r.scalar(column, "header", where), r.scalar(column, "field", where, false),
                         r.scalar(column, "fixed", where, false)};
            if (c.field.empty() == c.fixed.empty())
                r.problem(column, where + ": column '" + c.header + "' needs either 'field' or 'fixed'",
                          "every column of the form is filled");
            else if (!c.field.empty() &&
                     std::find(form_fields().begin(), form_fields().end(), c.field) == form_fields().end())
                r.problem(column["field"], where + ": unknown field '" + c.field + "'", "see docs/content.md for the fields");
            if (!c.header.empty() && !headers.insert(c.header).second)
                r.problem(column, where + ": header '" + c.header + "' twice", "each column of the form has its own header");
            content.documents.form_columns.push_back(c);
        }
        if (content.documents.form_columns.empty())
            r.problem(docs, "documents: 'form_001_003_columns' is missing or empty", "FORM-001-003 needs its columns");
        for (const auto& entry : entries(docs, "enclosures"))
            content.documents.enclosures[entry.first.as<std::string>()] =
                r.text(docs["enclosures"], entry.first.as<std::string>().c_str(), "documents.enclosures");
    }
    for (const auto& entry : entries(root, "institutions")) {
        Institution in;
        in.id = entry.first.as<std::string>();
        const auto& n = entry.second;
        const std::string where = "institution " + in.id;
        r.known_keys(n, {"name", "receiving_unit", "addressee", "contact", "room", "hours", "postal_address", "emails", "phones"},
                     where);
        in.name = r.text(n, "name", where);
        in.receiving_unit = r.text(n, "receiving_unit", where, false);
        in.addressee = r.text(n, "addressee", where);
        in.contact = r.scalar(n, "contact", where, false);
        in.room = r.scalar(n, "room", where, false);
        in.hours = r.scalar(n, "hours", where, false);
        in.postal_address = r.scalar(n, "postal_address", where, false);
        in.emails = r.list(n, "emails", where);
        in.phones = r.list(n, "phones", where);
        for (const auto& e : in.emails)
            if (!email_valid(e)) r.problem(n["emails"], where + ": bad e-mail '" + e + "'", "not an address");
        for (const auto& p : in.phones)
            if (!phone_valid(p)) r.problem(n["phones"], where + ": bad phone '" + p + "'", "not a Turkish number");
        content.institutions[in.id] = in;
    }
    for (const auto& entry : entries(root, "accounts")) {
        Account a;
        a.id = entry.first.as<std::string>();
        const auto& n = entry.second;
        const std::string where = "account " + a.id;
        r.known_keys(n, {"bank", "branch", "account_name", "iban"}, where);
        a.bank = r.scalar(n, "bank", where);
        a.branch = r.scalar(n, "branch", where, false);
        a.account_name = r.scalar(n, "account_name", where, false);
        a.iban = r.scalar(n, "iban", where);
        if (!a.iban.empty() && !iban_valid(a.iban))
            r.problem(n["iban"], where + ": IBAN '" + a.iban + "' is invalid",
                      "a Turkish IBAN has 26 characters and passes the mod-97 check");
        content.accounts[a.id] = a;
    }
    for (const auto& entry : entries(root, "fees")) {
        Fee f;
        f.id = entry.first.as<std::string>();
        const auto& n = entry.second;
        const std::string where = "fee " + f.id;
        r.known_keys(n, {"covers", "amount", "currency", "as_of", "price_list_url"}, where);
        f.covers = r.text(n, "covers", where);
        if (n["amount"] && !n["amount"].IsNull()) {
            try {
                f.amount = n["amount"].as<double>();
            } catch (const YAML::Exception&) {
                r.problem(n["amount"], where + ": amount is not a number", "write e.g. 1234.50");
            }
        }
        f.currency = n["currency"] ? r.scalar(n, "currency", where) : "TRY";
        f.as_of = r.scalar(n, "as_of", where, false);
        f.price_list_url = r.scalar(n, "price_list_url", where);
        if (f.amount && !std::regex_match(f.as_of, std::regex(R"(\d{4}-\d{2}-\d{2})")))
            r.problem(n, where + ": an amount without an 'as_of' date (YYYY-MM-DD)",
                      "fees change; the person must see how current the amount is");
        if (!f.price_list_url.empty() && !url_valid(f.price_list_url))
            r.problem(n["price_list_url"], where + ": bad URL", "must be http(s)://host/…");
        content.fees[f.id] = f;
    }
}

Process load_process(const YAML::Node& root, Reader& r, const Content& content) {
    Process p;
    p.file = r.file();
    r.known_keys(root, {"id", "title", "summary", "start", "steps"}, p.file);
    p.id = r.scalar(root, "id", p.file);
    p.title = r.text(root, "title", p.file);
    p.summary = r.text(root, "summary", p.file);
    p.start = r.scalar(root, "start", p.file);
    for (const auto& entry : entries(root, "steps")) {
        Step s;
        s.id = entry.first.as<std::string>();
        s.line = line_of(entry.first);
        const auto& n = entry.second;
        const std::string where = "step " + s.id;
        r.known_keys(n, {"title", "body", "answers", "automatic", "next", "urls", "phones", "emails", "account", "fees",
                         "receipt", "warning", "details", "payment", "deliver_to", "enclosures", "details_summary",
                         "form_001_003", "channels", "caution", "query_tckn", "who"},
                     where);
        s.title = r.text(n, "title", where);
        s.body = r.text(n, "body", where, false);
        s.next = r.scalar(n, "next", where, false);
        if (const std::string automatic = r.scalar(n, "automatic", where, false); !automatic.empty()) {
            s.automatic = parse_automatic_fact(automatic);
            if (!s.automatic)
                r.problem(n["automatic"], where + ": unknown automatic answer '" + automatic + "'",
                          "use " + automatic_fact_names());
        }
        s.urls = r.list(n, "urls", where);
        s.phones = r.list(n, "phones", where);
        s.emails = r.list(n, "emails", where);
        s.account = r.scalar(n, "account", where, false);
        s.fees = r.list(n, "fees", where);
        if (n["receipt"]) s.receipt = r.text(n, "receipt", where);
        s.warning = n["warning"] && n["warning"].as<bool>(false);
        s.details = n["details"] && n["details"].as<bool>(false);
        s.payment = (n["payment"] && n["payment"].as<bool>(false)) || !s.account.empty() || !s.fees.empty();
        s.deliver_to = r.scalar(n, "deliver_to", where, false);
        s.enclosures = r.list(n, "enclosures", where);
        s.details_summary = n["details_summary"] && n["details_summary"].as<bool>(false);
        s.form_001_003 = n["form_001_003"] && n["form_001_003"].as<bool>(false);
        s.query_tckn = n["query_tckn"] && n["query_tckn"].as<bool>(false);
        s.who = r.scalar(n, "who", where, false);
        if (!s.who.empty() && !content.institutions.count(s.who))
            r.problem(n["who"], where + ": unknown institution '" + s.who + "'", "define it in content.yaml");
        if (n["caution"]) s.caution = r.text(n, "caution", where);
        for (const auto& channel : entries(n, "channels")) {
            r.known_keys(channel, {"title", "body"}, where + " channel");
            s.channels.push_back({r.text(channel, "title", where + " channel"), r.text(channel, "body", where + " channel")});
        }
        if (!s.deliver_to.empty() && !content.institutions.count(s.deliver_to))
            r.problem(n["deliver_to"], where + ": unknown institution '" + s.deliver_to + "'", "define it in content.yaml");
        if (s.deliver_to.empty() != s.enclosures.empty())
            r.problem(n, where + ": 'deliver_to' and 'enclosures' go together", "a cover letter names whom and what");
        for (const auto& e : s.enclosures)
            if (!content.documents.enclosures.count(e))
                r.problem(n["enclosures"], where + ": unknown enclosure '" + e + "'", "define it under documents.enclosures");
        for (const auto& answer : entries(n, "answers")) {
            r.known_keys(answer, {"label", "next", "role"}, where + " answer");
            Answer a;
            a.label = r.text(answer, "label", where + " answer");
            a.next = r.scalar(answer, "next", where + " answer");
            a.sets_role = r.scalar(answer, "role", where + " answer", false);
            s.answers.push_back(a);
        }
        for (const auto& u : s.urls)
            if (!url_valid(u)) r.problem(n["urls"], where + ": bad URL '" + u + "'", "must be http(s)://host/…");
        for (const auto& e : s.emails)
            if (!email_valid(e)) r.problem(n["emails"], where + ": bad e-mail '" + e + "'", "not an address");
        for (const auto& ph : s.phones)
            if (!phone_valid(ph)) r.problem(n["phones"], where + ": bad phone '" + ph + "'", "not a Turkish number");
        if (!s.account.empty() && !content.accounts.count(s.account))
            r.problem(n["account"], where + ": unknown account '" + s.account + "'", "define it in content.yaml");
        for (const auto& f : s.fees)
            if (!content.fees.count(f)) r.problem(n["fees"], where + ": unknown fee '" + f + "'", "define it in content.yaml");
        if (s.automatic && s.answers.size() != 2)
            r.problem(n, where + ": an automatic question needs exactly two answers", "yes first, then no");
        p.steps[s.id] = s;
    }
    // Every reference resolves and every step can be reached from the start.
    auto exists = [&](const std::string& id) { return p.steps.count(id) > 0; };
    if (!p.start.empty() && !exists(p.start))
        r.problem(root["start"], "start step '" + p.start + "' does not exist", "the process could not begin");
    for (const auto& [id, step] : p.steps) {
        YAML::Node node = root["steps"][id];
        if (!step.next.empty() && !exists(step.next))
            r.problem(node["next"], "step " + id + ": next step '" + step.next + "' does not exist", "dangling reference");
        for (const auto& a : step.answers)
            if (!exists(a.next))
                r.problem(node["answers"], "step " + id + ": answer leads to unknown step '" + a.next + "'",
                          "every decision must be answered by a step");
        if (!step.answers.empty() && !step.next.empty())
            r.problem(node, "step " + id + ": has both answers and next", "a question continues through its answers");
    }
    std::set<std::string> reached;
    std::vector<std::string> todo{p.start};
    while (!todo.empty()) {
        const std::string id = todo.back();
        todo.pop_back();
        if (!exists(id) || !reached.insert(id).second) continue;
        const Step& s = p.steps.at(id);
        if (!s.next.empty()) todo.push_back(s.next);
        for (const auto& a : s.answers) todo.push_back(a.next);
    }
    for (const auto& [id, step] : p.steps)
        if (!reached.count(id))
            r.problem(root["steps"][id], "step " + id + " is unreachable", "no step or answer leads to it");
    return p;
}

}  // namespace

Content load_content(const std::filesystem::path& dir, std::vector<Problem>& problems) {
    Content content;
    const auto facts = parse(dir / "content.yaml", "content.yaml", problems);
    if (facts) {
        Reader r("content.yaml", problems);
        load_facts(*facts, r, content);
    }
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir / "processes", ec))
        if (entry.path().extension() == ".yaml") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        const std::string name = "processes/" + file.filename().string();
        const auto root = parse(file, name, problems);
        if (!root) continue;
        Reader r(name, problems);
        Process p = load_process(*root, r, content);
        if (std::find(process_ids().begin(), process_ids().end(), p.id) == process_ids().end())
            r.problem(*root, "unknown process id '" + p.id + "'", "the kiosk knows only its named processes");
        content.processes[p.id] = std::move(p);
    }
    for (const auto& id : process_ids())
        if (!content.processes.count(id))
            problems.push_back({"processes/", 0, "process '" + id + "' is missing", "every process needs a file"});
    return content;
}

}  // namespace eimza::content
