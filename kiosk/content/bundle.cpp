#include "kiosk/content/bundle.h"

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iterator>
#include <set>

#include "hw/base/openssl_ptr.h"
#include "kiosk/base/durable_file.h"

namespace eimza::content {

namespace {

using CmsPtr = CPtr<CMS_ContentInfo, CMS_ContentInfo_free>;

// ---- the archive: a strict subset of POSIX ustar ---------------------------

constexpr std::size_t kBlock = 512;
// Seven processes and content.yaml: a hundred entries is far beyond real content.
constexpr std::size_t kMaxEntries = 100;

// Header field offsets and widths (POSIX.1-1988 ustar).
struct Field {
    std::size_t offset, width;
};
constexpr Field kName{0, 100}, kMode{100, 8}, kUid{108, 8}, kGid{116, 8}, kSize{124, 12}, kMtime{136, 12},
    kChecksum{148, 8}, kType{156, 1}, kMagic{257, 6}, kVersion{263, 2}, kPrefix{345, 155};

void put_octal(char* block, Field field, std::uint64_t value) {
    std::snprintf(block + field.offset, field.width, "%0*llo", static_cast<int>(field.width - 1),
                  static_cast<unsigned long long>(value));
}

unsigned header_checksum(const char* block) {
    unsigned sum = 0;
    for (std::size_t i = 0; i < kBlock; ++i) {
        const bool in_field = i >= kChecksum.offset && i < kChecksum.offset + kChecksum.width;
        sum += in_field ? ' ' : static_cast<unsigned char>(block[i]);
    }
    return sum;
}

void append_entry(std::string& archive, const std::string& name, char type, std::string_view data) {
    char block[kBlock] = {};
    std::memcpy(block + kName.offset, name.data(), name.size());
    put_octal(block, kMode, type == '5' ? 0755 : 0644);
    put_octal(block, kUid, 0);
    put_octal(block, kGid, 0);
    put_octal(block, kSize, data.size());
    put_octal(block, kMtime, 0);
    block[kType.offset] = type;
    std::memcpy(block + kMagic.offset, "ustar", 6);
    std::memcpy(block + kVersion.offset, "00", 2);
    std::snprintf(block + kChecksum.offset, kChecksum.width, "%06o", header_checksum(block));
    block[kChecksum.offset + 7] = ' ';
    archive.append(block, kBlock);
    archive.append(data);
    archive.append((kBlock - data.size() % kBlock) % kBlock, '\0');
}

std::string field_text(const char* block, Field field) {
    const char* start = block + field.offset;
    return std::string(start, strnlen(start, field.width));
}

// Octal digits, optionally space-padded and NUL- or space-terminated. The
// base-256 form (high bit set) is never needed for content and is refused.
bool field_octal(const char* block, Field field, std::uint64_t& out) {
    const char* f = block + field.offset;
    std::size_t i = 0;
    while (i < field.width && f[i] == ' ') ++i;
    std::uint64_t value = 0;
    bool digits = false;
    for (; i < field.width && f[i] >= '0' && f[i] <= '7'; ++i) {
        value = value * 8 + static_cast<std::uint64_t>(f[i] - '0');
        digits = true;
    }
    for (; i < field.width; ++i)
        if (f[i] != '\0' && f[i] != ' ') return false;
    out = value;
    return digits;
}

bool all_zero(std::string_view bytes) {
    return std::all_of(bytes.begin(), bytes.end(), [](char c) { return c == '\0'; });
}

bool safe_name(std::string_view name) {
    return !name.empty() && name != "." && name != ".." && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
               c == '.';
    });
}

