// eimza-kiosk verify: the verdict on certificate files, as the kiosk would
// give it for a token holding them.
#include <cstdio>
#include <ctime>
#include <optional>

#include "kiosk/cli/inspection_options.h"
#include "kiosk/cli/options.h"
#include "kiosk/cli/json_output.h"
#include "kiosk/inspection/inspection.h"
#include "kiosk/base/log.h"

namespace eimza::cli {

namespace {

void usage(std::FILE* stream) {
    std::fprintf(stream,
                 "Usage: eimza-kiosk verify [--json] [--at ISO8601] [--trust FILE|DIR]... [--allow-host HOST]...\n"
                 "                          [--offline] [--config FILE] CERT...\n"
                 "CERT: PEM or DER files (a PEM file may hold several), all certificates of one token.\n"
                 "Exit codes: 0 verdict printed, 2 usage error or unreadable file.\n");
}

bool parse_time(const std::string& text, hw::SystemTime& out) {
    std::tm tm{};
    const char* end = strptime(text.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
    if (!end) end = strptime(text.c_str(), "%Y-%m-%d", &tm);
    if (!end || (*end != '\0' && std::string(end) != "Z")) return false;
    out = std::chrono::system_clock::from_time_t(timegm(&tm));
    return true;
}

}  // namespace

int verify(const Args& args) {
    InspectionOptions inspection_options;
    std::vector<std::string> files;
    bool json_output = false;
    std::optional<hw::SystemTime> at;
    CLI::App options{"", "verify"};
    options.add_flag("--json", json_output);
    add_parsed_option(
        options, "--at",
        [&at](const std::string& text) {
            hw::SystemTime t;
            if (!parse_time(text, t)) return false;
            at = t;
            return true;
        },
        "an ISO 8601 time, e.g. 2027-01-31T12:00:00Z");
    inspection_options.add_to(options);
    options.add_option("CERT", files)->required();
    if (const auto exit = parse_options(options, args, usage)) return *exit;
    Settings config;
    const auto settings = inspection_options.load(config, at.has_value());
    if (!settings) return 2;
    std::vector<std::string> trust_problems;
    Inspector inspector(*settings, trust_problems);
    for (const auto& p : trust_problems) log_warning("trust", p);

    std::string unreadable;
    const auto read = certificate_files(files, unreadable);
    if (!read) {
        std::fprintf(stderr, "verify: cannot read %s\n", unreadable.c_str());
        return 2;
    }
    const std::vector<hw::CertificateObject>& certificates = *read;
    std::vector<TextProblem> text_problems;
    const Texts texts = Texts::load(resolve_assets_dir(config) / "i18n", text_problems);
    const hw::Verdict verdict =
        inspector.revocation_enabled()
            ? inspector.judge_with_revocation(certificates, hw::PinState::unknown, std::chrono::system_clock::now())
            : inspector.judge(certificates, hw::PinState::unknown, at.value_or(std::chrono::system_clock::now()));
    if (json_output) {
        nlohmann::json out;
        add_verdict(out, verdict, texts, std::chrono::system_clock::now());
        std::printf("%s\n", out.dump(2).c_str());
        return 0;
    }
    std::printf("verdict:  %s -> %s\n", hw::to_string(verdict.overall), hw::to_string(verdict.recommended_process));
    if (verdict.holder)
        std::printf("holder:   %s, TCKN %s%s\n", verdict.holder->name.c_str(), verdict.holder->tckn_masked.c_str(),
                    verdict.holder->tckn_checksum_ok ? "" : " (checksum fails)");
    for (const auto& c : verdict.certificates) print_certificate(c, texts);
    for (const auto& r : verdict.reasons)
        std::printf("reason:   %s\n          %s\n", format(texts.get(r.key, Lang::tr), r.values).c_str(),
                    format(texts.get(r.key, Lang::en), r.values).c_str());
    for (const auto& w : verdict.warnings) std::printf("warning:  %s\n", format(texts.get(w.key, Lang::tr), w.values).c_str());
    return 0;
}

}  // namespace eimza::cli
