#pragma once
// What IT sees on the admin screen besides the live State: facts gathered
// from disk, CUPS and the kernel on a worker thread. Nothing personal is
// collected: card facts are the ATR and the module, never what the card holds.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "hw/cert/revocation.h"
#include "hw/print/cups_printer.h"
#include "hw/token/reader_triage.h"
#include "hw/token/token_config.h"
#include "hw/token/token_snapshot.h"
#include "kiosk/content/update_status.h"
#include "kiosk/fleet/system_slot.h"

namespace eimza::admin {

struct TrustAnchor {
    std::string subject;  // CN
    std::chrono::system_clock::time_point not_after{};
};

struct Diagnostics {
    std::chrono::system_clock::time_point collected_at{};
    std::string app_version;
    std::string last_card_module;  // the PKCS#11 module the last card's ATR maps to
    hw::ReaderScan readers;         // USB readers and the drivers that list them (reader triage)
    std::string print_queue;
    hw::PrinterStatus printer;
    std::string trust_dir;
    std::vector<TrustAnchor> anchors;
    std::vector<std::string> anchor_problems;  // files that are no certificate: for the journal, counted on screen
    std::vector<hw::CachedCrl> crls;
    bool clock_synchronised = false;      // the kernel's view (adjtimex)
    bool timesyncd_synchronised = false;  // systemd-timesyncd reached a time server
    std::uint64_t disk_free_bytes = 0, disk_total_bytes = 0;  // of the state directory
    std::chrono::seconds system_uptime{0};
    std::optional<content::UpdateStatus> content_update;  // nullopt: no update has run
    fleet::SystemSlot system;  // the root slot running, its version, the last whole-system update
};

struct DiagnosticsSources {
    std::string print_queue;
    std::string trust_dir;
    std::string crl_cache_dir;
    std::filesystem::path state_dir;
    hw::TokenConfig token;
    std::optional<hw::Bytes> last_atr;
    hw::TriagePaths reader_paths;
};

// Blocking (CUPS, disk): call from a worker.
Diagnostics collect_diagnostics(const DiagnosticsSources& sources);

}  // namespace eimza::admin
