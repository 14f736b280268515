#pragma once
// Signed content updates (`eimza-kiosk content-update`, run by a systemd
// timer): download the province's bundle over HTTPS, check its signature
// against the pinned certificate, validate the content, and switch to it
// atomically. Anything short of a complete, valid, correctly signed and newer
// bundle keeps the current content; the outcome goes to the status file.
//
// State directory layout (default /var/lib/eimza-kiosk):
//   content-current -> content-versions/<signed at>-<digest>   the kiosk's content.dir
//   content-versions/<signed at>-<digest>/   the current and the previous version
//   content-update.status                    kiosk/content/update_status.h
//   content-update.lock                      one run at a time
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/content/bundle.h"
#include "kiosk/content/update_status.h"
#include "kiosk/base/config.h"

namespace eimza::content {

struct ContentUpdateSettings {
    std::string url;                      // https:// only; empty: updates are off
    // The whole-system update (rauc bundle, docs/fleet.md) on the same terms:
    // https:// only, ca_file; empty: no system updates.
    std::string system_bundle_url;
    std::filesystem::path signer_cert;    // the only certificate a bundle may be signed with
    std::filesystem::path ca_file;        // the HTTPS server's CA; empty: the system's CAs
    int timeout_seconds = 60;             // the whole download
    int max_bytes = 4 * 1024 * 1024;      // larger bundles are refused unread
    std::filesystem::path state_dir = "/var/lib/eimza-kiosk";
};

// The `content_update` section.
void parse_content_update_section(const YAML::Node& map, ContentUpdateSettings& out,
                                  std::vector<ConfigProblem>& problems);

std::filesystem::path current_content_link(const std::filesystem::path& state_dir);
std::filesystem::path content_versions_dir(const std::filesystem::path& state_dir);

struct UpdateOutcome {
    UpdateResult result = UpdateResult::ok;
    std::string message;  // plain words for IT
};

// GETs the bundle: HTTPS only (redirects too), the configured CA, the
// timeout and the size limit. Returns ok, download_failed or invalid_bundle
// (too large).
UpdateOutcome download_bundle(const ContentUpdateSettings& settings, std::string& bundle);

// Checks a downloaded bundle and, when it is new, installs it: unpacked into
// a fresh directory, synced to disk and validated there, then the
// content-current link is replaced by rename(2) — the kiosk sees the old or
// the new version, never a mix — and versions older than the previous one are
// removed. The caller holds the lock.
UpdateOutcome install_bundle(std::string_view bundle, const SignerCertificate& signer,
                             const std::filesystem::path& state_dir, std::size_t max_bytes);

// The version (content.yaml's `version`) content-current holds; empty when none.
std::string installed_version(const std::filesystem::path& state_dir);

// One whole run for the timer: lock, download, install, status file.
UpdateOutcome run_content_update(const ContentUpdateSettings& settings, const SignerCertificate& signer);

}  // namespace eimza::content
