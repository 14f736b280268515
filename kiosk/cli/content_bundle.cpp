// Signed content updates from the command line: content-sign and
// content-verify for the province's IT, content-update for the systemd timer.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "kiosk/cli/options.h"
#include "kiosk/content/bundle.h"
#include "kiosk/content/content_store.h"
#include "kiosk/content/content_update.h"
#include "kiosk/base/durable_file.h"
#include "kiosk/base/log.h"
#include "kiosk/base/settings.h"

namespace eimza::cli {

namespace {


void print_problems(const std::vector<content::Problem>& problems, const std::string& where) {
    for (const auto& p : problems)
        std::printf("%s%s:%d: %s — %s\n", where.c_str(), p.file.c_str(), p.line, p.what.c_str(), p.why.c_str());
}

// Validates bundle files exactly as a kiosk will: written to a scratch
// directory and loaded from there. False when the scratch directory failed.
bool validate_files(const std::vector<content::BundleFile>& files, content::Content& loaded,
                    std::vector<content::Problem>& problems, std::string& error) {
    std::string scratch = (std::filesystem::temp_directory_path() / "eimza-content-check-XXXXXX").string();
    if (!mkdtemp(scratch.data())) {
        error = "cannot create a temporary directory";
        return false;
    }
    const bool written = content::write_and_validate(scratch, files, loaded, problems, error);
    std::error_code ec;
    std::filesystem::remove_all(scratch, ec);
    return written;
}

}  // namespace

int content_sign(const Args& args) {
    std::string key, cert, out, dir;
    CLI::App options{"", "content-sign"};
    options.add_option("--key", key)->required();
    options.add_option("--cert", cert)->required();
    options.add_option("--out", out)->required();
    options.add_option("DIR", dir)->required();
    if (const auto exit = parse_options(
            options, args,
            usage_text("Usage: eimza-kiosk content-sign --key KEY.pem --cert CERT.pem --out BUNDLE DIR\n"
                       "Validates the content directory DIR, packs content.yaml and processes/*.yaml and signs\n"
                       "them (CMS SignedData, DER) with KEY.pem, the private key of CERT.pem.\n"
                       "Exit codes: 0 written, 1 the content does not validate or signing failed, 2 usage.\n")))
        return *exit;
    std::string error, archive, bundle;
    const auto signer = content::SignerCertificate::load(cert, error);
    if (!signer) {
        std::fprintf(stderr, "content-sign: %s\n", error.c_str());
        return 2;
    }
    // What is checked is what was packed, read back as a kiosk reads it.
    std::vector<std::string> skipped;
    std::vector<content::BundleFile> files;
    if (!content::pack_content_dir(dir, archive, skipped, error) || !content::unpack_archive(archive, files, error)) {
        std::fprintf(stderr, "content-sign: %s\n", error.c_str());
        return 1;
    }
    for (const auto& name : skipped) std::printf("not packed (the kiosk does not read it): %s\n", name.c_str());
    content::Content loaded;
    std::vector<content::Problem> problems;
    if (!validate_files(files, loaded, problems, error)) {
        std::fprintf(stderr, "content-sign: %s\n", error.c_str());
        return 1;
    }
    if (!problems.empty()) {
        print_problems(problems, dir + "/");
        std::printf("not signed: %zu problem(s) in %s\n", problems.size(), dir.c_str());
        return 1;
    }
    if (!content::sign_archive(archive, key, *signer, bundle, error)) {
        std::fprintf(stderr, "content-sign: %s\n", error.c_str());
        return 1;
    }
    if (!write_file_atomically(out, bundle, 0644, error)) {
        std::fprintf(stderr, "content-sign: %s\n", error.c_str());
        return 1;
    }
    std::printf("%s: content %s (%zu processes) signed by %s, %zu bytes\n", out.c_str(), loaded.version.c_str(),
                loaded.processes.size(), signer->subject().c_str(), bundle.size());
    return 0;
}

int content_verify(const Args& args) {
    std::string cert, file;
    int max_bytes = content::ContentUpdateSettings{}.max_bytes;
    CLI::App options{"", "content-verify"};
    options.add_option("--cert", cert)->required();
    options.add_option("--max-bytes", max_bytes)->check(above_zero());
    options.add_option("BUNDLE", file)->required();
    if (const auto exit = parse_options(
            options, args,
            usage_text("Usage: eimza-kiosk content-verify --cert CERT.pem [--max-bytes N] BUNDLE\n"
                       "Checks that BUNDLE is intact, signed by exactly CERT.pem (no CA is consulted), holds only\n"
                       "content files, and that the content validates as check-content would.\n"
                       "Exit codes: 0 all good, 1 a check failed (printed in plain words), 2 usage or unreadable "
                       "files.\n")))
        return *exit;
    std::string error;
    const auto signer = content::SignerCertificate::load(cert, error);
    if (!signer) {
        std::fprintf(stderr, "content-verify: %s\n", error.c_str());
        return 2;
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "content-verify: cannot read %s\n", file.c_str());
        return 2;
    }
    const std::string bundle(std::istreambuf_iterator<char>(in), {});
    content::OpenedBundle opened;
    const auto result = content::open_bundle(bundle, *signer, static_cast<std::size_t>(max_bytes), opened, error);
    if (result == content::UpdateResult::bad_signature) {
        std::printf("%s: signature NOT accepted: %s\n", file.c_str(), error.c_str());
        return 1;
    }
    if (result != content::UpdateResult::ok) {
        std::printf("%s: bundle NOT accepted: %s\n", file.c_str(), error.c_str());
        return 1;
    }
    std::printf("%s: signature ok (signed at %s by %s)\n", file.c_str(), content::format_utc(opened.signed_at).c_str(),
                signer->subject().c_str());
    std::printf("%s: archive ok (%zu files, sha256 %s)\n", file.c_str(), opened.files.size(), opened.digest.c_str());

