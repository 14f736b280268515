// libFuzzer target: arbitrary bytes as a token's certificates, through the
// parser and the whole verdict. Nothing may crash, hang or leak.
#include <cstddef>
#include <cstdint>

#include "hw/cert/certificate.h"
#include "hw/cert/verdict_engine.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace eimza::hw;
    const Bytes bytes(data, data + size);
    (void)parse_certificate(bytes);
    (void)split_certificates(bytes);  // PEM bundles from files, as verify and --trust read them
    // Split the input in two "certificates" to exercise chain building too.
    VerdictInput input;
    const std::size_t half = size / 2;
    input.certificates.push_back({Bytes(data, data + half), {}, "a"});
    input.certificates.push_back({Bytes(data + half, data + size), {}, "b"});
    input.certificates.push_back({bytes, {}, "Kayıtçı"});
    input.pin = static_cast<PinState>(size % 5);
    input.now = std::chrono::system_clock::now();
    TrustStore trust;
    trust.anchors.push_back(bytes);
    input.revocation_pending = size % 2 == 0;
    (void)give_up_waiting(compute_verdict(input, trust, VerdictConfig{}));
    return 0;
}
