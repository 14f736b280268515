#include "hw/token/token_reader.h"

#include <dlfcn.h>
#include <p11-kit/pkcs11.h>

#include <algorithm>
#include <optional>
#include <set>
#include <string_view>
#include <thread>
#include <vector>

namespace eimza::hw {

// The module's shared library, loaded once for the process.
class Pkcs11Library {
public:
    explicit Pkcs11Library(const std::string& path) {
        handle_ = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!handle_) return;
        auto get_list = reinterpret_cast<CK_C_GetFunctionList>(dlsym(handle_, "C_GetFunctionList"));
        if (!get_list || get_list(&f_) != CKR_OK) f_ = nullptr;
    }
    ~Pkcs11Library() {
        if (handle_) dlclose(handle_);
    }
    Pkcs11Library(const Pkcs11Library&) = delete;
    Pkcs11Library& operator=(const Pkcs11Library&) = delete;

    CK_FUNCTION_LIST* f() const { return f_; }

private:
    void* handle_ = nullptr;
    CK_FUNCTION_LIST* f_ = nullptr;
};

namespace {

std::string trimmed(const unsigned char* text, std::size_t size) {
    std::string s(reinterpret_cast<const char*>(text), size);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\0')) s.pop_back();
    return s;
}

// A card that went away answers with one of these; the read then ends
// quietly as "removed" rather than as an error.
bool gone(CK_RV rv) {
    return rv == CKR_DEVICE_REMOVED || rv == CKR_TOKEN_NOT_PRESENT || rv == CKR_SESSION_HANDLE_INVALID ||
           rv == CKR_SESSION_CLOSED || rv == CKR_SLOT_ID_INVALID;
}

PinState pin_state(CK_FLAGS flags) {
    if (flags & CKF_USER_PIN_LOCKED) return PinState::locked;
    if (flags & CKF_USER_PIN_FINAL_TRY) return PinState::final_try;
    if (flags & CKF_USER_PIN_COUNT_LOW) return PinState::count_low;
    return PinState::ok;
}

// Reads one attribute whose size is not known in advance.
CK_RV attribute(CK_FUNCTION_LIST* f, CK_SESSION_HANDLE session, CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type,
                Bytes& out) {
    CK_ATTRIBUTE query{type, nullptr, 0};
    CK_RV rv = f->C_GetAttributeValue(session, object, &query, 1);
    if (rv != CKR_OK) return rv;
    if (query.ulValueLen == CK_UNAVAILABLE_INFORMATION) return CKR_ATTRIBUTE_TYPE_INVALID;
    out.resize(query.ulValueLen);
    query.pValue = out.data();
    return f->C_GetAttributeValue(session, object, &query, 1);
}

struct SessionGuard {
    CK_FUNCTION_LIST* f;
    CK_SESSION_HANDLE session;
    ~SessionGuard() { f->C_CloseSession(session); }
};

// One C_Initialize .. C_Finalize: everything the module learns lives and
// dies with it.
class Initialised {
public:
    explicit Initialised(CK_FUNCTION_LIST* f) : f_(f) {
        CK_C_INITIALIZE_ARGS args{};
        args.flags = CKF_OS_LOCKING_OK;
        ok_ = f_ && f_->C_Initialize(&args) == CKR_OK;
    }
    ~Initialised() {
        if (ok_) f_->C_Finalize(nullptr);
    }
    Initialised(const Initialised&) = delete;
    Initialised& operator=(const Initialised&) = delete;
    bool ok() const { return ok_; }

private:
    CK_FUNCTION_LIST* f_;
    bool ok_ = false;
};

constexpr std::size_t kSlotDescriptionSize = sizeof(CK_SLOT_INFO::slotDescription);

std::optional<CK_SLOT_ID> slot_of(CK_FUNCTION_LIST* f, const std::string& reader) {
    CK_ULONG count = 0;
    if (f->C_GetSlotList(CK_TRUE, nullptr, &count) != CKR_OK) return std::nullopt;
    std::vector<CK_SLOT_ID> slots(count);
    if (count && f->C_GetSlotList(CK_TRUE, slots.data(), &count) != CKR_OK) return std::nullopt;
    slots.resize(count);
    std::vector<CK_SLOT_ID> named;
    for (CK_SLOT_ID id : slots) {
        CK_SLOT_INFO info{};
        if (f->C_GetSlotInfo(id, &info) != CKR_OK) continue;
        const std::string description = trimmed(info.slotDescription, sizeof info.slotDescription);
        if (description == reader) return id;
        if (slot_names_reader(description, reader)) named.push_back(id);
    }
    // Two readers whose names differ only after the 64th byte, both with a
    // card: which slot is ours cannot be told, so neither is read.
    if (named.size() != 1) return std::nullopt;
    return named.front();
}

// One read through a freshly initialised module.
ReadResult read_once(CK_FUNCTION_LIST* f, const std::string& reader, TokenSnapshot snapshot) {
    const Initialised initialised(f);
    if (!initialised.ok()) return ReadFailure::no_module;

    // No slot with a token for this reader: the card is there (we were told
    // it was inserted) but the module cannot make sense of it. Had it been
    // pulled, the presence check after the read says so.
    const auto slot = slot_of(f, reader);
    if (!slot) return ReadFailure::unreadable;

    CK_TOKEN_INFO token{};
    CK_RV rv = f->C_GetTokenInfo(*slot, &token);
    if (gone(rv)) return ReadFailure::removed;
    if (rv != CKR_OK) return ReadFailure::unreadable;  // incl. CKR_TOKEN_NOT_RECOGNIZED
    snapshot.label = trimmed(token.label, sizeof token.label);
    snapshot.manufacturer = trimmed(token.manufacturerID, sizeof token.manufacturerID);
    snapshot.model = trimmed(token.model, sizeof token.model);
    snapshot.serial = trimmed(token.serialNumber, sizeof token.serialNumber);
    snapshot.pin = pin_state(token.flags);
    snapshot.so_pin_locked = token.flags & CKF_SO_PIN_LOCKED;

    CK_SESSION_HANDLE session = 0;
    rv = f->C_OpenSession(*slot, CKF_SERIAL_SESSION, nullptr, nullptr, &session);
    if (gone(rv)) return ReadFailure::removed;
    if (rv != CKR_OK) return ReadFailure::unreadable;
    SessionGuard guard{f, session};

    CK_OBJECT_CLASS certificate_class = CKO_CERTIFICATE;
    CK_ATTRIBUTE filter{CKA_CLASS, &certificate_class, sizeof certificate_class};
    rv = f->C_FindObjectsInit(session, &filter, 1);
    if (gone(rv)) return ReadFailure::removed;
    if (rv != CKR_OK) return ReadFailure::unreadable;
    std::vector<CK_OBJECT_HANDLE> objects;
    for (;;) {
        CK_OBJECT_HANDLE batch[16];
        CK_ULONG found = 0;
        rv = f->C_FindObjects(session, batch, 16, &found);
        if (rv != CKR_OK || found == 0) break;
        objects.insert(objects.end(), batch, batch + found);
    }
    f->C_FindObjectsFinal(session);
    if (gone(rv)) return ReadFailure::removed;
    if (rv != CKR_OK) return ReadFailure::unreadable;

    for (CK_OBJECT_HANDLE object : objects) {
        CertificateObject cert;
        Bytes label;
        rv = attribute(f, session, object, CKA_VALUE, cert.der);
        if (gone(rv)) return ReadFailure::removed;
        // A certificate the card lists but will not give is not "no
        // certificate": the person may well hold a valid one.
        if (rv != CKR_OK || cert.der.empty()) return ReadFailure::unreadable;
        rv = attribute(f, session, object, CKA_ID, cert.id);
        if (gone(rv)) return ReadFailure::removed;
        rv = attribute(f, session, object, CKA_LABEL, label);
        if (gone(rv)) return ReadFailure::removed;
        if (rv == CKR_OK) cert.label.assign(label.begin(), label.end());
        snapshot.certificates.push_back(std::move(cert));
    }
    return snapshot;
}

bool same_answer(const TokenSnapshot& a, const TokenSnapshot& b) {
    auto same_certificates = [](const CertificateObject& x, const CertificateObject& y) {
        return x.der == y.der && x.id == y.id && x.label == y.label;
    };
    return a.label == b.label && a.manufacturer == b.manufacturer && a.model == b.model && a.serial == b.serial &&
           a.pin == b.pin && a.so_pin_locked == b.so_pin_locked &&
           std::equal(a.certificates.begin(), a.certificates.end(), b.certificates.begin(), b.certificates.end(),
                      same_certificates);
}

}  // namespace

