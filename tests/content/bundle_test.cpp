// Signed content bundles and their installation, without the network: a
// throwaway signing key made with OpenSSL, bundles signed at chosen times,
// archives built by hand to carry every unsafe entry, and install_bundle()
// switching a real state directory that load_for_kiosk() then reads.
#include <catch2/catch.hpp>

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "tests/scratch_dir.h"
#include "kiosk/content/bundle.h"
#include "kiosk/content/content_store.h"
#include "kiosk/content/content_update.h"
#include "kiosk/content/update_status.h"
#include "kiosk/base/log.h"
#include "kiosk/base/settings.h"

using namespace eimza::content;
namespace fs = std::filesystem;

namespace {

const fs::path shipped = fs::path(EIMZA_SOURCE_DIR) / "assets" / "content";

using eimza::testing::fresh_dir;

std::string read_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// A signing key and its self-signed certificate, as IT would make with openssl req.
struct TestSigner {
    fs::path key_file, cert_file;
    std::shared_ptr<EVP_PKEY> key;
    std::shared_ptr<X509> cert;
};

TestSigner make_signer(const std::string& name, const std::string& common_name) {
    TestSigner s;
    s.key.reset(EVP_EC_gen("P-256"), EVP_PKEY_free);
    s.cert.reset(X509_new(), X509_free);
    X509* cert = s.cert.get();
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), static_cast<long>(std::hash<std::string>{}(name) & 0x7fffffff));
    X509_gmtime_adj(X509_getm_notBefore(cert), 0);
    X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
    X509_set_pubkey(cert, s.key.get());
    X509_NAME* subject = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(common_name.c_str()),
                               -1, -1, 0);
    X509_set_issuer_name(cert, subject);
    X509_sign(cert, s.key.get(), EVP_sha256());
    const fs::path dir = fresh_dir("signer-" + name);
    s.key_file = dir / "key.pem";
    s.cert_file = dir / "cert.pem";
    FILE* f = std::fopen(s.key_file.c_str(), "w");
    PEM_write_PrivateKey(f, s.key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    std::fclose(f);
    f = std::fopen(s.cert_file.c_str(), "w");
    PEM_write_X509(f, cert);
    std::fclose(f);
    return s;
}

// CMS SignedData over the archive with a chosen signingTime (content-sign
// always uses the current time).
std::string sign_at(const std::string& archive, const TestSigner& signer, std::time_t when,
                    const EVP_MD* digest = EVP_sha256()) {
    BIO* data = BIO_new_mem_buf(archive.data(), static_cast<int>(archive.size()));
    CMS_ContentInfo* cms = CMS_sign(nullptr, nullptr, nullptr, data, CMS_BINARY | CMS_PARTIAL);
    CMS_SignerInfo* si = CMS_add1_signer(cms, signer.cert.get(), signer.key.get(), digest, CMS_BINARY | CMS_NOSMIMECAP);
    ASN1_TIME* time = ASN1_TIME_set(nullptr, when);
    CMS_signed_add1_attr_by_NID(si, NID_pkcs9_signingTime, time->type, time, -1);
    ASN1_TIME_free(time);
    REQUIRE(CMS_final(cms, data, nullptr, CMS_BINARY) == 1);
    BIO* out = BIO_new(BIO_s_mem());
    i2d_CMS_bio(out, cms);
    char* bytes = nullptr;
    const long size = BIO_get_mem_data(out, &bytes);
    std::string bundle(bytes, static_cast<std::size_t>(size));
    BIO_free(out);
    BIO_free(data);
    CMS_ContentInfo_free(cms);
    return bundle;
}

SignerCertificate load_cert(const TestSigner& signer) {
    std::string error;
    auto cert = SignerCertificate::load(signer.cert_file, error);
    REQUIRE(cert);
    return *cert;
}

std::string pack(const fs::path& dir) {
    std::string archive, error;
    std::vector<std::string> skipped;
    REQUIRE(pack_content_dir(dir, archive, skipped, error));
    return archive;
}