// "processes/<name>.yaml" with a plain name: the only files besides content.yaml.
bool is_process_file(std::string_view path) {
    constexpr std::string_view dir = "processes/", ext = ".yaml";
    if (path.size() <= dir.size() + ext.size() || path.substr(0, dir.size()) != dir ||
        path.substr(path.size() - ext.size()) != ext)
        return false;
    const std::string_view stem = path.substr(dir.size(), path.size() - dir.size() - ext.size());
    return std::all_of(stem.begin(), stem.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

const char* type_words(char type) {
    switch (type) {
        case '1': return "a hard link";
        case '2': return "a symbolic link";
        case '3': case '4': return "a device file";
        case '6': return "a FIFO";
        case 'x': case 'g': return "a pax extended header";
        case 'L': case 'K': return "a GNU long-name header";
        default: return "of an unknown type";
    }
}

// Checks one entry's path. Directories may end in '/'; tar's "./" prefix is
// allowed because `tar -C dir .` writes it.
bool check_path(std::string path, bool directory, std::string& normalized, std::string& error) {
    const std::string shown = path;
    if (path.rfind("./", 0) == 0) path.erase(0, 2);
    if (directory && !path.empty() && path.back() == '/') path.pop_back();
    if (!path.empty() && path[0] == '/') {
        error = "entry '" + shown + "' has an absolute path";
        return false;
    }
    std::size_t start = 0;
    while (!path.empty() && start <= path.size()) {
        const auto end = std::min(path.find('/', start), path.size());
        const std::string_view part = std::string_view(path).substr(start, end - start);
        if (part == "..") {
            error = "entry '" + shown + "' climbs out of the content directory ('..')";
            return false;
        }
        if (!safe_name(part)) {
            error = "entry '" + shown + "' has an unsafe name (empty or '.' parts, or characters other than A-Z a-z 0-9 . _ -)";
            return false;
        }
        start = end + 1;
    }
    normalized = path;
    return true;
}

std::string read_whole(const std::filesystem::path& file, std::string& error) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        error = "cannot read " + file.string();
        return {};
    }
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string openssl_reason() {
    const unsigned long code = ERR_peek_last_error();
    ERR_clear_error();
    if (!code) return "";
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    return text;
}

std::string hex_sha256(std::string_view data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(), nullptr);
    static const char* kHex = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < size; ++i) {
        out += kHex[digest[i] >> 4];
        out += kHex[digest[i] & 15];
    }
    return out;
}

std::string subject_of(X509* cert) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    X509_NAME_print_ex(bio.get(), X509_get_subject_name(cert), 0, XN_FLAG_RFC2253);
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
}

std::optional<WallClock> signing_time(CMS_SignerInfo* si) {
    const int index = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1);
    if (index < 0) return std::nullopt;
    const ASN1_TYPE* value = X509_ATTRIBUTE_get0_type(CMS_signed_get_attr(si, index), 0);
    if (!value || (value->type != V_ASN1_UTCTIME && value->type != V_ASN1_GENERALIZEDTIME)) return std::nullopt;
    std::tm tm{};
    if (ASN1_TIME_to_tm(value->value.asn1_string, &tm) != 1) return std::nullopt;
    return std::chrono::system_clock::from_time_t(timegm(&tm));
}

}  // namespace

bool pack_content_dir(const std::filesystem::path& dir, std::string& archive, std::vector<std::string>& skipped,
                      std::string& error) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        error = dir.string() + " is not a directory";
        return false;
    }
    // A link could pull in a file from anywhere on IT's machine.
    auto regular = [&](const fs::path& path) {
        const auto status = fs::symlink_status(path, ec);
        if (fs::is_regular_file(status)) return true;
        error = path.string() + (fs::is_symlink(status) ? " is a symbolic link; copy the file itself into the content"
                                                        : " is not a regular file");
        return false;
    };
    auto sorted_entries = [&](const fs::path& d) {
        std::vector<fs::path> entries;
        for (const auto& entry : fs::directory_iterator(d, ec)) entries.push_back(entry.path());
        std::sort(entries.begin(), entries.end());
        return entries;
    };
    if (!regular(dir / "content.yaml")) return false;
    std::string facts = read_whole(dir / "content.yaml", error);
    if (!error.empty()) return false;
    archive.clear();
    append_entry(archive, "content.yaml", '0', facts);

    const fs::path processes = dir / "processes";
    if (fs::is_symlink(fs::symlink_status(processes, ec)) || !fs::is_directory(processes, ec)) {
        error = processes.string() + " is not a directory (a symbolic link is not followed)";
        return false;
    }
    append_entry(archive, "processes/", '5', {});
    for (const auto& entry : sorted_entries(processes)) {
        const std::string path = "processes/" + entry.filename().string();
        if (!is_process_file(path)) {
            skipped.push_back(path);
            continue;
        }
        if (!regular(entry)) return false;
        const std::string data = read_whole(entry, error);
        if (!error.empty()) return false;
        append_entry(archive, path, '0', data);
    }
    for (const auto& entry : sorted_entries(dir)) {
        const std::string name = entry.filename().string();
        if (name != "content.yaml" && name != "processes") skipped.push_back(name);
    }
    archive.append(2 * kBlock, '\0');
    return true;
}

