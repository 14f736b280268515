// Verdict and CRL benchmarks (docs/performance.md).
//   verdict_bench PKI_DIR CRL_ENTRIES
// PKI_DIR from tests/pki/make_pki.py. Prints timings; writes the generated
// CRL next to the PKI so `openssl crl` can parse the very same file.
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "hw/cert/verdict_engine.h"

using namespace eimza::hw;
using Clock = std::chrono::steady_clock;

namespace {

Bytes read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), {});
}

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

long rss_kb() {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
    return 0;
}

X509* pem_cert(const std::string& path) {
    FILE* f = std::fopen(path.c_str(), "r");
    X509* x = f ? PEM_read_X509(f, nullptr, nullptr, nullptr) : nullptr;
    if (f) std::fclose(f);
    return x;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: verdict_bench PKI_DIR CRL_ENTRIES\n");
        return 2;
    }
    const std::string pki = argv[1];
    const long entries = std::atol(argv[2]);

    // 1. Verdict for a 3-certificate token (NES, registrar, CA) with cached revocation.
    VerdictInput input;
    for (const char* name : {"/holders/registrar.pem", "/holders/registrar-role.pem", "/ca.pem"})
        input.certificates.push_back({read(pki + name), {}, name});
    input.pin = PinState::ok;
    input.now = std::chrono::system_clock::now();
    TrustStore trust;
    std::vector<std::string> problems;
    trust = TrustStore::load({pki + "/root.pem"}, {}, problems);
    const VerdictConfig config;
    std::vector<double> times;
    for (int i = 0; i < 200; ++i) {
        const auto t0 = Clock::now();
        const Verdict v = compute_verdict(input, trust, config);
        times.push_back(ms_since(t0));
        if (v.certificates.size() != 2) return 1;
    }
    std::sort(times.begin(), times.end());
    std::printf("verdict, 3-certificate token: median %.3f ms, p95 %.3f ms (200 runs)\n", times[100], times[190]);

    // 2. A CRL with `entries` revoked serials, signed by the test CA.
    const std::string crl_path = pki + "/big.crl";
    {
        FILE* kf = std::fopen((pki + "/ca.key").c_str(), "r");
        EVP_PKEY* key = kf ? PEM_read_PrivateKey(kf, nullptr, nullptr, nullptr) : nullptr;
        if (kf) std::fclose(kf);
        X509* ca = pem_cert(pki + "/ca.pem");
        if (!key || !ca) return 1;
        const auto t0 = Clock::now();
        X509_CRL* crl = X509_CRL_new();
        X509_CRL_set_version(crl, 1);
        X509_CRL_set_issuer_name(crl, X509_get_subject_name(ca));
        ASN1_TIME* now = ASN1_TIME_set(nullptr, std::time(nullptr));
        ASN1_TIME* next = ASN1_TIME_set(nullptr, std::time(nullptr) + 7 * 86400);
        X509_CRL_set1_lastUpdate(crl, now);
        X509_CRL_set1_nextUpdate(crl, next);
        std::mt19937_64 random(42);
        for (long i = 0; i < entries; ++i) {
            X509_REVOKED* r = X509_REVOKED_new();
            ASN1_INTEGER* serial = ASN1_INTEGER_new();
            BIGNUM* bn = BN_new();
            BN_set_word(bn, random() >> 1);
            BN_to_ASN1_INTEGER(bn, serial);
            X509_REVOKED_set_serialNumber(r, serial);
            X509_REVOKED_set_revocationDate(r, now);
            X509_CRL_add0_revoked(crl, r);
            ASN1_INTEGER_free(serial);
            BN_free(bn);
        }
        X509_CRL_sort(crl);
        X509_CRL_sign(crl, key, EVP_sha256());
        FILE* out = std::fopen(crl_path.c_str(), "wb");
        i2d_X509_CRL_fp(out, crl);
        std::fclose(out);
        std::printf("generated a CRL with %ld entries in %.0f ms\n", entries, ms_since(t0));
        X509_CRL_free(crl);
        ASN1_TIME_free(now);
        ASN1_TIME_free(next);
        X509_free(ca);
        EVP_PKEY_free(key);
    }

    // openssl's own parse of the same file, in the same run.
    const auto t_openssl = Clock::now();
    const std::string command = "openssl crl -inform DER -noout -in " + crl_path;
    if (std::system(command.c_str()) != 0) return 1;
    const double openssl_ms = ms_since(t_openssl);

    // Ours: read, decode, verify the signature, and sort for lookups.
    const long rss_before = rss_kb();
    const auto t_load = Clock::now();
    const Bytes data = read(crl_path);
    const unsigned char* p = data.data();
    X509_CRL* crl = d2i_X509_CRL(nullptr, &p, static_cast<long>(data.size()));
    X509* ca = pem_cert(pki + "/ca.pem");
    EVP_PKEY* ca_key = X509_get_pubkey(ca);
    if (!crl || X509_CRL_verify(crl, ca_key) != 1) return 1;
    X509_REVOKED* found = nullptr;
    ASN1_INTEGER* probe = ASN1_INTEGER_new();
    ASN1_INTEGER_set(probe, 1);
    X509_CRL_get0_by_serial(crl, &found, probe);  // the first lookup sorts the entries
    const double load_ms = ms_since(t_load);
    const long rss_after = rss_kb();

    std::mt19937_64 random(7);
    const int lookups = 100000;
    const auto t_lookup = Clock::now();
    int hits = 0;
    for (int i = 0; i < lookups; ++i) {
        ASN1_INTEGER_set_uint64(probe, random() >> 1);
        hits += X509_CRL_get0_by_serial(crl, &found, probe) == 1;
    }
    const double lookup_us = ms_since(t_lookup) * 1000.0 / lookups;
    std::printf("CRL of %zu bytes: openssl crl -noout %.0f ms (whole process); ours load+verify+index %.0f ms (%.2fx)\n",
                data.size(), openssl_ms, load_ms, load_ms / openssl_ms);
    std::printf("lookup: %.2f us per serial (%d lookups, %d hits); resident memory for the loaded CRL: %ld MB\n",
                lookup_us, lookups, hits, (rss_after - rss_before) / 1024);
    ASN1_INTEGER_free(probe);
    X509_CRL_free(crl);
    EVP_PKEY_free(ca_key);
    X509_free(ca);
    return 0;
}