// A copy of the shipped content with one text replaced.
fs::path content_variant(const std::string& name, const std::string& from, const std::string& to) {
    const fs::path dir = fresh_dir("content-" + name);
    fs::remove(dir);
    fs::copy(shipped, dir, fs::copy_options::recursive);
    std::string text = read_file(dir / "content.yaml");
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    std::ofstream(dir / "content.yaml") << text;
    return dir;
}

// One ustar entry built by hand, so that the archive can carry what
// pack_content_dir never writes.
std::string tar_entry(const std::string& name, char type, const std::string& data = "",
                      const std::string& magic = std::string("ustar\0", 6)) {
    char block[512] = {};
    std::memcpy(block, name.data(), std::min<std::size_t>(name.size(), 100));
    std::snprintf(block + 100, 8, "%07o", 0644);
    std::snprintf(block + 108, 8, "%07o", 0);
    std::snprintf(block + 116, 8, "%07o", 0);
    std::snprintf(block + 124, 12, "%011lo", static_cast<unsigned long>(data.size()));
    std::snprintf(block + 136, 12, "%011o", 0);
    block[156] = type;
    if (type == '2') std::memcpy(block + 157, "/etc/passwd", 11);
    std::memcpy(block + 257, magic.data(), magic.size());
    std::memcpy(block + 263, "00", 2);
    std::memset(block + 148, ' ', 8);
    unsigned sum = 0;
    for (unsigned char c : block) sum += c;
    std::snprintf(block + 148, 8, "%06o", sum);
    std::string out(block, 512);
    out += data;
    out.append((512 - data.size() % 512) % 512, '\0');
    return out;
}

const std::string kEnd(1024, '\0');

std::string minimal_archive() {
    return tar_entry("content.yaml", '0', "version: x\n") + tar_entry("processes/", '5') +
           tar_entry("processes/renewal.yaml", '0', "id: renewal\n");
}

std::string unpack_error(const std::string& archive) {
    std::vector<BundleFile> files;
    std::string error;
    if (unpack_archive(archive, files, error)) return "accepted";
    return error;
}

std::string link_target(const fs::path& state) { return fs::read_symlink(current_content_link(state)).string(); }

std::vector<std::string> version_dirs(const fs::path& state) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(content_versions_dir(state)))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

constexpr std::time_t kMonday = 1795000000;  // 2026-11-18, any fixed time will do

}  // namespace

TEST_CASE("content-sign's bundle opens with its certificate and holds exactly the content", "[bundle]") {
    const TestSigner it = make_signer("it", "Il Saglik IT");
    const std::string archive = pack(shipped);
    CHECK(pack(shipped) == archive);  // same content, same archive: identical bundles are recognised
    std::string bundle, error;
    REQUIRE(sign_archive(archive, it.key_file, load_cert(it), bundle, error));
    OpenedBundle opened;
    REQUIRE(open_bundle(bundle, load_cert(it), 1 << 22, opened, error) == UpdateResult::ok);
    CHECK(opened.archive == archive);
    CHECK(opened.files.size() == 8);  // content.yaml and seven processes
    CHECK(opened.files[0].path == "content.yaml");
    CHECK(opened.files[0].data == read_file(shipped / "content.yaml"));
    const auto age = std::chrono::system_clock::now() - opened.signed_at;
    CHECK(age < std::chrono::minutes(1));
    CHECK(age > -std::chrono::minutes(1));
    CHECK(opened.digest.size() == 64);
}

TEST_CASE("a bundle not signed by the pinned certificate, or altered, is refused", "[bundle]") {
    const TestSigner it = make_signer("it", "Il Saglik IT");
    const TestSigner other = make_signer("other", "Someone Else");
    const std::string archive = pack(shipped);
    OpenedBundle opened;
    std::string error;

    CHECK(open_bundle(sign_at(archive, other, kMonday), load_cert(it), 1 << 22, opened, error) ==
          UpdateResult::bad_signature);
    CHECK(error.find("signed by CN=Someone Else, not by the configured certificate CN=Il Saglik IT") != std::string::npos);

    std::string altered = sign_at(archive, it, kMonday);
    altered[altered.find("Halk Bankas")] ^= 0x01;
    CHECK(open_bundle(altered, load_cert(it), 1 << 22, opened, error) == UpdateResult::bad_signature);
    CHECK(error.find("altered or damaged") != std::string::npos);

    CHECK(open_bundle(archive, load_cert(it), 1 << 22, opened, error) == UpdateResult::bad_signature);
    CHECK(error.find("not a signed bundle") != std::string::npos);

    CHECK(open_bundle(sign_at(archive, it, kMonday, EVP_sha1()), load_cert(it), 1 << 22, opened, error) ==
          UpdateResult::bad_signature);
    CHECK(error.find("weak") != std::string::npos);

    const std::string good = sign_at(archive, it, kMonday);
    CHECK(open_bundle(good, load_cert(it), good.size() - 1, opened, error) == UpdateResult::invalid_bundle);
    CHECK(error.find("more than max_bytes") != std::string::npos);
    CHECK(open_bundle(good, load_cert(it), good.size(), opened, error) == UpdateResult::ok);
}