bool slot_names_reader(const std::string& slot_description, const std::string& reader) {
    if (slot_description.empty()) return false;
    // Equal, or the module added to the reader's name.
    if (slot_description.rfind(reader, 0) == 0) return true;
    if (reader.size() <= kSlotDescriptionSize) return false;
    const std::string cut = reader.substr(0, kSlotDescriptionSize);
    if (trimmed(reinterpret_cast<const unsigned char*>(cut.data()), cut.size()) == slot_description) return true;
    // OpenSC (0.23, Debian 12) marks its cut: the first 61 bytes, then "...".
    constexpr std::string_view kMark = "...";
    constexpr std::size_t kKept = kSlotDescriptionSize - kMark.size();
    return slot_description.size() == kSlotDescriptionSize && slot_description.ends_with(kMark) &&
           reader.compare(0, kKept, slot_description, 0, kKept) == 0;
}

CardPresence card_presence(ScardApi& api, const InsertedCard& card) {
    SCARDCONTEXT context = 0;
    if (api.establish(&context) != SCARD_S_SUCCESS) return CardPresence::gone;
    SCARD_READERSTATE state{};
    state.szReader = card.reader.c_str();
    state.dwCurrentState = SCARD_STATE_UNAWARE;
    const LONG rv = api.get_status_change(context, 0, &state, 1);
    api.release(context);
    if (rv != SCARD_S_SUCCESS) return CardPresence::gone;
    const DWORD event = state.dwEventState;
    if (!(event & SCARD_STATE_PRESENT) || (event & SCARD_STATE_MUTE)) return CardPresence::gone;
    const Bytes atr(state.rgbAtr, state.rgbAtr + std::min<DWORD>(state.cbAtr, MAX_ATR_SIZE));
    if (atr != card.atr || static_cast<std::uint16_t>(event >> 16) != card.card_events) return CardPresence::gone;
    return CardPresence::same;
}

