#include "kiosk/fleet/provision.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>

#include "hw/cert/verdict_engine.h"
#include "kiosk/base/run_command.h"
#include "kiosk/base/settings.h"

namespace eimza::fleet {

namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t kSector = 512;

std::uint64_t little_endian(const unsigned char* bytes, int count) {
    std::uint64_t value = 0;
    for (int i = count - 1; i >= 0; --i) value = (value << 8) | bytes[i];
    return value;
}

bool read_at(int fd, unsigned char* buffer, std::size_t size, std::uint64_t offset) {
    return pread(fd, buffer, size, static_cast<off_t>(offset)) == static_cast<ssize_t>(size);
}

// The GPT name field: UTF-16LE, padded with zeros. Our names are ASCII.
std::string partition_name(const unsigned char* field) {
    std::string name;
    for (int i = 0; i < 72; i += 2) {
        const unsigned unit = field[i] | (field[i + 1] << 8);
        if (unit == 0) break;
        name += unit < 0x80 ? static_cast<char>(unit) : '?';
    }
    return name;
}

class Fd {
public:
    explicit Fd(int fd) : fd_(fd) {}
    ~Fd() {
        if (fd_ >= 0) close(fd_);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return fd_; }

private:
    int fd_;
};

// A path the configuration names, relative to the site directory when it
// lies there (and so must come with the site), else nullopt.
std::optional<fs::path> in_site_dir(const std::string& path) {
    if (path.empty()) return std::nullopt;
    const fs::path relative = fs::path(path).lexically_normal().lexically_relative(kSiteConfigDir);
    if (relative.empty() || relative == "." || *relative.begin() == "..") return std::nullopt;
    return relative;
}

// File names become debugfs arguments and stay plain for IT to read.
bool plain_name(const std::string& name) {
    return !name.empty() && name[0] != '.' && std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
    });
}

// Copies a file or a directory's plain files (not deeper) into the site.
bool copy_in(const fs::path& from, const fs::path& to, std::vector<std::string>& problems) {
    std::error_code ec;
    if (fs::is_regular_file(from, ec)) {
        fs::create_directories(to.parent_path(), ec);
        if (!fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec)) {
            problems.push_back(from.string() + ": cannot copy: " + ec.message());
            return false;
        }
        fs::permissions(to, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read,
                        ec);
        return true;
    }
    if (!fs::is_directory(from, ec)) {
        problems.push_back(from.string() + ": not found");
        return false;
    }
    fs::create_directories(to, ec);
    bool ok = true;
    for (const auto& entry : fs::directory_iterator(from, ec)) {
        if (!entry.is_regular_file()) continue;
        const std::string name = entry.path().filename().string();
        if (!plain_name(name)) {
            problems.push_back(entry.path().string() + ": file names may hold only letters, digits, '.', '_' and '-'");
            ok = false;
            continue;
        }
        ok = copy_in(entry.path(), to / name, problems) && ok;
    }
    return ok;
}

// The site's own requirements: what makes it a hospital's kiosk rather than
// the generic image. Missing keys have no line to point at.
void check_site(const Settings& settings, std::vector<std::string>& problems) {
    const std::string file = settings.file.string();
    if (settings.site.name.empty()) problems.push_back(file + ": site.name is required: the hospital this kiosk serves");
    if (!settings.site.configured)
        problems.push_back(file + ": site.configured: false is the generic image's; remove it");
    if (settings.admin.pin_hash.empty())
        problems.push_back(file + ": admin.pin_hash is required (eimza-kiosk admin-pin-hash makes it): IT needs the admin screen");
    if (settings.printer_setup.device_uri.empty())
        problems.push_back(file + ": printing.device_uri is required: the site's printer");
    if (in_site_dir(settings.verdict.trust_dir) != fs::path("trust"))
        problems.push_back(file + ": verdict.trust_dir must be " + kSiteConfigDir + "/trust, where --trust DIR goes");
}

