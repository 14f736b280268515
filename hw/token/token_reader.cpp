#include "hw/token/token_reader.h"

#include <dlfcn.h>
#include <p11-kit/pkcs11.h>

#include <algorithm>
#include <optional>
#include <vector>

namespace eimza::hw {

class Pkcs11Module {
public:
    explicit Pkcs11Module(const std::string& path) {
        handle_ = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!handle_) return;
        auto get_list = reinterpret_cast<CK_C_GetFunctionList>(dlsym(handle_, "C_GetFunctionList"));
        if (!get_list || get_list(&f_) != CKR_OK || !f_) return;
        CK_C_INITIALIZE_ARGS args{};
        args.flags = CKF_OS_LOCKING_OK;  // the kiosk reads from worker threads
        const CK_RV rv = f_->C_Initialize(&args);
        initialised_ = rv == CKR_OK || rv == CKR_CRYPTOKI_ALREADY_INITIALIZED;
    }
    ~Pkcs11Module() {
        if (initialised_) f_->C_Finalize(nullptr);
        if (handle_) dlclose(handle_);
    }
    Pkcs11Module(const Pkcs11Module&) = delete;
    Pkcs11Module& operator=(const Pkcs11Module&) = delete;

    bool usable() const { return initialised_; }
    CK_FUNCTION_LIST* f() const { return f_; }

private:
    void* handle_ = nullptr;
    CK_FUNCTION_LIST* f_ = nullptr;
    bool initialised_ = false;
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

}  // namespace

TokenReader::TokenReader(const TokenConfig& config) : catalog_(config) {}

TokenReader::~TokenReader() = default;

std::shared_ptr<Pkcs11Module> TokenReader::module_for(const std::string& path) {
    std::lock_guard lock(modules_mutex_);
    auto& slot = modules_[path];
    if (!slot) slot = std::make_shared<Pkcs11Module>(path);
    return slot;
}

ReadResult TokenReader::read(const std::string& reader, const Bytes& atr) {
    TokenSnapshot snapshot;
    snapshot.reader = reader;
    snapshot.atr = atr;
    snapshot.card_name = catalog_.name(atr);
    snapshot.module = catalog_.module(atr);

    const auto module = module_for(snapshot.module);
    if (!module->usable()) return ReadFailure::no_module;
    CK_FUNCTION_LIST* f = module->f();

    // Slots with a card; the one whose description names our reader.
    CK_ULONG count = 0;
    if (f->C_GetSlotList(CK_TRUE, nullptr, &count) != CKR_OK) return ReadFailure::unreadable;
    std::vector<CK_SLOT_ID> slots(count);
    if (count && f->C_GetSlotList(CK_TRUE, slots.data(), &count) != CKR_OK) return ReadFailure::unreadable;
    slots.resize(count);
    std::optional<CK_SLOT_ID> slot;
    for (CK_SLOT_ID id : slots) {
        CK_SLOT_INFO info{};
        if (f->C_GetSlotInfo(id, &info) != CKR_OK) continue;
        const std::string description = trimmed(info.slotDescription, sizeof info.slotDescription);
        if (description == reader || description.rfind(reader, 0) == 0) {
            slot = id;
            break;
        }
    }
    // No slot with a token for this reader: the card is there (we were told
    // it was inserted) but the module cannot make sense of it. Had it been
    // pulled, the card_removed event ends the session anyway.
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
        if (rv != CKR_OK || cert.der.empty()) continue;  // an object we cannot read is skipped, not fatal
        attribute(f, session, object, CKA_ID, cert.id);
        if (attribute(f, session, object, CKA_LABEL, label) == CKR_OK) cert.label.assign(label.begin(), label.end());
        snapshot.certificates.push_back(std::move(cert));
    }
    return snapshot;
}

}  // namespace eimza::hw