    content::Content loaded;
    std::vector<content::Problem> problems;
    if (!validate_files(opened.files, loaded, problems, error)) {
        std::fprintf(stderr, "content-verify: %s\n", error.c_str());
        return 2;
    }
    if (!problems.empty()) {
        print_problems(problems, "");
        std::printf("%s: content NOT valid: %zu problem(s)\n", file.c_str(), problems.size());
        return 1;
    }
    std::printf("%s: content valid (version %s; %zu processes, %zu accounts, %zu fees)\n", file.c_str(),
                loaded.version.c_str(), loaded.processes.size(), loaded.accounts.size(), loaded.fees.size());
    return 0;
}

int content_update(const Args& args) {
    std::string config_file;
    const char* usage =
        "Usage: eimza-kiosk content-update [--config FILE]\n"
        "Fetches the signed content bundle from content_update.url and installs it when it is\n"
        "newer, correctly signed and valid (docs/content.md). Run by eimza-kiosk-content-update.timer.\n"
        "FILE defaults to /etc/eimza-kiosk/kiosk.yaml.\n"
        "Exit codes: 0 installed, unchanged or updates not configured; 1 the update failed and\n"
        "the current content stays; 2 usage or configuration error.\n";
    CLI::App options{"", "content-update"};
    add_config_option(options, config_file);
    if (const auto exit = parse_options(options, args, usage_text(usage))) return *exit;
    config_file = config_file_or_default(config_file);
    Settings config;
    if (!load_cli_settings(config_file, config)) return 2;
    const content::ContentUpdateSettings& settings = config.content_update;
    const content::ContentSettings& content_settings = config.content;
    if (settings.url.empty()) {
        log_info("content-update", "content updates are not configured (no content_update.url)");
        return 0;
    }
    // Installing content the kiosk never reads would look like success.
    std::error_code ec;
    if (std::filesystem::weakly_canonical(content_settings.dir, ec) !=
        std::filesystem::weakly_canonical(content::current_content_link(settings.state_dir), ec))
        log_warning("content-update", "the kiosk does not read updated content: set content.dir to " +
                                          content::current_content_link(settings.state_dir).string());
    std::string error;
    const auto signer = content::SignerCertificate::load(settings.signer_cert, error);
    if (!signer) {
        log_error("content-update", "content_update.signer_cert: " + error);
        return 2;
    }
    const auto outcome = content::run_content_update(settings, *signer);
    const std::string line = std::string(content::to_string(outcome.result)) + ": " + outcome.message;
    if (content::succeeded(outcome.result)) {
        log_info("content-update", line);
        return 0;
    }
    log_error("content-update", line + "; the current content stays");
    return 1;
}

}  // namespace eimza::cli