bool write_printer_conf(const Settings& settings, const fs::path& to, std::vector<std::string>& problems) {
    std::ofstream out(to);
    out << "# The printer eimza-site-printer makes the queue for at boot; written by eimza-kiosk provision.\n"
        << "queue=" << settings.printing.queue << "\n"
        << "device_uri=" << settings.printer_setup.device_uri << "\n"
        << "model=" << settings.printer_setup.model << "\n";
    out.close();
    if (!out) problems.push_back(to.string() + ": cannot write");
    return static_cast<bool>(out);
}

// Files staged by a user other than root belong to root on the kiosk.
bool give_to_root(const fs::path& image, const fs::path& staged, std::vector<std::string>& problems) {
    const fs::path script = image.string() + ".debugfs";
    {
        std::ofstream out(script);
        for (const auto& entry : fs::recursive_directory_iterator(staged)) {
            const std::string path = "/" + entry.path().lexically_relative(staged).string();
            out << "sif " << path << " uid 0\nsif " << path << " gid 0\n";
        }
    }
    std::string output;
    const int code = run_command({"/usr/sbin/debugfs", "-w", "-f", script.string(), image.string()}, &output);
    if (code != 0) problems.push_back("debugfs failed (" + std::to_string(code) + "): " + output);
    return code == 0;
}

bool all_zero(const std::vector<char>& buffer, std::size_t size) {
    return std::all_of(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(size), [](char c) { return c == 0; });
}

// Writes the file system into the partition; blocks of zeros become holes,
// so a sparse disk image stays sparse.
bool write_partition(const fs::path& image, const fs::path& disk, const DiskPartition& part,
                     std::vector<std::string>& problems) {
    Fd in(open(image.c_str(), O_RDONLY | O_CLOEXEC));
    Fd out(open(disk.c_str(), O_RDWR | O_CLOEXEC));
    if (in.get() < 0 || out.get() < 0) {
        problems.push_back(disk.string() + ": cannot open for writing");
        return false;
    }
    std::vector<char> buffer(1 << 20);
    for (std::uint64_t done = 0; done < part.size;) {
        const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), part.size - done));
        const ssize_t got = pread(in.get(), buffer.data(), want, static_cast<off_t>(done));
        if (got <= 0) {
            problems.push_back(image.string() + ": short read");
            return false;
        }
        const auto size = static_cast<std::size_t>(got);
        const off_t at = static_cast<off_t>(part.offset + done);
        const bool hole = all_zero(buffer, size) &&
                          fallocate(out.get(), FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, at, static_cast<off_t>(size)) == 0;
        if (!hole && pwrite(out.get(), buffer.data(), size, at) != got) {
            problems.push_back(disk.string() + ": write failed");
            return false;
        }
        done += size;
    }
    if (fsync(out.get()) != 0) {
        problems.push_back(disk.string() + ": fsync failed");
        return false;
    }
    return true;
}

}  // namespace

