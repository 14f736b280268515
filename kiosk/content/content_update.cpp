#include "kiosk/content/content_update.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <memory>
#include <optional>

#include "hw/base/http_client.h"
#include "hw/base/time_text.h"
#include "kiosk/base/durable_file.h"
#include "kiosk/base/log.h"

namespace eimza::content {

namespace fs = std::filesystem;

namespace {

constexpr const char* kLinkTarget = "content-versions/";

// A version directory's name says what it holds: "<signed at>-<16 hex of
// the archive's SHA-256>". Comparing names is how an identical or an older
// bundle is recognised without reading the installed files.
struct VersionName {
    WallClock signed_at{};
    std::string digest;
};

std::string version_name(WallClock signed_at, const std::string& digest) {
    return utc_time_text(signed_at, "%Y%m%dT%H%M%SZ") + "-" + digest.substr(0, 16);
}

std::optional<VersionName> parse_version_name(const std::string& name) {
    std::tm tm{};
    const char* end = strptime(name.c_str(), "%Y%m%dT%H%M%SZ", &tm);
    if (!end || *end != '-' || std::string(end + 1).size() != 16) return std::nullopt;
    return VersionName{std::chrono::system_clock::from_time_t(timegm(&tm)), end + 1};
}

// The version directory content-current points at, if it is one of ours.
std::string current_version_dir(const fs::path& state_dir) {
    std::error_code ec;
    const std::string target = fs::read_symlink(current_content_link(state_dir), ec).string();
    if (ec || target.rfind(kLinkTarget, 0) != 0) return {};
    return target.substr(std::string(kLinkTarget).size());
}

std::string describe(const std::vector<Problem>& problems) {
    const Problem& first = problems.front();
    std::string text = first.file + ":" + std::to_string(first.line) + ": " + first.what + " — " + first.why;
    if (problems.size() > 1) text += " (and " + std::to_string(problems.size() - 1) + " more problems)";
    return text;
}

// Leftovers of a run that was killed half-way: staging directories and the
// new link's temporary name.
void remove_leftovers(const fs::path& state_dir) {
    std::error_code ec;
    fs::remove(state_dir / ".content-current.new", ec);
    for (const auto& entry : fs::directory_iterator(content_versions_dir(state_dir), ec))
        if (entry.path().filename().string().rfind(".incoming-", 0) == 0) fs::remove_all(entry.path(), ec);
}

}  // namespace

void parse_content_update_section(const YAML::Node& node, ContentUpdateSettings& out, std::vector<ConfigProblem>& problems) {
    reject_unknown_keys(node, {"url", "system_bundle_url", "signer_cert", "ca_file", "timeout_seconds", "max_bytes", "state_dir"},
                        "content_update", problems);
    std::string text;
    auto read_url = [&](const char* key, std::string& url) {
        if (!read_string(node, key, text, problems)) return;
        const auto authority_end = text.find('/', 8);
        if (text.rfind("https://", 0) != 0)
            problems.push_back({node[key].Mark().line + 1, std::string(key) + " must start with https://"});
        else if (text.substr(0, authority_end).find('@') != std::string::npos)
            problems.push_back({node[key].Mark().line + 1, std::string(key) + " must not carry a user name or password"});
        else
            url = text;
    };
    read_url("url", out.url);
    read_url("system_bundle_url", out.system_bundle_url);
    if (read_string(node, "signer_cert", text, problems)) out.signer_cert = text;
    if (read_string(node, "ca_file", text, problems)) out.ca_file = text;
    if (read_string(node, "state_dir", text, problems)) out.state_dir = text;
    read_int(node, "timeout_seconds", out.timeout_seconds, 1, 3600, problems);
    read_int(node, "max_bytes", out.max_bytes, 64 * 1024, 256 * 1024 * 1024, problems);
    if (!out.url.empty() && out.signer_cert.empty())
        problems.push_back({node.Mark().line + 1, "signer_cert is required with url: a bundle is checked against it"});
}

fs::path current_content_link(const fs::path& state_dir) { return state_dir / "content-current"; }
fs::path content_versions_dir(const fs::path& state_dir) { return state_dir / "content-versions"; }

UpdateOutcome download_bundle(const ContentUpdateSettings& settings, std::string& bundle) {
    bundle.clear();
    HttpPolicy policy;
    policy.max_redirects = 3;
    policy.timeout = std::chrono::seconds(settings.timeout_seconds);
    policy.max_bytes = static_cast<std::size_t>(settings.max_bytes);
    policy.ca_file = settings.ca_file;
    policy.user_agent = "eimza-kiosk/" EIMZA_VERSION " content-update";
    hw::Bytes data;
    const HttpResult result = http_request(policy, settings.url, data);
    const std::string& why = result.detail;
    switch (result.outcome) {
        case HttpOutcome::ok: break;
        case HttpOutcome::too_large:
            return {UpdateResult::invalid_bundle,
                    "the bundle is larger than max_bytes (" + std::to_string(settings.max_bytes) + " bytes)"};
        case HttpOutcome::timed_out:
            return {UpdateResult::download_failed,
                    "no complete answer within " + std::to_string(settings.timeout_seconds) + " s (" + why + ")"};
        case HttpOutcome::untrusted:
            return {UpdateResult::download_failed,
                    "the server's TLS certificate is not trusted" +
                        (settings.ca_file.empty() ? std::string(" by the system's CAs") : " by " + settings.ca_file.string()) +
                        " (" + why + ")"};
        case HttpOutcome::unreachable: return {UpdateResult::download_failed, "cannot reach the server (" + why + ")"};
        case HttpOutcome::failed: return {UpdateResult::download_failed, "download failed (" + why + ")"};
    }
    if (result.status != 200)
        return {UpdateResult::download_failed, "the server answered HTTP " + std::to_string(result.status)};
    bundle.assign(data.begin(), data.end());
    return {UpdateResult::ok, std::to_string(bundle.size()) + " bytes downloaded"};
}

std::string installed_version(const fs::path& state_dir) {
    std::error_code ec;
    const fs::path dir = fs::canonical(current_content_link(state_dir), ec);
    if (ec) return {};
    std::vector<Problem> problems;
    const Content content = load_content(dir, problems);
    return problems.empty() ? content.version : std::string();
}

UpdateOutcome install_bundle(std::string_view bundle, const SignerCertificate& signer, const fs::path& state_dir,
                             std::size_t max_bytes) {
    OpenedBundle opened;
    std::string error;
    const UpdateResult opened_as = open_bundle(bundle, signer, max_bytes, opened, error);
    if (opened_as != UpdateResult::ok) return {opened_as, error};

    const std::string previous = current_version_dir(state_dir);
    const std::string name = version_name(opened.signed_at, opened.digest);
    std::error_code ec;
    // A current directory someone removed is installed again, not "unchanged".
    const bool previous_present = fs::exists(content_versions_dir(state_dir) / previous / "content.yaml", ec);
    if (const auto current = parse_version_name(previous)) {
        if (current->digest == opened.digest.substr(0, 16) && previous_present)
            return {UpdateResult::unchanged, "the published bundle holds the current content (" + previous + ")"};
        if (opened.signed_at < current->signed_at)
            return {UpdateResult::older_bundle, "the bundle was signed at " + format_utc(opened.signed_at) +
                                                    ", before the current content (signed at " +
                                                    format_utc(current->signed_at) +
                                                    "); to go back to it, sign it again"};
    }

    const fs::path versions = content_versions_dir(state_dir);
    fs::create_directories(versions, ec);
    remove_leftovers(state_dir);
    std::string staging = (versions / ".incoming-XXXXXX").string();
    if (!mkdtemp(staging.data())) return {UpdateResult::install_failed, "cannot create a directory in " + versions.string()};
    auto discard = [&] { fs::remove_all(staging, ec); };
    // mkdtemp makes 0700; the kiosk runs as another user and must read it.
    fs::permissions(staging, fs::perms(0755), ec);
    Content content;
    std::vector<Problem> problems;
    if (!write_and_validate(staging, opened.files, content, problems, error)) {
        discard();
        return {UpdateResult::install_failed, error};
    }
    if (!problems.empty()) {
        discard();
        return {UpdateResult::invalid_content, "the content does not validate: " + describe(problems)};
    }

    const fs::path final_dir = versions / name;
    fs::remove_all(final_dir, ec);  // an earlier, interrupted install of this very bundle
    fs::rename(staging, final_dir, ec);
    if (ec || !sync_directory(versions, error)) {
        discard();
        return {UpdateResult::install_failed, "cannot install " + final_dir.string() + ": " + (ec ? ec.message() : error)};
    }
    // The switch: a new link under a temporary name, renamed over the old one.
    const fs::path link = current_content_link(state_dir);
    const fs::path new_link = state_dir / ".content-current.new";
    fs::remove(new_link, ec);
    fs::create_directory_symlink(kLinkTarget + name, new_link, ec);
    if (!ec) fs::rename(new_link, link, ec);
    if (ec || !sync_directory(state_dir, error))
        return {UpdateResult::install_failed, "cannot switch " + link.string() + ": " + (ec ? ec.message() : error)};

    for (const auto& entry : fs::directory_iterator(versions, ec)) {
        const std::string entry_name = entry.path().filename().string();
        if (entry_name != name && entry_name != previous) fs::remove_all(entry.path(), ec);
    }
    return {UpdateResult::ok, "installed content " + content.version + " signed at " + format_utc(opened.signed_at) +
                                  " by " + signer.subject() + " (" + name + ")"};
}

UpdateOutcome run_content_update(const ContentUpdateSettings& settings, const SignerCertificate& signer) {
    UpdateOutcome outcome;
    std::error_code ec;
    fs::create_directories(settings.state_dir, ec);
    const fs::path lock_file = settings.state_dir / "content-update.lock";
    const int lock = ::open(lock_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    // A second run (timer and IT by hand) waits for the first: both would
    // otherwise prune each other's directories.
    if (lock < 0 || ::flock(lock, LOCK_EX) != 0) {
        outcome = {UpdateResult::install_failed, "cannot lock " + lock_file.string() + " (is the state directory writable?)"};
    } else {
        std::string bundle;
        outcome = download_bundle(settings, bundle);
        if (outcome.result == UpdateResult::ok)
            outcome = install_bundle(bundle, signer, settings.state_dir, static_cast<std::size_t>(settings.max_bytes));
    }

    const auto now = std::chrono::system_clock::now();
    UpdateStatus status;
    status.last_attempt = now;
    status.result = outcome.result;
    status.message = outcome.message;
    status.current_version = installed_version(settings.state_dir);
    const auto previous = read_update_status(update_status_path(settings.state_dir));
    status.last_success = succeeded(outcome.result) ? now : previous ? previous->last_success : WallClock{};
    std::string error;
    if (!write_update_status(update_status_path(settings.state_dir), status, error))
        log_error("content-update", "cannot write the status file: " + error);
    if (lock >= 0) ::close(lock);
    return outcome;
}

}  // namespace eimza::content