TokenReader::TokenReader(const TokenConfig& config, std::unique_ptr<ScardApi> scard, ReadAgreement agreement)
    : catalog_(config), scard_(std::move(scard)), agreement_(agreement) {}

TokenReader::~TokenReader() = default;

std::shared_ptr<Pkcs11Library> TokenReader::library_for(const std::string& path) {
    auto& slot = libraries_[path];
    if (!slot) slot = std::make_shared<Pkcs11Library>(path);
    return slot;
}

ReadResult TokenReader::read(const InsertedCard& card) {
    std::lock_guard lock(read_mutex_);
    TokenSnapshot blank;
    blank.reader = card.reader;
    blank.atr = card.atr;
    blank.card_name = catalog_.name(card.atr);
    blank.module = catalog_.module(card.atr);
    CK_FUNCTION_LIST* f = library_for(blank.module)->f();
    if (!f) return ReadFailure::no_module;

    // Unreadable, unless the card turns out to have left after all.
    auto unreadable = [&] {
        std::this_thread::sleep_for(agreement_.settle);
        return card_presence(*scard_, card) == CardPresence::gone ? ReadFailure::removed : ReadFailure::unreadable;
    };
    std::vector<TokenSnapshot> answers;
    std::set<Bytes> certificates_seen;
    int failures = 0;
    for (int attempt = 0; attempt < agreement_.max_reads; ++attempt) {
        ReadResult result = read_once(f, card.reader, blank);
        // Whatever the module said, a card that left or was swapped during
        // the read makes the answer someone else's, or nobody's.
        if (card_presence(*scard_, card) == CardPresence::gone) return ReadFailure::removed;
        if (auto* failure = std::get_if<ReadFailure>(&result)) {
            if (*failure == ReadFailure::no_module) return *failure;
            if (++failures >= agreement_.failures_tolerated) return unreadable();
            continue;
        }
        const auto& snapshot = answers.emplace_back(std::move(std::get<TokenSnapshot>(result)));
        for (const auto& cert : snapshot.certificates) certificates_seen.insert(cert.der);
        // Garbage cannot make up a certificate, but it easily hides one: an
        // answer without a certificate another read has shown is incomplete.
        if (snapshot.certificates.size() != certificates_seen.size()) continue;
        const auto agreeing = std::count_if(answers.begin(), answers.end(),
                                            [&](const TokenSnapshot& other) { return same_answer(other, snapshot); });
        // Every read that said something else raises the bar.
        const auto disagreeing = static_cast<long>(answers.size()) - agreeing + failures;
        const int needed = snapshot.certificates.empty() ? agreement_.needed_when_empty : agreement_.needed;
        if (agreeing >= needed + disagreeing) return snapshot;
    }
    return unreadable();
}

}  // namespace eimza::hw
