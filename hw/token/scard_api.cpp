#include "hw/token/scard_api.h"

namespace eimza::hw {

namespace {

class PcscLite final : public ScardApi {
public:
    LONG establish(SCARDCONTEXT* context) override {
        return SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, context);
    }
    LONG release(SCARDCONTEXT context) override { return SCardReleaseContext(context); }
    LONG list_readers(SCARDCONTEXT context, std::vector<std::string>& readers) override {
        readers.clear();
        DWORD length = 0;
        LONG rv = SCardListReaders(context, nullptr, nullptr, &length);
        if (rv == SCARD_E_NO_READERS_AVAILABLE) return SCARD_S_SUCCESS;
        if (rv != SCARD_S_SUCCESS) return rv;
        std::string buffer(length, '\0');
        rv = SCardListReaders(context, nullptr, buffer.data(), &length);
        if (rv == SCARD_E_NO_READERS_AVAILABLE) return SCARD_S_SUCCESS;
        if (rv != SCARD_S_SUCCESS) return rv;
        // A multi-string: names separated by NULs, ended by an empty one.
        for (std::size_t start = 0; start < buffer.size() && buffer[start] != '\0';) {
            const std::size_t end = buffer.find('\0', start);
            readers.push_back(buffer.substr(start, end - start));
            start = end + 1;
        }
        return SCARD_S_SUCCESS;
    }
    LONG get_status_change(SCARDCONTEXT context, DWORD timeout_ms, SCARD_READERSTATE* states, DWORD count) override {
        return SCardGetStatusChange(context, timeout_ms, states, count);
    }
    LONG cancel(SCARDCONTEXT context) override { return SCardCancel(context); }
};

}  // namespace

std::unique_ptr<ScardApi> make_pcsc_lite_api() { return std::make_unique<PcscLite>(); }

}  // namespace eimza::hw