TEST_CASE("the archive reader accepts only the content's own regular files", "[bundle]") {
    CHECK(unpack_error(minimal_archive() + kEnd) == "accepted");
    // `tar --format=ustar -C dir -cf - .` writes "./" names; IT may use it.
    CHECK(unpack_error(tar_entry("./", '5') + tar_entry("./content.yaml", '0', "v") + tar_entry("./processes/", '5') +
                       kEnd) == "accepted");

    const std::vector<std::pair<std::string, std::string>> unsafe = {
        {tar_entry("../content.yaml", '0', "x"), "climbs out"},
        {tar_entry("processes/../../evil.yaml", '0', "x"), "climbs out"},
        {tar_entry("/etc/cron.d/evil", '0', "x"), "absolute path"},
        {tar_entry("processes/renewal.yaml", '2'), "symbolic link"},
        {tar_entry("processes/renewal.yaml", '1'), "hard link"},
        {tar_entry("dev", '3'), "device"},
        {tar_entry("PaxHeader", 'x', "30 path=processes/renewal.yaml\n"), "pax"},
        {tar_entry("notes.txt", '0', "x"), "unexpected entry 'notes.txt'"},
        {tar_entry("processes/sub/renewal.yaml", '0', "x"), "unexpected entry"},
        {tar_entry("processes/renewal.yml", '0', "x"), "unexpected entry"},
        {tar_entry("processes//renewal.yaml", '0', "x"), "unsafe name"},
        {tar_entry("content.yaml\\x", '0', "x"), "unsafe name"},
        {tar_entry("content.yaml", '0', "again"), "appears twice"},
        {tar_entry("content.yaml", '0', "x", std::string("pax\0\0\0", 6)), "not in ustar format"},
    };
    for (const auto& [entry, expected] : unsafe) {
        INFO(expected);
        CHECK(unpack_error(minimal_archive() + entry + kEnd).find(expected) != std::string::npos);
    }

    std::string damaged = minimal_archive() + kEnd;
    damaged[10] = 'X';  // inside the first name: the checksum no longer matches
    CHECK(unpack_error(damaged).find("checksum") != std::string::npos);

    std::string huge = tar_entry("content.yaml", '0', "v");
    std::memcpy(&huge[124], "77777777777", 11);  // claims 8 GiB, with a matching checksum
    std::memset(&huge[148], ' ', 8);
    unsigned sum = 0;
    for (int i = 0; i < 512; ++i) sum += static_cast<unsigned char>(huge[static_cast<std::size_t>(i)]);
    std::snprintf(&huge[148], 8, "%06o", sum);
    CHECK(unpack_error(huge + kEnd).find("cut short") != std::string::npos);
    std::string cut = tar_entry("content.yaml", '0', std::string(2000, 'a'));
    CHECK(unpack_error(cut.substr(0, 1024)).find("cut short") != std::string::npos);
    CHECK(unpack_error(minimal_archive()).find("no end-of-archive") != std::string::npos);
    CHECK(unpack_error(minimal_archive() + kEnd + tar_entry("notes.txt", '0', "x")).find("after its end") !=
          std::string::npos);
    CHECK(unpack_error(tar_entry("processes/", '5') + kEnd).find("no content.yaml") != std::string::npos);
    CHECK(unpack_error(minimal_archive() + "x").find("512-byte") != std::string::npos);
    std::string many = tar_entry("content.yaml", '0', "v");
    for (int i = 0; i < 120; ++i) many += tar_entry("processes/p" + std::to_string(i) + ".yaml", '0', "x");
    CHECK(unpack_error(many + kEnd).find("more than 100 entries") != std::string::npos);
}

