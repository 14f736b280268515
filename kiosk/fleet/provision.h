#pragma once
// Provisioning: one generic image, made a site's kiosk by writing the site's
// configuration onto the data partition of a copy of it (docs/fleet.md).
// Needs neither root nor loop devices: the data file system is made in a
// file with e2fsprogs and written into the disk image at the partition's
// offset, found through the GPT.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace eimza::fleet {

struct DiskPartition {
    std::uint64_t offset = 0;  // bytes from the start of the disk
    std::uint64_t size = 0;    // bytes
};

// The partition whose GPT name is name, in a disk image with 512-byte sectors.
std::optional<DiskPartition> find_gpt_partition(const std::filesystem::path& disk, const std::string& name,
                                                std::string& error);

// Where the site's configuration lives on the kiosk: eimza-persist-setup
// binds the data partition's site/ here.
inline constexpr const char* kSiteConfigDir = "/etc/eimza-kiosk";
// The data partition's GPT name (image/build.sh).
inline constexpr const char* kDataPartitionName = "eimza-data";

struct ProvisionRequest {
    std::filesystem::path config;  // SITE.yaml
    std::filesystem::path trust;   // the site's trust anchors (PEM or DER)
    std::filesystem::path disk;    // a copy of the generic disk.img
};

// The site directory as it will be on the kiosk: kiosk.yaml, trust/, the
// printer the queue is made for (printer.conf), and every other file the
// configuration names under /etc/eimza-kiosk, taken from next to SITE.yaml.
// Problems are "FILE:LINE: what" for IT; false when there is any.
bool stage_site(const ProvisionRequest& request, const std::filesystem::path& site_dir,
                std::vector<std::string>& problems);

// Checks the site, then writes a fresh data partition holding only the site
// directory into request.disk. A site with any problem leaves the disk unchanged.
bool provision(const ProvisionRequest& request, std::vector<std::string>& problems);

}  // namespace eimza::fleet