std::optional<DiskPartition> find_gpt_partition(const fs::path& disk, const std::string& name, std::string& error) {
    Fd fd(open(disk.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
        error = disk.string() + ": cannot open";
        return std::nullopt;
    }
    std::array<unsigned char, kSector> header{};
    if (!read_at(fd.get(), header.data(), header.size(), kSector) ||
        std::string(reinterpret_cast<const char*>(header.data()), 8) != "EFI PART") {
        error = disk.string() + ": no GPT (a disk image with 512-byte sectors is expected)";
        return std::nullopt;
    }
    const std::uint64_t entries_at = little_endian(&header[72], 8) * kSector;
    const std::uint64_t count = little_endian(&header[80], 4);
    const std::uint64_t entry_size = little_endian(&header[84], 4);
    if (entry_size < 128 || entry_size > 4096 || count > 1024) {
        error = disk.string() + ": GPT header is damaged";
        return std::nullopt;
    }
    std::vector<unsigned char> entry(entry_size);
    for (std::uint64_t i = 0; i < count; ++i) {
        if (!read_at(fd.get(), entry.data(), entry.size(), entries_at + i * entry_size)) break;
        const std::uint64_t first = little_endian(&entry[32], 8);
        const std::uint64_t last = little_endian(&entry[40], 8);
        if (first == 0 || last < first || partition_name(&entry[56]) != name) continue;
        const off_t disk_size = lseek(fd.get(), 0, SEEK_END);
        if (disk_size < 0 || (last + 1) * kSector > static_cast<std::uint64_t>(disk_size)) {
            error = disk.string() + ": partition " + name + " runs past the end of the disk";
            return std::nullopt;
        }
        return DiskPartition{first * kSector, (last - first + 1) * kSector};
    }
    error = disk.string() + ": no partition named " + name + " (is this the eimza-kiosk disk.img?)";
    return std::nullopt;
}

bool stage_site(const ProvisionRequest& request, const fs::path& site_dir, std::vector<std::string>& problems) {
    std::vector<ConfigProblem> config_problems;
    const Settings settings = load_settings(request.config, config_problems);
    for (const auto& p : config_problems) problems.push_back(describe(request.config, p));
    if (problems.empty()) check_site(settings, problems);
    if (!problems.empty()) return false;

    std::error_code ec;
    fs::create_directories(site_dir, ec);
    copy_in(request.config, site_dir / "kiosk.yaml", problems);
    write_printer_conf(settings, site_dir / "printer.conf", problems);

    const fs::path beside = request.config.parent_path().empty() ? fs::path(".") : request.config.parent_path();
    const fs::path trust = request.trust.empty() ? beside / "trust" : request.trust;
    std::vector<std::string> trust_problems;
    const hw::TrustStore store = hw::TrustStore::load({trust.string()}, {}, trust_problems);
    for (const auto& p : trust_problems) problems.push_back(trust.string() + ": " + p);
    if (store.anchors.empty()) problems.push_back(trust.string() + ": no trust anchor (the site's root certificates, PEM or DER)");
    else if (trust_problems.empty()) copy_in(trust, site_dir / "trust", problems);

    // Files the configuration names in the site directory come from beside SITE.yaml.
    for (const std::string& named : {settings.verdict.intermediates_dir, settings.content_update.signer_cert.string(),
                                     settings.content_update.ca_file.string()}) {
        const auto relative = in_site_dir(named);
        if (!relative) continue;
        if (!std::all_of(relative->begin(), relative->end(), [](const fs::path& part) { return plain_name(part.string()); })) {
            problems.push_back(named + ": file names may hold only letters, digits, '.', '_' and '-'");
            continue;
        }
        copy_in(beside / *relative, site_dir / *relative, problems);
    }
    // Who may scrape the metrics (the firewall includes it; docs/monitoring.md).
    if (fs::exists(beside / "firewall-monitoring.nft", ec))
        copy_in(beside / "firewall-monitoring.nft", site_dir / "firewall-monitoring.nft", problems);
    return problems.empty();
}

bool provision(const ProvisionRequest& request, std::vector<std::string>& problems) {
    std::string error;
    const auto part = find_gpt_partition(request.disk, kDataPartitionName, error);
    if (!part) {
        problems.push_back(error);
        return false;
    }
    std::string pattern = (fs::temp_directory_path() / "eimza-provision.XXXXXX").string();
    if (!mkdtemp(pattern.data())) {
        problems.push_back("cannot make a temporary directory in " + fs::temp_directory_path().string());
        return false;
    }
    const fs::path work = pattern;
    const fs::path staged = work / "data";
    const fs::path image = work / "data.ext4";
    bool ok = stage_site(request, staged / "site", problems);
    if (ok) {
        std::string output;
        const int code = run_command({"/usr/sbin/mke2fs", "-q", "-F", "-t", "ext4", "-L", kDataPartitionName, "-E",
                                      "root_owner=0:0", "-d", staged.string(), image.string(),
                                      std::to_string(part->size / 1024) + "k"},
                                     &output);
        if (code != 0) problems.push_back("mke2fs failed (" + std::to_string(code) + "): " + output);
        ok = code == 0 && give_to_root(image, staged, problems) && write_partition(image, request.disk, *part, problems);
    }
    std::error_code ec;
    fs::remove_all(work, ec);
    return ok;
}

}  // namespace eimza::fleet