TEST_CASE("content-sign packs what the kiosk reads and never follows a link", "[bundle]") {
    const fs::path dir = fresh_dir("pack");
    fs::remove(dir);
    fs::copy(shipped, dir, fs::copy_options::recursive);
    std::ofstream(dir / "README.txt") << "notes";
    std::ofstream(dir / "processes" / "draft.md") << "notes";
    std::string archive, error;
    std::vector<std::string> skipped;
    REQUIRE(pack_content_dir(dir, archive, skipped, error));
    CHECK(skipped == std::vector<std::string>{"processes/draft.md", "README.txt"});
    CHECK(archive == pack(shipped));

    fs::remove(dir / "processes" / "renewal.yaml");
    fs::create_symlink("/etc/passwd", dir / "processes" / "renewal.yaml");
    CHECK_FALSE(pack_content_dir(dir, archive, skipped, error));
    CHECK(error.find("symbolic link") != std::string::npos);
    fs::remove_all(dir);
}

TEST_CASE("install_bundle switches content-current atomically and the kiosk notices", "[bundle][install]") {
    eimza::set_log_threshold(eimza::Severity::error);
    const TestSigner it = make_signer("it", "Il Saglik IT");
    const SignerCertificate pinned = load_cert(it);
    const fs::path state = fresh_dir("state");
    const std::size_t max = 1 << 22;

    ContentSettings kiosk;
    kiosk.dir = current_content_link(state);
    kiosk.last_good_dir = state / "content-last-good";
    const auto before = load_for_kiosk(kiosk, shipped);  // no update yet: the shipped content
    REQUIRE(before.content);
    CHECK(before.source == shipped);
    CHECK(installed_version(state).empty());

    const std::string v1 = sign_at(pack(shipped), it, kMonday);
    auto outcome = install_bundle(v1, pinned, state, max);
    REQUIRE(outcome.result == UpdateResult::ok);
    CHECK(outcome.message.find("installed content 2026-11-23 (seeds)") != std::string::npos);
    const std::string first = link_target(state);
    CHECK(first.rfind("content-versions/20261118T", 0) == 0);
    CHECK(installed_version(state) == "2026-11-23 (seeds)");
    CHECK(content_changed_since(before, kiosk, shipped));
    auto loaded = load_for_kiosk(kiosk, shipped);
    REQUIRE(loaded.content);
    CHECK(loaded.source == kiosk.dir);
    CHECK_FALSE(content_changed_since(loaded, kiosk, shipped));
    CHECK((fs::status(state / first).permissions() & fs::perms::others_read) != fs::perms::none);

    SECTION("the same content again, even signed anew, is unchanged") {
        CHECK(install_bundle(v1, pinned, state, max).result == UpdateResult::unchanged);
        CHECK(install_bundle(sign_at(pack(shipped), it, kMonday + 3600), pinned, state, max).result ==
              UpdateResult::unchanged);
        CHECK(link_target(state) == first);
        fs::remove_all(state / first);  // someone removed the current version by hand
        CHECK(install_bundle(v1, pinned, state, max).result == UpdateResult::ok);
        CHECK(fs::exists(state / first / "content.yaml"));
    }

    SECTION("a changed fee is installed, reloaded, and older versions are pruned") {
        const fs::path fee = content_variant("fee", "amount: ~\n    currency: TRY\n    as_of: ~",
                                             "amount: 1234.5\n    currency: TRY\n    as_of: \"2026-11-20\"");
        outcome = install_bundle(sign_at(pack(fee), it, kMonday + 60), pinned, state, max);
        REQUIRE(outcome.result == UpdateResult::ok);
        CHECK(link_target(state) != first);
        REQUIRE(content_changed_since(loaded, kiosk, shipped));
        const auto reloaded = load_for_kiosk(kiosk, shipped);
        REQUIRE(reloaded.content);
        REQUIRE(reloaded.content->fees.at("nes_3y").amount);
        CHECK(*reloaded.content->fees.at("nes_3y").amount == Approx(1234.5));
        CHECK(reloaded.content->fees.at("nes_3y").as_of == "2026-11-20");
        CHECK(fs::exists(state / first / "content.yaml"));  // the previous version is kept

        const fs::path third = content_variant("third", "version: \"2026-11-23 (seeds)\"", "version: \"third\"");
        REQUIRE(install_bundle(sign_at(pack(third), it, kMonday + 120), pinned, state, max).result == UpdateResult::ok);
        CHECK(installed_version(state) == "third");
        CHECK(version_dirs(state).size() == 2);  // current and previous
        CHECK_FALSE(fs::exists(state / first));

        // A replay of an older, correctly signed bundle.
        outcome = install_bundle(v1, pinned, state, max);
        CHECK(outcome.result == UpdateResult::older_bundle);
        CHECK(outcome.message.find("sign it again") != std::string::npos);
        CHECK(installed_version(state) == "third");
        fs::remove_all(fee);
        fs::remove_all(third);
    }

    SECTION("signed but invalid content keeps the current content") {
        const fs::path bad = content_variant("bad-iban", "0000 04\"", "0000 05\"");
        outcome = install_bundle(sign_at(pack(bad), it, kMonday + 60), pinned, state, max);
        CHECK(outcome.result == UpdateResult::invalid_content);
        CHECK(outcome.message.find("content.yaml:") != std::string::npos);
        CHECK(outcome.message.find("IBAN") != std::string::npos);
        CHECK(link_target(state) == first);
        CHECK(version_dirs(state) == std::vector<std::string>{first.substr(std::strlen("content-versions/"))});
        fs::remove_all(bad);
    }

    SECTION("path traversal in a correctly signed bundle writes nothing") {
        const std::string evil = tar_entry("content.yaml", '0', read_file(shipped / "content.yaml")) +
                                 tar_entry("processes/../../../escaped.yaml", '0', "x") + kEnd;
        outcome = install_bundle(sign_at(evil, it, kMonday + 60), pinned, state, max);
        CHECK(outcome.result == UpdateResult::invalid_bundle);
        CHECK(outcome.message.find("climbs out") != std::string::npos);
        CHECK_FALSE(fs::exists(state.parent_path() / "escaped.yaml"));
        CHECK_FALSE(fs::exists(state / "escaped.yaml"));
        CHECK(link_target(state) == first);
    }

    SECTION("leftovers of an interrupted run are cleared by the next one") {
        fs::create_directories(content_versions_dir(state) / ".incoming-abc123" / "processes");
        fs::create_directory_symlink("content-versions/.incoming-abc123", state / ".content-current.new");
        const fs::path fee = content_variant("fee2", "amount: ~\n    currency: TRY\n    as_of: ~",
                                             "amount: 10\n    currency: TRY\n    as_of: \"2026-11-20\"");
        REQUIRE(install_bundle(sign_at(pack(fee), it, kMonday + 60), pinned, state, max).result == UpdateResult::ok);
        CHECK(version_dirs(state).size() == 2);
        CHECK_FALSE(fs::exists(fs::symlink_status(state / ".content-current.new")));
        fs::remove_all(fee);
    }

    SECTION("a bundle from another signer changes nothing") {
        const TestSigner other = make_signer("other", "Someone Else");
        CHECK(install_bundle(sign_at(pack(shipped), other, kMonday + 60), pinned, state, max).result ==
              UpdateResult::bad_signature);
        CHECK(link_target(state) == first);
    }
    fs::remove_all(state);
}