bool unpack_archive(std::string_view archive, std::vector<BundleFile>& files, std::string& error) {
    files.clear();
    if (archive.size() % kBlock != 0) {
        error = "the archive is not a whole number of 512-byte tar blocks";
        return false;
    }
    std::set<std::string> seen;
    std::size_t at = 0;
    bool ended = false;
    while (at < archive.size()) {
        const std::string_view header = archive.substr(at, kBlock);
        if (all_zero(header)) {
            ended = true;
            break;
        }
        if (seen.size() >= kMaxEntries) {
            error = "the archive has more than " + std::to_string(kMaxEntries) + " entries";
            return false;
        }
        const char* block = header.data();
        std::uint64_t stored = 0, size = 0;
        if (!field_octal(block, kChecksum, stored) || stored != header_checksum(block)) {
            error = "tar header " + std::to_string(seen.size() + 1) + " is damaged (checksum)";
            return false;
        }
        const std::string magic = field_text(block, kMagic);
        if (magic != "ustar" && magic != "ustar ") {
            error = "tar header " + std::to_string(seen.size() + 1) + " is not in ustar format";
            return false;
        }
        if (!field_octal(block, kSize, size)) {
            error = "tar header " + std::to_string(seen.size() + 1) + " has an unreadable size";
            return false;
        }
        const std::string prefix = field_text(block, kPrefix);
        const std::string name = (prefix.empty() ? "" : prefix + "/") + field_text(block, kName);
        const char type = block[kType.offset];
        at += kBlock;
        if (type != '0' && type != '\0' && type != '5') {
            error = "entry '" + name + "' is " + type_words(type) + "; a bundle holds regular files only";
            return false;
        }
        const bool directory = type == '5';
        std::string path;
        if (!check_path(name, directory, path, error)) return false;
        if (size > archive.size() - at) {
            error = "entry '" + name + "' is cut short: the archive ends inside it";
            return false;
        }
        if (directory ? (size != 0 || (!path.empty() && path != "processes"))
                      : (path != "content.yaml" && !is_process_file(path))) {
            error = "unexpected entry '" + name + "': a bundle holds content.yaml and processes/*.yaml only";
            return false;
        }
        if (!seen.insert(directory ? path + "/" : path).second) {
            error = "entry '" + name + "' appears twice";
            return false;
        }
        if (!directory) files.push_back({path, std::string(archive.substr(at, size))});
        at += (size + kBlock - 1) / kBlock * kBlock;
    }
    if (!ended) {
        error = "the archive is cut short (no end-of-archive blocks)";
        return false;
    }
    if (!all_zero(archive.substr(at))) {
        error = "the archive has data after its end";
        return false;
    }
    if (!seen.count("content.yaml")) {
        error = "the archive has no content.yaml";
        return false;
    }
    return true;
}

bool write_and_validate(const std::filesystem::path& dir, const std::vector<BundleFile>& files, Content& content,
                        std::vector<Problem>& problems, std::string& error) {
    const std::filesystem::path processes = dir / "processes";
    std::error_code ec;
    if (!std::filesystem::create_directory(processes, ec) || ec) {
        error = "cannot create " + processes.string() + ": " + ec.message();
        return false;
    }
    std::filesystem::permissions(processes, std::filesystem::perms(0755), ec);
    for (const auto& file : files)
        if (!write_new_file(dir / file.path, file.data, 0644, error)) return false;
    if (!sync_directory(processes, error) || !sync_directory(dir, error)) return false;
    content = load_content(dir, problems);
    return true;
}

std::optional<SignerCertificate> SignerCertificate::load(const std::filesystem::path& file, std::string& error) {
    const std::string data = read_whole(file, error);
    if (!error.empty()) return std::nullopt;
    BioPtr bio(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
    X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr);
    if (!cert) {
        const auto* p = reinterpret_cast<const unsigned char*>(data.data());
        cert = d2i_X509(nullptr, &p, static_cast<long>(data.size()));
    }
    ERR_clear_error();
    if (!cert) {
        error = file.string() + " holds no certificate (PEM or DER)";
        return std::nullopt;
    }
    SignerCertificate out;
    out.cert_.reset(cert, X509_free);
    return out;
}

std::string SignerCertificate::subject() const { return subject_of(cert_.get()); }

bool sign_archive(std::string_view archive, const std::filesystem::path& key_file, const SignerCertificate& cert,
                  std::string& bundle, std::string& error) {
    const std::string pem = read_whole(key_file, error);
    if (!error.empty()) return false;
    BioPtr key_bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    KeyPtr key(PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr));
    if (!key) {
        error = key_file.string() + " holds no private key we can read (PEM; wrong pass phrase?) " + openssl_reason();
        return false;
    }
    if (X509_check_private_key(cert.get(), key.get()) != 1) {
        ERR_clear_error();
        error = key_file.string() + " is not the key of the certificate " + cert.subject();
        return false;
    }
    BioPtr data(BIO_new_mem_buf(archive.data(), static_cast<int>(archive.size())));
    CmsPtr cms(CMS_sign(cert.get(), key.get(), nullptr, data.get(), CMS_BINARY | CMS_NOSMIMECAP));
    BioPtr out(BIO_new(BIO_s_mem()));
    if (!cms || i2d_CMS_bio(out.get(), cms.get()) != 1) {
        error = "signing failed: " + openssl_reason();
        return false;
    }
    char* bytes = nullptr;
    const long size = BIO_get_mem_data(out.get(), &bytes);
    bundle.assign(bytes, static_cast<std::size_t>(size));
    return true;
}

