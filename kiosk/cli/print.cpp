// eimza-kiosk print: a process's documents from a person record, printed
// through CUPS or written to a directory (for IT and tests).
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "hw/cert/tckn.h"
#include "hw/print/cups_printer.h"
#include "kiosk/cli/options.h"
#include "kiosk/content/content.h"
#include "kiosk/base/settings.h"
#include "kiosk/documents/documents.h"
#include "kiosk/documents/form_mail.h"

namespace eimza::cli {

namespace {

void usage(std::FILE* stream) {
    std::fprintf(stream,
                 "Usage: eimza-kiosk print --process ID --person FILE.json [--lang tr|en] [--valid-nes]\n"
                 "                         (--printer QUEUE [--timeout SECONDS] | --out-dir DIR | --mail-only) [--config FILE]\n"
                 "The configuration's content.lost_stolen_route picks the lost/stolen route; with its mail section\n"
                 "enabled, FORM-001-003 is e-mailed to the person's address (--mail-only: nothing else is done).\n"
                 "FILE.json: {\"tckn\", \"first_name\", \"last_name\", \"birth_place\", \"birth_date\" (GG.AA.YYYY),\n"
                 "            \"institution\", \"unit\", \"title\", \"email\", \"phone\", \"address\",\n"
                 "            \"role\": family_physician|staff|registrar}; missing optional fields print empty.\n"
                 "Exit codes: 0 printed/written/sent, 1 printing or the mail failed, 2 usage or bad person data.\n");
}

bool read_person(const std::string& file, Person& person, std::string& error) {
    std::ifstream in(file);
    if (!in) {
        error = "cannot read " + file;
        return false;
    }
    nlohmann::json j;
    try {
        in >> j;
    } catch (const nlohmann::json::exception& e) {
        error = file + ": malformed JSON: " + e.what();
        return false;
    }
    if (!j.is_object()) {
        error = file + ": expected a JSON object";
        return false;
    }
    const std::pair<const char*, std::string Person::*> fields[] = {
        {"tckn", &Person::tckn},           {"first_name", &Person::first_name}, {"last_name", &Person::last_name},
        {"birth_place", &Person::birth_place}, {"birth_date", &Person::birth_date}, {"institution", &Person::institution},
        {"unit", &Person::unit},           {"title", &Person::title},           {"email", &Person::email},
        {"phone", &Person::phone},         {"address", &Person::address}};
    for (const auto& [key, member] : fields) {
        if (!j.contains(key)) continue;
        if (!j[key].is_string()) {
            error = file + ": '" + key + "' must be a string";
            return false;
        }
        person.*member = j[key].get<std::string>();
    }
    if (j.contains("role") && (!j["role"].is_string() || !parse_person_role(j["role"].get<std::string>(), person.role))) {
        error = file + ": role must be family_physician, staff or registrar";
        return false;
    }
    if (!hw::tckn_checksum_ok(person.tckn)) {
        error = file + ": tckn fails the T.C. kimlik checksum";
        return false;
    }
    return true;
}

}  // namespace

int print(const Args& args) {
    std::string process, person_file, printer, out_dir, config_file;
    Lang lang = Lang::tr;
    int timeout_seconds = 120;
    bool mail_only = false, valid_nes = false;
    CLI::App options{"", "print"};
    options.add_option("--process", process)->required();
    options.add_option("--person", person_file)->required();
    add_lang_option(options, lang);
    options.add_flag("--valid-nes", valid_nes);
    auto* destination = options.add_option_group("destination");
    destination->add_option("--printer", printer);
    destination->add_option("--out-dir", out_dir);
    destination->add_flag("--mail-only", mail_only);
    destination->require_option(1);
    options.add_option("--timeout", timeout_seconds)->check(above_zero());
    add_config_option(options, config_file);
    if (const auto exit = parse_options(options, args, usage)) return *exit;
    Settings config;
    if (!load_cli_settings(config_file, config)) return 2;
    if (mail_only && !config.mail.enabled) {
        std::fprintf(stderr, "print: --mail-only needs the configuration's mail section enabled\n");
        return 2;
    }
    std::vector<content::Problem> content_problems;
    const content::Content content = content::load_content(resolve_assets_dir(config) / "content", content_problems);
    if (!content_problems.empty()) {
        std::fprintf(stderr, "print: the content does not validate (run check-content)\n");
        return 2;
    }
    if (!content.process(process)) {
        std::fprintf(stderr, "print: unknown process '%s'\n", process.c_str());
        return 2;
    }
    documents::Request request;
    request.content = &content;
    request.process_id = process;
    request.lang = lang;
    request.facts.lost_stolen_route = config.content.lost_stolen_route;
    request.facts.has_valid_nes = valid_nes;
    std::string error;
    if (!read_person(person_file, request.person, error)) {
        std::fprintf(stderr, "print: %s\n", error.c_str());
        return 2;
    }
    auto docs = documents::generate(request);
    bool mail_failed = false;
    if (config.mail.enabled) {
        if (auto mail = documents::form_001_003_mail(request, docs)) {
            std::string detail;
            const auto sent = hw::send_mail(config.mail, *mail, detail);
            std::printf("form_mail: %s\n", hw::to_string(sent));
            if (sent != hw::MailOutcome::sent) {
                std::fprintf(stderr, "print: FORM-001-003 not sent: %s\n", detail.c_str());
                mail_failed = true;
            }
        } else {
            std::printf("form_mail: none (no FORM-001-003 on this route, or no e-mail address)\n");
        }
    }
    wipe(request.person);
    if (mail_only) return mail_failed ? 1 : 0;
    if (!out_dir.empty()) {
        std::filesystem::create_directories(out_dir);
        for (const auto& d : docs)
            std::ofstream(std::filesystem::path(out_dir) / d.file_name, std::ios::binary)
                .write(reinterpret_cast<const char*>(d.data.data()), static_cast<std::streamsize>(d.data.size()));
        std::printf("%zu documents written to %s\n", docs.size(), out_dir.c_str());
        return mail_failed ? 1 : 0;
    }
    std::vector<hw::PrintDocument> pdfs;
    for (auto& d : docs)
        if (d.mime == "application/pdf") pdfs.push_back({d.title, std::move(d.data), d.pages});
    hw::PrintConfig print_config;
    print_config.queue = printer;
    print_config.timeout = std::chrono::seconds(timeout_seconds);
    const auto outcome = hw::print_documents(print_config, pdfs, [](const hw::PrintProgress& p) {
        if (p.stage == hw::PrintProgress::Stage::done && p.outcome != hw::PrintOutcome::completed)
            std::fprintf(stderr, "print: %s (%s)\n", hw::to_string(p.outcome), p.detail.c_str());
    });
    std::printf("%s\n", hw::to_string(outcome));
    return outcome == hw::PrintOutcome::completed && !mail_failed ? 0 : 1;
}

}  // namespace eimza::cli