TEST_CASE("the update status file round-trips and tolerates what it does not know", "[bundle][status]") {
    const fs::path dir = fresh_dir("status");
    const fs::path file = update_status_path(dir);
    CHECK(file == dir / "content-update.status");
    CHECK_FALSE(read_update_status(file));  // never ran

    UpdateStatus status;
    status.last_attempt = std::chrono::system_clock::from_time_t(kMonday);
    status.last_success = std::chrono::system_clock::from_time_t(kMonday - 3600);
    status.result = UpdateResult::download_failed;
    status.message = "cannot reach the server\n(connection refused)";
    status.current_version = "2026-11-23";
    std::string error;
    REQUIRE(write_update_status(file, status, error));
    const std::string text = read_file(file);
    CHECK(text.find("result=download_failed\n") != std::string::npos);
    CHECK(text.find("last_attempt=2026-11-18T") != std::string::npos);
    CHECK((fs::status(file).permissions() & fs::perms::others_read) != fs::perms::none);

    std::ofstream(file, std::ios::app) << "future_key=whatever\n";
    const auto back = read_update_status(file);
    REQUIRE(back);
    CHECK(back->result == UpdateResult::download_failed);
    CHECK(back->message == "cannot reach the server (connection refused)");
    CHECK(back->last_attempt == status.last_attempt);
    CHECK(back->last_success == status.last_success);
    CHECK(back->current_version == "2026-11-23");
    CHECK_FALSE(succeeded(back->result));

    status.last_success = {};
    REQUIRE(write_update_status(file, status, error));
    CHECK(read_update_status(file)->last_success == WallClock{});

    for (const char* name : {"ok", "unchanged", "download_failed", "bad_signature", "invalid_bundle",
                             "invalid_content", "older_bundle", "install_failed"}) {
        UpdateResult result;
        REQUIRE(parse_update_result(name, result));
        CHECK(std::string(to_string(result)) == name);
    }
    std::ofstream(file) << "garbage\n";
    CHECK_FALSE(read_update_status(file));
    fs::remove_all(dir);
}