UpdateResult open_bundle(std::string_view bundle, const SignerCertificate& pinned, std::size_t max_bytes,
                         OpenedBundle& out, std::string& error) {
    if (bundle.size() > max_bytes) {
        error = "the bundle is " + std::to_string(bundle.size()) + " bytes, more than max_bytes (" +
                std::to_string(max_bytes) + ")";
        return UpdateResult::invalid_bundle;
    }
    BioPtr in(BIO_new_mem_buf(bundle.data(), static_cast<int>(bundle.size())));
    CmsPtr cms(d2i_CMS_bio(in.get(), nullptr));
    ERR_clear_error();
    if (!cms || OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed) {
        error = "not a signed bundle (expected CMS SignedData in DER)";
        return UpdateResult::bad_signature;
    }
    ASN1_OCTET_STRING** content = CMS_get0_content(cms.get());
    if (!content || !*content || OBJ_obj2nid(CMS_get0_eContentType(cms.get())) != NID_pkcs7_data) {
        error = "the signature carries no content (a detached signature is not a bundle)";
        return UpdateResult::bad_signature;
    }
    STACK_OF(CMS_SignerInfo)* signers = CMS_get0_SignerInfos(cms.get());
    if (sk_CMS_SignerInfo_num(signers) != 1) {
        error = "the bundle has " + std::to_string(sk_CMS_SignerInfo_num(signers)) + " signatures; exactly one is expected";
        return UpdateResult::bad_signature;
    }
    CMS_SignerInfo* si = sk_CMS_SignerInfo_value(signers, 0);
    if (CMS_SignerInfo_cert_cmp(si, pinned.get()) != 0) {
        std::string who = "an unknown certificate";
        X509StackPtr embedded(CMS_get1_certs(cms.get()));
        for (int i = 0; i < sk_X509_num(embedded.get()); ++i)
            if (CMS_SignerInfo_cert_cmp(si, sk_X509_value(embedded.get(), i)) == 0)
                who = subject_of(sk_X509_value(embedded.get(), i));
        error = "signed by " + who + ", not by the configured certificate " + pinned.subject();
        return UpdateResult::bad_signature;
    }
    X509_ALGOR* digest = nullptr;
    CMS_SignerInfo_get0_algs(si, nullptr, nullptr, &digest, nullptr);
    const int digest_nid = digest ? OBJ_obj2nid(digest->algorithm) : NID_undef;
    if (digest_nid != NID_sha256 && digest_nid != NID_sha384 && digest_nid != NID_sha512) {
        error = "the signature uses a weak or unknown digest (SHA-256, -384 or -512 required)";
        return UpdateResult::bad_signature;
    }
    // The signer is pinned, so its certificate is not checked against any CA
    // (CMS_NO_SIGNER_CERT_VERIFY), and only the pinned certificate is used to
    // check the signature, never one carried inside the bundle (CMS_NOINTERN).
    X509StackPtr pinned_only(sk_X509_new_null());
    sk_X509_push(pinned_only.get(), X509_dup(pinned.get()));
    BioPtr payload(BIO_new(BIO_s_mem()));
    if (CMS_verify(cms.get(), pinned_only.get(), nullptr, nullptr, payload.get(),
                   CMS_NO_SIGNER_CERT_VERIFY | CMS_NOINTERN | CMS_BINARY) != 1) {
        ERR_clear_error();
        error = "the signature does not match the contents: the bundle was altered or damaged";
        return UpdateResult::bad_signature;
    }
    const auto signed_at = signing_time(si);
    if (!signed_at) {
        error = "the signature carries no signing time (sign with content-sign, or openssl cms without -noattr)";
        return UpdateResult::bad_signature;
    }
    char* bytes = nullptr;
    const long size = BIO_get_mem_data(payload.get(), &bytes);
    out.archive.assign(bytes, static_cast<std::size_t>(size));
    out.signed_at = *signed_at;
    out.digest = hex_sha256(out.archive);
    if (!unpack_archive(out.archive, out.files, error)) return UpdateResult::invalid_bundle;
    return UpdateResult::ok;
}

}  // namespace eimza::content
