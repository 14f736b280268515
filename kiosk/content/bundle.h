#pragma once
// Signed content bundles: the content directory as a POSIX ustar archive,
// wrapped in CMS SignedData (DER, content attached) signed by the province's
// IT (docs/content.md, "Signed updates"). A bundle is trusted only when it is
// signed by exactly the configured certificate: no CA store takes part.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <openssl/types.h>

#include "kiosk/content/content.h"
#include "kiosk/content/update_status.h"

namespace eimza::content {

// One file of a bundle: "content.yaml" or "processes/<name>.yaml".
struct BundleFile {
    std::string path;
    std::string data;
};

// Packs exactly what the kiosk reads from dir: content.yaml and
// processes/*.yaml, in a fixed order with fixed owners, modes and times, so
// the same content always gives the same archive. Other entries of dir are
// listed in `skipped`; a symbolic link where content is expected is an error.
bool pack_content_dir(const std::filesystem::path& dir, std::string& archive, std::vector<std::string>& skipped,
                      std::string& error);

// Reads an archive written by pack_content_dir (or by `tar --format=ustar`).
// Only regular files and directories named like the content's own are
// accepted: an absolute path, '..', a link or device, an unknown entry or a
// damaged header rejects the whole archive.
bool unpack_archive(std::string_view archive, std::vector<BundleFile>& files, std::string& error);

// Creates the files in dir (existing and empty), syncs them to disk and
// validates them exactly as the kiosk would load them. False only when
// writing failed; content problems are returned in `problems`.
bool write_and_validate(const std::filesystem::path& dir, const std::vector<BundleFile>& files, Content& content,
                        std::vector<Problem>& problems, std::string& error);

// The certificate a bundle must be signed with (PEM or DER file).
class SignerCertificate {
public:
    static std::optional<SignerCertificate> load(const std::filesystem::path& file, std::string& error);
    std::string subject() const;
    X509* get() const { return cert_.get(); }

private:
    std::shared_ptr<X509> cert_;
};

// Signs the archive with the private key (PEM; an encrypted key asks for its
// pass phrase on the terminal) belonging to `cert`.
bool sign_archive(std::string_view archive, const std::filesystem::path& key_file, const SignerCertificate& cert,
                  std::string& bundle, std::string& error);

struct OpenedBundle {
    std::string archive;  // the signed payload
    std::vector<BundleFile> files;
    WallClock signed_at{};  // the signed signingTime attribute
    std::string digest;     // SHA-256 of the archive, hex: identical content, identical digest
};

// Checks a bundle of at most max_bytes: one signer, that signer is `pinned`,
// SHA-2 digest, a signing time, the signature matches the contents; then
// unpacks it. Returns ok, bad_signature or invalid_bundle; `error` says why
// in plain words.
UpdateResult open_bundle(std::string_view bundle, const SignerCertificate& pinned, std::size_t max_bytes,
                         OpenedBundle& out, std::string& error);

}  // namespace eimza::content