TEST_CASE("content_update configuration", "[bundle][config]") {
    auto parse = [](const std::string& yaml, std::vector<eimza::ConfigProblem>& problems) {
        return eimza::parse_settings(yaml, "kiosk.yaml", problems).content_update;
    };
    std::vector<eimza::ConfigProblem> problems;
    auto settings = parse("", problems);
    CHECK(problems.empty());
    CHECK(settings.url.empty());
    CHECK(settings.state_dir == "/var/lib/eimza-kiosk");
    CHECK(settings.max_bytes == 4 * 1024 * 1024);

    settings = parse("content_update:\n  url: https://il.example/content.p7m\n  signer_cert: /etc/eimza-kiosk/it.pem\n"
                     "  ca_file: /etc/eimza-kiosk/ca.pem\n  timeout_seconds: 20\n  max_bytes: 1000000\n"
                     "  state_dir: /srv/kiosk\n",
                     problems);
    CHECK(problems.empty());
    CHECK(settings.url == "https://il.example/content.p7m");
    CHECK(settings.signer_cert == "/etc/eimza-kiosk/it.pem");
    CHECK(settings.ca_file == "/etc/eimza-kiosk/ca.pem");
    CHECK(settings.timeout_seconds == 20);
    CHECK(settings.max_bytes == 1000000);
    CHECK(settings.state_dir == "/srv/kiosk");
    CHECK(settings.system_bundle_url.empty());

    // The whole-system bundle needs no content signer: rauc checks it against its own keyring.
    settings = parse("content_update:\n  system_bundle_url: https://il.example/eimza/system.raucb\n", problems);
    CHECK(problems.empty());
    CHECK(settings.system_bundle_url == "https://il.example/eimza/system.raucb");
    CHECK(settings.url.empty());

    const std::vector<std::pair<std::string, std::string>> bad = {
        {"content_update:\n  url: http://il.example/c.p7m\n  signer_cert: a\n", "https://"},
        {"content_update:\n  url: https://user:pw@il.example/c.p7m\n  signer_cert: a\n", "password"},
        {"content_update:\n  url: https://il.example/c.p7m\n", "signer_cert is required"},
        {"content_update:\n  system_bundle_url: http://il.example/s.raucb\n", "system_bundle_url must start with https://"},
        {"content_update:\n  system_bundle_url: https://u:p@il.example/s.raucb\n", "password"},
        {"content_update:\n  max_bytes: 10\n", "max_bytes must be between"},
        {"content_update:\n  urll: https://x.example/\n", "unknown key 'urll'"},
        {"content_update: 5\n", "must be a map"},
    };
    for (const auto& [yaml, expected] : bad) {
        problems.clear();
        parse(yaml, problems);
        INFO(yaml);
        REQUIRE(!problems.empty());
        CHECK(problems[0].what.find(expected) != std::string::npos);
    }
}
