#include "screens/samples.h"

#include <ctime>
#include <functional>
#include <map>

#include "hw/base/time_text.h"
#include "hw/cert/verdict_config.h"
#include "kiosk/admin/diagnostics.h"
#include "kiosk/model/update.h"

namespace eimza::screens {

namespace {

using std::chrono::hours;
using Wall = std::chrono::system_clock::time_point;

constexpr auto kDay = hours(24);

State base(TimePoint now) {
    State state;
    state.reader_service = ReaderService::ok;
    state.readers = {"Virtual PCD 00 00"};
    state.last_activity = now;
    return state;
}

hw::CertificateVerdict certificate(Wall wall_now, long days_left, hw::CertRole role) {
    hw::CertificateVerdict cert;
    cert.subject = "C=TR, serialNumber=10000000146, CN=Ayşe Yılmaz Şahin";
    cert.issuer = "C=TR, O=Kamu Sertifikasyon Merkezi, CN=Kamu Elektronik Sertifika Hizmet Sağlayıcısı";
    cert.not_after = wall_now + days_left * kDay + hours(3);
    cert.not_before = cert.not_after - 3 * 365 * kDay;
    cert.days_left = days_left;
    cert.role = role;
    cert.qualified = role == hw::CertRole::nes;
    cert.chain = hw::ChainStatus::ok;
    cert.revocation.status = hw::RevocationStatus::good;
    cert.revocation.source = hw::RevocationSource::ocsp;
    cert.revocation.checked_at = wall_now - std::chrono::seconds(4);
    // The issuing CA, asked by its root's CRL, and the root IT installed.
    hw::PathCertificate ca;
    ca.subject = "C=TR, O=Kamu Sertifikasyon Merkezi, CN=Kamu SM NES Sertifika Hizmet Sağlayıcısı - Sürüm 3";
    ca.not_before = wall_now - 2000 * kDay;
    ca.not_after = wall_now + 1650 * kDay;
    ca.revocation.status = hw::RevocationStatus::good;
    ca.revocation.source = hw::RevocationSource::crl;
    ca.revocation.checked_at = wall_now - std::chrono::seconds(4);
    ca.revocation.this_update = wall_now - hours(5);
    ca.revocation.next_update = wall_now + hours(19);
    hw::PathCertificate root;
    root.subject = "C=TR, O=Kamu Sertifikasyon Merkezi, CN=Kamu SM Kök Sertifika Hizmet Sağlayıcısı - Sürüm 3";
    root.not_before = wall_now - 4000 * kDay;
    root.not_after = wall_now + 4000 * kDay;
    root.anchor = true;
    cert.path = {ca, root};
    return cert;
}

hw::Reason reason(std::string key, std::map<std::string, std::string> values = {}) {
    return hw::Reason{std::move(key), std::move(values)};
}

// The bus as the reader triage sees it: libccid installed, and one USB
// reader (supported or not) or none.
// A found queue, accepting jobs, in an IPP printer-state with CUPS's reasons.
hw::PrinterStatus printer(int state, const std::string& reasons) {
    return {true, state, true, reasons, hw::printer_reasons(reasons)};
}

hw::ReaderScan bus(std::optional<hw::UsbReader> reader) {
    hw::ReaderScan scan;
    scan.drivers = {{"ifd-ccid.bundle", 1129}};
    if (reader) scan.usb = {*reader};
    scan.pcscd_socket = true;
    return scan;
}

const hw::UsbReader kQemuReader{"1-1", 0x08E6, 0x4433, "USB SmartCard Reader", true, "ifd-ccid.bundle"};
const hw::UsbReader kUnsupportedReader{"1-2", 0x0A5C, 0x5834, "5880", true, ""};

// No reader listed by pcscd, the bus as given.
State without_reader(TimePoint now, ReaderService service, hw::ReaderScan scan) {
    State state = base(now);
    state.readers.clear();
    state.reader_service = service;
    state.reader_scan.result = std::move(scan);
    state.reader_scan.asked_at = now;
    return state;
}

// A card whose read failed, for the reason given.
State failed_read(TimePoint now, hw::ReadFailure failure, hw::Bytes atr, hw::Triage triage) {
    State state = base(now);
    TokenSession token;
    token.reader = state.readers.front();
    token.atr = std::move(atr);
    token.read = TokenFailed{failure, std::move(triage)};
    state.cards_present = {token.reader};
    open_session(state).token = std::move(token);
    state.screen = ScreenId::token;
    return state;
}

State with_verdict(TimePoint now, Wall wall_now, hw::Overall overall, long days_left, hw::PinState pin,
                   std::function<void(hw::Verdict&)> adjust = {}) {
    hw::TokenSnapshot snapshot;
    snapshot.model = "AKİS v2.5.2";
    snapshot.pin = pin;
    hw::Verdict verdict;
    verdict.overall = overall;
    verdict.recommended_process = hw::Process::none;
    verdict.pin = pin;
    verdict.holder = hw::Holder{"Ayşe Yılmaz Şahin", "10000000146", "100******46", true};
    verdict.certificates.push_back(certificate(wall_now, days_left, hw::CertRole::nes));
    if (adjust) adjust(verdict);
    return token_state(now, std::move(snapshot), std::move(verdict));
}

State in_process(State state, const std::string& id, std::vector<std::string> path) {
    open_session(state).process = ProcessSession{id, std::move(path), std::nullopt};
    state.screen = ScreenId::process;
    return state;
}

using Factory = std::function<State(TimePoint, Wall)>;

const std::map<std::string, Factory>& factories() {
    using hw::Overall;
    using hw::PinState;
    static const std::map<std::string, Factory> all = {
        {"home", [](TimePoint now, Wall) { return base(now); }},
        {"setup",
         [](TimePoint now, Wall) {
             State s = base(now);
             s.site_configured = false;
             return s;
         }},
        {"home-no-reader",  // R01
         [](TimePoint now, Wall) { return without_reader(now, ReaderService::ok, bus(std::nullopt)); }},
        {"home-unsupported-reader",  // R02
         [](TimePoint now, Wall) { return without_reader(now, ReaderService::ok, bus(kUnsupportedReader)); }},
        {"home-service-lost",  // R03
         [](TimePoint now, Wall) { return without_reader(now, ReaderService::unavailable, bus(kQemuReader)); }},
        {"home-checking",
         [](TimePoint now, Wall) {
             State s = base(now);
             s.readers.clear();
             s.reader_service = ReaderService::starting;
             return s;
         }},
        {"home-card-left",
         [](TimePoint now, Wall) {
             State s = base(now);
             s.cards_present = s.readers;
             return s;
         }},
        {"reading",
         [](TimePoint now, Wall) {
             State s = base(now);
             TokenSession token;
             token.reader = s.readers.front();
             token.inserted_at = now - std::chrono::milliseconds(400);
             open_session(s).token = std::move(token);
             s.screen = ScreenId::token;
             return s;
         }},
        {"token-unknown-card",  // R05
         [](TimePoint now, Wall) {
             return failed_read(now, hw::ReadFailure::unreadable, {0x3B, 0x6E, 0x00, 0x00},
                                {hw::TriageCode::unknown_card, "ATR 3B6E0000 is in neither the kiosk's rules nor "
                                                               "/usr/share/pcsc/smartcard_list.txt"});
         }},
        {"token-module-missing",  // R06
         [](TimePoint now, Wall) {
             return failed_read(now, hw::ReadFailure::unreadable,
                                {0x3B, 0x9F, 0x15, 0x81, 0x31, 0xFE, 0x45, 0x80, 0x67, 0x55, 0x45, 0x4B,
                                 0x41, 0x45, 0x12, 0x21, 0x31, 0x80, 0x73, 0xB3, 0xA1, 0x80, 0x5A},
                                {hw::TriageCode::module_missing,
                                 "ATR 3B9F158131FE45806755454B41451221318073B3A1805A (AKİS eID (Kamu SM)) needs "
                                 "/usr/lib/libakisp11.so, which is not installed"});
         }},
        {"token-unreadable",  // R07
         [](TimePoint now, Wall) {
             return failed_read(now, hw::ReadFailure::unreadable, {0x3B, 0x7A, 0x18, 0x00},
                                {hw::TriageCode::token_not_recognised, "no token the module recognises"});
         }},
        {"token-timed-out",  // R08
         [](TimePoint now, Wall) {
             return failed_read(now, hw::ReadFailure::timed_out, {0x3B, 0x7A, 0x18, 0x00},
                                {hw::TriageCode::read_timed_out, "no answer within 8000 ms"});
         }},
        {"token-valid",
         [](TimePoint now, Wall wall) {
             return with_verdict(now, wall, Overall::valid, 412, PinState::ok, [](hw::Verdict& v) {
                 v.reasons = {reason("verdict.reason.valid", {{"days", "412"}})};
             });
         }},
        {"token-renew-soon",
         [](TimePoint now, Wall wall) {
             return with_verdict(now, wall, Overall::renew_soon, 40, PinState::ok, [](hw::Verdict& v) {
                 v.recommended_process = hw::Process::renewal;
                 v.reasons = {reason("verdict.reason.renew_soon", {{"days", "40"}})};
             });
         }},
        {"token-expired",
         [](TimePoint now, Wall wall) {
             return with_verdict(now, wall, Overall::expired, -12, PinState::ok, [](hw::Verdict& v) {
                 v.recommended_process = hw::Process::renewal;
                 v.reasons = {reason("verdict.reason.expired", {{"days", "12"}})};
             });
         }},
        {"token-revoked",
         [](TimePoint now, Wall wall) {
             return with_verdict(now, wall, Overall::revoked, 300, PinState::ok, [wall](hw::Verdict& v) {
                 v.certificates[0].revocation.status = hw::RevocationStatus::revoked;
                 v.certificates[0].revocation.revoked_at = wall - 3 * kDay;
                 v.recommended_process = hw::Process::none;
                 v.reasons = {reason("verdict.reason.revoked"), reason("verdict.reason.revoked_next")};
             });
         }},
        // The read's verdict while the CA is asked: neutral, never green.
        {"token-checking",
         [](TimePoint now, Wall wall) {
             return with_verdict(now, wall, Overall::checking, 412, PinState::ok, [](hw::Verdict& v) {
                 v.certificates[0].revocation = hw::Revocation{};
                 v.certificates[0].revocation.pending = true;
                 v.certificates[0].path[0].revocation = hw::Revocation{};
                 v.certificates[0].path[0].revocation.pending = true;
                 v.reasons = {reason("verdict.reason.checking")};
             });
         }},
        // No answer in time, the last real one 3 hours old: amber.
        {"token-unconfirmed",
         [](TimePoint now, Wall wall) {
             return with_verdict(now, wall, Overall::unconfirmed, 412, PinState::ok, [wall](hw::Verdict& v) {
                 auto& r = v.certificates[0].revocation;
                 r.source = hw::RevocationSource::cache;
                 r.checked_at = wall - hours(3);
                 r.gap = hw::RevocationGap::no_answer;
                 v.reasons = {reason("verdict.reason.unconfirmed"), reason("verdict.reason.gap.no_answer")};
             });
         }},
        // Offline and never asked before.
        {"token-unconfirmed-never",
         [](TimePoint now, Wall wall) {
             return with_verdict(now, wall, Overall::unconfirmed, 412, PinState::ok, [](hw::Verdict& v) {
                 for (hw::Revocation* r : {&v.certificates[0].revocation, &v.certificates[0].path[0].revocation}) {
                     *r = hw::Revocation{};
                     r->gap = hw::RevocationGap::no_answer;
                 }
                 v.reasons = {reason("verdict.reason.unconfirmed"), reason("verdict.reason.gap.no_answer")};
             });
         }},
        // The issuing CA's certificate has expired: the holder's own is fine.
        {"token-ca-invalid",
         [](TimePoint now, Wall wall) {
             return with_verdict(now, wall, Overall::ca_invalid, 300, PinState::ok, [wall](hw::Verdict& v) {
                 auto& ca = v.certificates[0].path[0];
                 ca.subject = "C=TR, O=Kamu Sertifikasyon Merkezi, CN=Kamu SM NES Sertifika Hizmet Sağlayıcısı - Sürüm 2";
                 ca.not_after = wall - 20 * kDay;
                 ca.validity = hw::CaValidity::expired;
                 v.certificates[0].chain = hw::ChainStatus::ca_expired;
                 v.reasons = {reason("verdict.reason.ca_expired", {{"ca", "Kamu SM NES Sertifika Hizmet Sağlayıcısı - Sürüm 2"},
                                                                   {"date", utc_time_text(ca.not_after, kIsoDate)}})};
             });
         }},
        {"token-pin-final-try",
         [](TimePoint now, Wall wall) {
             return with_verdict(now, wall, Overall::valid, 412, PinState::final_try, [](hw::Verdict& v) {
                 v.reasons = {reason("verdict.reason.valid", {{"days", "412"}}), reason("verdict.reason.pin_final_try")};
             });
         }},
        {"token-pin-locked",
         [](TimePoint now, Wall wall) {
             return with_verdict(now, wall, Overall::pin_blocked, 412, PinState::locked, [](hw::Verdict& v) {
                 v.recommended_process = hw::Process::pin_puk_block;
                 v.reasons = {reason("verdict.reason.pin_locked")};
             });
         }},
        {"token-registrar",
         [](TimePoint now, Wall wall) {
             return with_verdict(now, wall, Overall::renew_soon, 60, PinState::ok, [wall](hw::Verdict& v) {
                 v.certificates.push_back(certificate(wall, 60, hw::CertRole::registrar));
                 v.recommended_process = hw::Process::registrar_renewal;
                 v.reasons = {reason("verdict.reason.renew_soon", {{"days", "60"}}),
                              reason("verdict.reason.registrar_route")};
             });
         }},
        {"idle-countdown",
         [](TimePoint now, Wall wall) {
             State s = with_verdict(now, wall, Overall::valid, 412, PinState::ok);
             s.last_activity = now - s.idle.timeout + std::chrono::seconds(28);
             return s;
         }},
        {"processes",
         [](TimePoint now, Wall) {
             State s = base(now);
             s.screen = ScreenId::processes;
             return s;
         }},
        {"process-question", [](TimePoint now, Wall) { return in_process(base(now), "first_application", {"role"}); }},
        {"process-renewal-payment",
         [](TimePoint now, Wall wall) {
             State s = with_verdict(now, wall, Overall::renew_soon, 40, PinState::ok);
             return in_process(s, "renewal", {"role", "fp_pay"});
         }},
        {"process-renewal-portal",
         [](TimePoint now, Wall wall) {
             State s = with_verdict(now, wall, Overall::renew_soon, 40, PinState::ok);
             return in_process(s, "renewal", {"role", "fp_pay", "fp_apply"});
         }},
        {"process-lost-revoke", [](TimePoint now, Wall) { return in_process(base(now), "lost_stolen", {"revoke"}); }},
        {"process-lost-payment",
         [](TimePoint now, Wall) {
             return in_process(base(now), "lost_stolen", {"revoke", "route", "a_form", "a_link", "a_print", "a_pay"});
         }},
        {"process-pin-puk-payment",
         [](TimePoint now, Wall wall) {
             State s = with_verdict(now, wall, Overall::pin_blocked, 412, PinState::locked);
             return in_process(s, "pin_puk_block", {"revoke", "tell", "pay"});
         }},
        {"process-card-reader", [](TimePoint now, Wall) { return in_process(base(now), "card_reader", {"apply"}); }},
        // The details entered: printing is the step's one primary action.
        {"process-print",
         [](TimePoint now, Wall wall) {
             State s = with_verdict(now, wall, Overall::renew_soon, 40, PinState::ok);
             s = in_process(s, "renewal", {"role", "staff_apply", "staff_deliver"});
             s.session->process->role = PersonRole::staff;
             Person& p = s.session->person;
             p.tckn = "10000000146";
             p.first_name = "Ayşe Yılmaz";
             p.last_name = "Şahin";
             p.institution = "Ankara Şehir Hastanesi";
             p.email = "ayse.sahin@example.org";
             p.phone = "0532 123 45 67";
             p.address = "Üniversiteler Mahallesi 1604. Cadde Numara 9 Çankaya Ankara";
             return s;
         }},
        {"details",
         [](TimePoint now, Wall wall) {
             State s = with_verdict(now, wall, Overall::renew_soon, 40, PinState::ok);
             s = in_process(s, "renewal", {"role", "fp_pay", "fp_apply", "fp_deliver"});
             s.screen = ScreenId::details;
             s.session->person.tckn = "10000000146";
             s.session->person.first_name = "Ayşe Yılmaz";
             s.session->person.last_name = "Şahin";
             s.session->person.institution = "Ankara Şehir Hastanesi";
             s.session->person.email = "ayse.sahin@example.org";
             s.session->person.address = "Üniversiteler Mah. 1604. Cad. No: 9 Çankaya Ankara";
             s.session->form.focused = 10;
             s.site_data_controller = "Ankara Şehir Hastanesi Başhekimliği";
             return s;
         }},
        {"details-long",
         [](TimePoint now, Wall wall) {
             State s = with_verdict(now, wall, Overall::renew_soon, 40, PinState::ok);
             s = in_process(s, "renewal", {"role", "fp_pay", "fp_apply", "fp_deliver"});
             s.screen = ScreenId::details;
             s.session->person.tckn = "10000000146";
             s.session->person.first_name = "Ayşe Yılmaz";
             s.session->person.last_name = "Şahin";
             s.session->person.email = "ayse_yilmaz+eimza@saglik.gov.tr";
             // Long, and with an abbreviation: the tightest the form gets.
             s.session->person.address = "Kızılay Mahallesi Atatürk Bulvarı Güvenpark Karşısı İş Merkezi Numara 125 "
                                "Kat 4 Daire 12 (Sağlık Müdürlüğü Bilgi İşlem Birimi'nin yanı) Meşrutiyet Cad. "
                                "Çankaya Ankara";
             s.session->form.focused = 10;
             s.site_data_controller =
                 "T.C. Sağlık Bakanlığı Ankara İl Sağlık Müdürlüğü Ankara Şehir Hastanesi Başhekimliği";
             return s;
         }},
        {"printing",
         [](TimePoint now, Wall) {
             State s = in_process(base(now), "renewal", {"role", "staff_apply", "staff_deliver"});
             s.screen = ScreenId::printing;
             s.session->printing = PrintStatus{};
             return s;
         }},
        {"printed",
         [](TimePoint now, Wall) {
             State s = in_process(base(now), "renewal", {"role", "staff_apply", "staff_deliver"});
             s.screen = ScreenId::printing;
             s.session->printing = PrintStatus{PrintStatus::Stage::done, "completed", ""};
             return s;
         }},
        {"printed-form-mailed",
         [](TimePoint now, Wall) {
             State s = in_process(base(now), "registrar_renewal", {"form"});
             s.screen = ScreenId::printing;
             s.session->printing = PrintStatus{PrintStatus::Stage::done, "completed", "sent"};
             return s;
         }},
        {"print-out-of-paper",
         [](TimePoint now, Wall) {
             State s = in_process(base(now), "renewal", {"role", "staff_apply", "staff_deliver"});
             s.screen = ScreenId::printing;
             s.session->printing = PrintStatus{PrintStatus::Stage::failed, "out_of_paper", "disabled"};
             return s;
         }},
        {"demo",
         [](TimePoint now, Wall) {
             State s = base(now);
             s.demo = true;
             return s;
         }},
        {"admin-pin",
         [](TimePoint now, Wall) {
             State s = base(now);
             s.admin_policy.enabled = true;
             s.admin = AdminSession{};
             s.admin->entered = "1234";
             s.screen = ScreenId::admin_pin;
             return s;
         }},
        {"admin-pin-locked",
         [](TimePoint now, Wall) {
             State s = base(now);
             s.admin_policy = AdminPolicy{true, std::chrono::seconds(4), 4, now + std::chrono::seconds(60)};
             s.admin = AdminSession{};
             s.admin->wrong = true;
             s.screen = ScreenId::admin_pin;
             return s;
         }},
        {"admin-unsupported-reader",
         [](TimePoint now, Wall wall_now) {
             State s = without_reader(now, ReaderService::ok, bus(kUnsupportedReader));
             s.admin_policy.enabled = true;
             s.admin = AdminSession{};
             s.admin->unlocked = true;
             s.last_card = LastCard{{0x3B, 0x9F, 0x15, 0x81, 0x31, 0xFE, 0x45, 0x80, 0x67, 0x55, 0x45, 0x4B,
                                     0x41, 0x45, 0x12, 0x21, 0x31, 0x80, 0x73, 0xB3, 0xA1, 0x80, 0x5A},
                                    "USB SmartCard Reader [CCID Interface] (1-1) 00 00", "unreadable",
                                    hw::Triage{hw::TriageCode::module_missing,
                                               "AKİS eID (Kamu SM) needs /usr/lib/libakisp11.so, which is not installed"}};
             admin::Diagnostics d;
             d.collected_at = wall_now;
             d.app_version = EIMZA_VERSION;
             d.last_card_module = "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so";
             d.readers = bus(kUnsupportedReader);
             d.print_queue = "eimza";
             d.printer = printer(3, "none");
             d.trust_dir = hw::VerdictConfig{}.trust_dir;
             d.clock_synchronised = true;
             d.disk_free_bytes = 95'000'000;
             d.disk_total_bytes = 128'000'000;
             d.system_uptime = std::chrono::seconds(4 * 3600);
             s.admin->diagnostics = std::make_shared<const admin::Diagnostics>(d);
             s.screen = ScreenId::admin;
             return s;
         }},
        {"admin",
         [](TimePoint now, Wall wall_now) {
             State s = base(now);
             s.admin_policy.enabled = true;
             s.admin = AdminSession{};
             s.admin->unlocked = true;
             s.admin->last_result = {"admin.result.test_page.completed", {}};
             s.last_card = LastCard{{0x3B, 0xD5, 0x18, 0xFF, 0x81, 0x91, 0xFE, 0x1F, 0xC3, 0x80, 0x73, 0xC8, 0x21, 0x10, 0x0A},
                                    "Virtual PCD 00 00", "read", std::nullopt};
             admin::Diagnostics d;
             d.collected_at = wall_now;
             d.app_version = EIMZA_VERSION;
             d.last_card_module = "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so";
             d.readers = bus(kQemuReader);
             d.print_queue = "eimza";
             d.printer = printer(5, "media-empty-error,toner-low-warning");
             d.trust_dir = hw::VerdictConfig{}.trust_dir;
             d.anchors = {{"TÜBİTAK UEKAE Kök Sertifika Hizmet Sağlayıcısı - Sürüm 3", wall_now + 3000 * kDay},
                          {"Kamu SM SSL Kök Sertifikası - Sürüm 1", wall_now + 60 * kDay}};
             hw::CachedCrl crl;
             crl.file = "3f2a.crl";
             crl.issuer = "Kamu SM NES Sertifika Hizmet Sağlayıcısı - Sürüm 3";
             crl.readable = true;
             crl.this_update = wall_now - hours(5);
             crl.next_update = wall_now + hours(19);
             d.crls = {crl};
             d.clock_synchronised = true;
             d.timesyncd_synchronised = true;
             d.disk_free_bytes = 95'000'000;
             d.disk_total_bytes = 128'000'000;
             d.system_uptime = std::chrono::seconds(3 * 86400 + 4 * 3600);
             content::UpdateStatus update;
             update.last_attempt = wall_now - hours(2);
             update.result = content::UpdateResult::unchanged;
             update.message = "the published bundle is the content in use";
             update.current_version = "2026-11-23 (seeds)";
             d.content_update = update;
             d.system.slot = "B";
             d.system.version = "0.1.0";
             fleet::SystemUpdateResult system_update;
             system_update.result = "rolled_back";
             system_update.version = "0.2.0";
             system_update.slot = "A";
             system_update.message = "slot A did not come up healthy within its boot tries; back on slot B";
             system_update.when = wall_now - hours(1);
             d.system.last_update = system_update;
             s.admin->diagnostics = std::make_shared<const admin::Diagnostics>(d);
             s.screen = ScreenId::admin;
             return s;
         }},
    };
    return all;
}

}  // namespace

State token_state(TimePoint now, hw::TokenSnapshot snapshot, hw::Verdict verdict) {
    State state = base(now);
    TokenSession token;
    token.generation = 1;
    token.reader = state.readers.front();
    token.inserted_at = now - std::chrono::seconds(2);
    snapshot.reader = token.reader;
    token.read = TokenReady{std::move(snapshot), std::move(verdict), std::nullopt};
    state.screen = ScreenId::token;
    state.cards_present = {token.reader};
    open_session(state).token = std::move(token);
    return state;
}

std::vector<std::string> sample_names() {
    std::vector<std::string> names;
    for (const auto& [name, factory] : factories()) names.push_back(name);
    return names;
}

namespace {

// The way from a process's start to a step (breadth first), so a step's
// screenshot shows its real number.
std::vector<std::string> path_to(const content::Process& process, const std::string& target) {
    std::map<std::string, std::string> parent;
    std::vector<std::string> queue{process.start};
    parent[process.start] = "";
    for (std::size_t i = 0; i < queue.size(); ++i) {
        const std::string id = queue[i];
        if (id == target) break;
        const auto it = process.steps.find(id);
        if (it == process.steps.end()) continue;
        std::vector<std::string> next;
        if (!it->second.next.empty()) next.push_back(it->second.next);
        for (const auto& a : it->second.answers) next.push_back(a.next);
        for (const auto& n : next)
            if (parent.emplace(n, id).second) queue.push_back(n);
    }
    std::vector<std::string> path;
    if (!parent.count(target)) return path;
    for (std::string id = target; !id.empty(); id = parent[id]) path.insert(path.begin(), id);
    return path;
}

}  // namespace

std::vector<std::string> step_sample_names(const content::Content& content) {
    std::vector<std::string> names;
    for (const auto& [id, process] : content.processes)
        for (const auto& [step, _] : process.steps) names.push_back("step:" + id + ":" + step);
    return names;
}

std::optional<State> sample_state(const std::string& name, TimePoint now, Wall wall_now,
                                  std::shared_ptr<const content::Content> content) {
    // "step:<process>:<step>": any step of the content, reached from its start.
    if (name.rfind("step:", 0) == 0 && content) {
        const auto colon = name.find(':', 5);
        if (colon == std::string::npos) return std::nullopt;
        const content::Process* process = content->process(name.substr(5, colon - 5));
        if (!process) return std::nullopt;
        auto path = path_to(*process, name.substr(colon + 1));
        if (path.empty()) return std::nullopt;
        State state = in_process(base(now), process->id, std::move(path));
        state.content = std::move(content);
        return state;
    }
    const auto& all = factories();
    const auto it = all.find(name);
    if (it == all.end()) return std::nullopt;
    State state = it->second(now, wall_now);
    state.content = std::move(content);
    return state;
}

void set_language(State& state, Lang lang) {
    state.default_lang = lang;
    if (state.session) state.session->lang = lang;
}

}  // namespace eimza::screens
