# shellcheck shell=bash
# Sourced by the image tests.
# data_partition DISK: "OFFSET BYTES" of the disk's eimza-data partition
# (found through the GPT).
data_partition() {
  sfdisk -J "$1" | /usr/bin/python3 -c '
import json, sys
table = json.load(sys.stdin)["partitiontable"]
part = next(p for p in table["partitions"] if p.get("name") == "eimza-data")
print(part["start"] * table["sectorsize"], part["size"] * table["sectorsize"])'
}

# write_data_partition DISK STAGE: the disk's eimza-data partition becomes an
# ext4 file system holding STAGE's files, written in place as the kiosk would
# find it at boot.
write_data_partition() {
  local disk=$1 stage=$2 offset bytes scratch
  read -r offset bytes < <(data_partition "$disk")
  scratch=$(mktemp "$(dirname "$disk")/data.XXXXXX.ext4")
  truncate -s "$bytes" "$scratch"
  mkfs.ext4 -q -F -L eimza-data -d "$stage" "$scratch" &&
    dd if="$scratch" of="$disk" bs=1M oflag=seek_bytes seek="$offset" conv=notrunc,sparse status=none
  local written=$?
  rm -f "$scratch"
  return "$written"
}
