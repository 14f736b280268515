#pragma once
// The few pcsc-lite calls the reader monitor makes, behind an interface so
// its state machine can be tested with a fake (vpcd cannot hot-plug).
#include <PCSC/winscard.h>
#include <PCSC/wintypes.h>

#include <memory>
#include <string>
#include <vector>

namespace eimza::hw {

class ScardApi {
public:
    virtual ~ScardApi() = default;
    virtual LONG establish(SCARDCONTEXT* context) = 0;
    virtual LONG release(SCARDCONTEXT context) = 0;
    virtual LONG list_readers(SCARDCONTEXT context, std::vector<std::string>& readers) = 0;
    virtual LONG get_status_change(SCARDCONTEXT context, DWORD timeout_ms, SCARD_READERSTATE* states, DWORD count) = 0;
    virtual LONG cancel(SCARDCONTEXT context) = 0;
};

std::unique_ptr<ScardApi> make_pcsc_lite_api();

}  // namespace eimza::hw
