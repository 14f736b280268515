// eimza-kiosk provision on a small GPT disk image made with sfdisk: the site
// directory written into the data partition (read back with debugfs), the
// other partitions untouched, and every site problem refused with FILE:LINE
// before the disk is changed.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/scratch_dir.h"
#include "kiosk/admin/admin_pin.h"
#include "kiosk/base/settings.h"
#include "kiosk/base/run_command.h"
#include "kiosk/fleet/provision.h"

using namespace eimza;
namespace fs = std::filesystem;

namespace {

using eimza::testing::fresh_dir;

void write_file(const fs::path& file, const std::string& text) {
    fs::create_directories(file.parent_path());
    std::ofstream(file) << text;
}

std::string read_bytes(const fs::path& file, std::uint64_t offset, std::size_t size) {
    std::ifstream in(file, std::ios::binary);
    in.seekg(static_cast<std::streamoff>(offset));
    std::string bytes(size, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(size));
    return bytes;
}

// The generic image's shape: ESP, root, data (image/build.sh), in 12 MiB.
fs::path make_disk(const fs::path& dir) {
    const fs::path disk = dir / "disk.img";
    {
        std::ofstream out(disk);
    }
    fs::resize_file(disk, 12u << 20);
    write_file(dir / "layout",
               "label: gpt\n"
               "start=1MiB, size=2MiB, type=uefi, name=eimza-esp\n"
               "size=3MiB, type=linux, name=eimza-root\n"
               "size=5MiB, type=linux, name=eimza-data\n");
    std::string output;
    REQUIRE(run_command({"/bin/sh", "-c", "/usr/sbin/sfdisk -q \"$0\" <\"$1\"", disk.string(), (dir / "layout").string()},
                        &output) == 0);
    // Something in the root partition that provisioning must not touch.
    std::fstream out(disk, std::ios::binary | std::ios::in | std::ios::out);
    out.seekp(3 << 20);
    out << "ROOT-PARTITION-CONTENT";
    return disk;
}

std::string debugfs(const fs::path& disk, std::uint64_t offset, const std::string& request) {
    std::string output;
    run_command({"/usr/sbin/debugfs", "-R", request, disk.string() + "?offset=" + std::to_string(offset)}, &output);
    return output;
}

const std::string& pin_hash() {
    static const std::string hash = admin::hash_pin("481516");
    return hash;
}

// A complete site: the test's anchor is a Kamu SM certificate fixture.
fs::path make_site(const fs::path& dir, const std::string& extra = "") {
    const fs::path site = dir / "site.yaml";
    write_file(site, "site:\n"
                     "  name: Test Şehir Hastanesi\n"
                     "admin:\n"
                     "  pin_hash: \"" + pin_hash() + "\"\n"
                     "printing:\n"
                     "  queue: eimza\n"
                     "  device_uri: ipp://192.168.1.20/ipp/print\n"
                     "content:\n"
                     "  lost_stolen_route: representative\n"
                     "content_update:\n"
                     "  url: https://il-saglik.example/eimza/content.p7m\n"
                     "  signer_cert: /etc/eimza-kiosk/content-signer.pem\n" +
                         extra);
    fs::create_directories(dir / "trust");
    fs::copy_file(fs::path(EIMZA_SOURCE_DIR) / "tests/cert/fixtures/kamusm-nes-v3-issuing-ca.der",
                  dir / "trust/kamusm-root.der", fs::copy_options::overwrite_existing);
    fs::copy_file(fs::path(EIMZA_SOURCE_DIR) / "tests/cert/fixtures/kamusm-nes-v3-issuing-ca.der",
                  dir / "content-signer.pem", fs::copy_options::overwrite_existing);
    return site;
}

bool mentions(const std::vector<std::string>& problems, const std::string& text) {
    for (const auto& p : problems)
        if (p.find(text) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("find_gpt_partition finds the data partition by its GPT name") {
    const fs::path dir = fresh_dir("gpt");
    const fs::path disk = make_disk(dir);
    std::string error;
    const auto data = fleet::find_gpt_partition(disk, "eimza-data", error);
    REQUIRE(data);
    CHECK(data->offset == 6u << 20);
    CHECK(data->size == 5u << 20);
    CHECK_FALSE(fleet::find_gpt_partition(disk, "eimza-nothing", error));
    CHECK(error.find("no partition named eimza-nothing") != std::string::npos);
    write_file(dir / "not-a-disk", std::string(4096, 'x'));
    CHECK_FALSE(fleet::find_gpt_partition(dir / "not-a-disk", "eimza-data", error));
    CHECK(error.find("no GPT") != std::string::npos);
}

TEST_CASE("provision writes the site directory into the data partition only") {
    const fs::path dir = fresh_dir("write");
    const fs::path disk = make_disk(dir);
    const fs::path site = make_site(dir);
    const std::string gpt_before = read_bytes(disk, 0, 1 << 20);
    std::vector<std::string> problems;
    REQUIRE(fleet::provision({site, dir / "trust", disk}, problems));
    CHECK(problems.empty());

    const std::uint64_t data = 6u << 20;
    const std::string yaml = debugfs(disk, data, "cat /site/kiosk.yaml");
    CHECK(yaml.find("Test Şehir Hastanesi") != std::string::npos);
    CHECK(yaml.find(pin_hash()) != std::string::npos);
    const std::string printer = debugfs(disk, data, "cat /site/printer.conf");
    CHECK(printer.find("queue=eimza\n") != std::string::npos);
    CHECK(printer.find("device_uri=ipp://192.168.1.20/ipp/print\n") != std::string::npos);
    CHECK(printer.find("model=everywhere\n") != std::string::npos);  // IPP: driverless
    CHECK(debugfs(disk, data, "ls -l /site/trust").find("kamusm-root.der") != std::string::npos);
    CHECK(debugfs(disk, data, "ls -l /site").find("content-signer.pem") != std::string::npos);
    // Owned by root on the kiosk whoever ran provision.
    const std::string stat = debugfs(disk, data, "stat /site/kiosk.yaml");
    CHECK(stat.find("User:     0") != std::string::npos);
    CHECK(stat.find("Group:     0") != std::string::npos);
    CHECK(debugfs(disk, data, "stats").find("Filesystem volume name:   eimza-data") != std::string::npos);

    CHECK(read_bytes(disk, 0, 1 << 20) == gpt_before);
    CHECK(read_bytes(disk, 3 << 20, 22) == "ROOT-PARTITION-CONTENT");
}

TEST_CASE("provision refuses an incomplete site with FILE:LINE and leaves the disk alone") {
    const fs::path dir = fresh_dir("refuse");
    const fs::path disk = make_disk(dir);
    const fs::path site = dir / "site.yaml";
    write_file(site, "kiosk:\n  language: tr\nprinting:\n  queue: eimza\n  device_uri: socket://192.168.1.20:9100\n");
    fs::create_directories(dir / "trust");
    const std::string before = read_bytes(disk, 0, 12u << 20);
    std::vector<std::string> problems;
    CHECK_FALSE(fleet::provision({site, dir / "trust", disk}, problems));
    CHECK(mentions(problems, site.string() + ":5: a printer without IPP needs printing.model"));
    CHECK(read_bytes(disk, 0, 12u << 20) == before);

    problems.clear();
    write_file(site, "kiosk:\n  language: tr\n");
    CHECK_FALSE(fleet::provision({site, dir / "trust", disk}, problems));
    CHECK(mentions(problems, "site.name is required"));
    CHECK(mentions(problems, "admin.pin_hash is required"));
    CHECK(mentions(problems, "printing.device_uri is required"));

    problems.clear();
    const fs::path complete = make_site(dir);
    fs::remove_all(dir / "trust");
    fs::create_directories(dir / "trust");
    CHECK_FALSE(fleet::provision({complete, dir / "trust", disk}, problems));
    CHECK(mentions(problems, "no trust anchor"));

    problems.clear();
    make_site(dir);
    fs::remove(dir / "content-signer.pem");
    CHECK_FALSE(fleet::provision({complete, dir / "trust", disk}, problems));
    CHECK(mentions(problems, "content-signer.pem: not found"));

    problems.clear();
    write_file(site, "site:\n  name: X\n  configured: false\n");
    CHECK_FALSE(fleet::provision({site, dir / "trust", disk}, problems));
    CHECK(mentions(problems, site.string() + ": site.configured: false"));

    problems.clear();
    write_file(site, "site:\n  name: X\n  colour: red\n");
    CHECK_FALSE(fleet::provision({site, dir / "trust", disk}, problems));
    CHECK(mentions(problems, site.string() + ":3:"));
    CHECK(read_bytes(disk, 0, 12u << 20) == before);
}

TEST_CASE("provision refuses a disk without the data partition") {
    const fs::path dir = fresh_dir("nodata");
    const fs::path disk = dir / "disk.img";
    {
        std::ofstream out(disk);
    }
    fs::resize_file(disk, 4u << 20);
    write_file(dir / "layout", "label: gpt\nstart=1MiB, size=2MiB, type=uefi, name=eimza-esp\n");
    REQUIRE(run_command({"/bin/sh", "-c", "/usr/sbin/sfdisk -q \"$0\" <\"$1\"", disk.string(), (dir / "layout").string()}) ==
            0);
    std::vector<std::string> problems;
    CHECK_FALSE(fleet::provision({make_site(dir), dir / "trust", disk}, problems));
    CHECK(mentions(problems, "no partition named eimza-data"));
}

TEST_CASE("printing.device_uri and model: driverless for IPP, a model otherwise, one word each") {
    auto setup = [](const std::string& text, std::vector<ConfigProblem>& problems) {
        return parse_settings(text, "k.yaml", problems).printer_setup;
    };
    std::vector<ConfigProblem> problems;
    CHECK(setup("printing: {device_uri: ipps://p.lan/ipp/print}", problems).model == "everywhere");
    CHECK(setup("printing: {device_uri: socket://10.0.0.5:9100, model: drv:///sample.drv/generic.ppd}", problems).model ==
          "drv:///sample.drv/generic.ppd");
    CHECK(problems.empty());
    CHECK(setup("printing: {device_uri: \"file:///etc/shadow\"}", problems).device_uri.empty());
    CHECK(setup("printing: {device_uri: \"ipp://a b/\"}", problems).device_uri.empty());
    CHECK(setup("printing: {device_uri: \"socket://p:9100\", model: \"x; rm\"}", problems).device_uri.empty());
    CHECK(problems.size() == 4);
    problems.clear();
    parse_settings("printing: {queue: \"a b\"}", "k.yaml", problems);
    CHECK(problems.size() == 1);
}

TEST_CASE("site section: configured defaults to true, the generic image says false") {
    std::vector<ConfigProblem> problems;
    CHECK(parse_settings("kiosk: {language: tr}", "k.yaml", problems).site.configured);
    const SiteConfig generic = load_settings(fs::path(EIMZA_SOURCE_DIR) / "image/package/kiosk.yaml", problems).site;
    CHECK_FALSE(generic.configured);
    CHECK(problems.empty());
}
