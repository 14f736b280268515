#pragma once
// The facts of one X.509 certificate the verdict needs, parsed with
// OpenSSL. Malformed input yields nullopt, never a crash.
#include <optional>
#include <string>
#include <vector>

#include "hw/cert/verdict.h"

namespace eimza::hw {

struct ParsedCertificate {
    Bytes der;
    std::string subject;      // RFC 2253, UTF-8
    std::string issuer;
    std::string serial_hex;
    std::string sha256_hex;
    std::string common_name;
    std::string serial_number;  // the subject's serialNumber attribute (TCKN)
    SystemTime not_before{};
    SystemTime not_after{};
    std::vector<std::string> policies;  // dotted OIDs
    std::vector<std::string> ekus;
    bool qualified = false;
    bool is_ca = false;
    std::vector<std::string> ocsp_urls, crl_urls, ca_issuer_urls;
};

// DER, or PEM (the first certificate in it).
std::optional<ParsedCertificate> parse_certificate(const Bytes& data);
// Every certificate in data, as DER: one DER certificate, or each
// certificate of a PEM file (a bundle may hold several). Empty when none.
std::vector<Bytes> split_certificates(const Bytes& data);
// Whether issuer's key signed cert (names and signature checked).
bool issued_by(const Bytes& cert_der, const Bytes& issuer_der);

}  // namespace eimza::hw
