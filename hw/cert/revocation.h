#pragma once
// Asks the CA whether a certificate was revoked: OCSP with a nonce, the
// answer's signature checked against the issuer or a responder the issuer
// delegated (id-kp-OCSPSigning), and its freshness checked. Only hosts on
// the allow-list are ever contacted. Blocking: call from a worker thread.
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "hw/cert/verdict.h"

typedef struct X509_crl_st X509_CRL;

namespace eimza::hw {

struct RevocationConfig {
    bool enabled = true;
    // host or host:port; the Kamu SM hosts by default. www.kamusm.gov.tr
    // serves the root's CRL that Kamu SM's issuing CAs name (KOKSIL.v3.crl).
    std::vector<std::string> allowed_hosts{"ocsp.kamusm.gov.tr", "ocsp2.kamusm.gov.tr", "ocsp3.kamusm.gov.tr",
                                           "depo.kamusm.gov.tr", "www.kamusm.gov.tr"};
    int timeout_ms = 3000;
    int clock_skew_seconds = 300;  // tolerance on thisUpdate/nextUpdate
    // CRLs are public: kept on disk until their nextUpdate. Empty: memory only.
    std::string crl_cache_dir = "/var/cache/eimza-kiosk/crl";
};

// "http://host:port/path" -> "host:port" ("host" when no port); empty if not http(s).
std::string url_authority(const std::string& url);
bool host_allowed(const std::string& url, const std::vector<std::string>& allowed);

// One CRL kept in the disk cache, for IT's diagnostics (admin screen, on
// demand: each file is parsed whole).
struct CachedCrl {
    std::string file;    // name in the cache directory
    std::string issuer;  // the CRL issuer's CN (or whole name)
    std::string url;     // where it came from ("" for files cached before URLs were kept)
    SystemTime this_update{}, next_update{}, fetched{};
    bool readable = false;
};
std::vector<CachedCrl> list_crl_cache(const std::string& dir);

// The CRLs in the disk cache, for monitoring: how many there are and the
// oldest thisUpdate among them (nullopt when none could be read).
struct CrlCacheSummary {
    int count = 0;
    std::optional<SystemTime> oldest_this_update;
};
// Reads only the first kilobytes of each file: a national CRL is tens of
// MB and this runs at every metrics refresh.
CrlCacheSummary summarize_crl_cache(const std::string& dir);

// One card's lookups: a host that did not answer is not asked again in the
// same pass, so a silent network costs one timeout, not one per URL.
struct RevocationPass {
    std::set<std::string> silent_hosts;
};

class RevocationChecker {
public:
    explicit RevocationChecker(RevocationConfig config) : config_(std::move(config)) {}

    // issuer_der: the certificate that issued cert_der (DER or PEM, both).
    // Always asks the network first (OCSP, then the CRL); the last real
    // answer is used only when none can be had now, marked as cached, with
    // the reason in gap. Never a made-up "good".
    Revocation check(const Bytes& cert_der, const Bytes& issuer_der, SystemTime now, RevocationPass* pass = nullptr);
    // The issuing CA's certificate from an AIA caIssuers URL (allow-listed
    // host, timeout), DER or PEM; nullopt when it cannot be had.
    std::optional<Bytes> fetch_issuer(const std::string& url) const;

    // The last real answer for each certificate asked about (by DER
    // SHA-256), marked as cached: shown with its age while a fresh one is
    // asked, and kept if none comes.
    std::map<std::string, Revocation> last_answers() const;

    const RevocationConfig& config() const { return config_; }

    // IT's actions on the CRL cache (admin screen). Both also drop the CRLs
    // held in memory, so the next card uses what is on disk now.
    // Fetches every cached CRL again from its URL; returns how many were
    // renewed, and the failures as "issuer: why" lines.
    int refresh_crl_cache(std::vector<std::string>& failures);
    // Removes every cached CRL; the next card fetches what it needs.
    void clear_crl_cache();

private:
    Revocation ask_ocsp(const std::string& url, const Bytes& cert_der, const Bytes& issuer_der, SystemTime now);
    // OCSP's fallback: the CRL from the distribution point, signature and
    // freshness checked, from the disk cache while it is current.
    Revocation ask_crl(const std::string& url, const Bytes& cert_der, const Bytes& issuer_der, SystemTime now);

    RevocationConfig config_;
    mutable std::mutex cache_mutex_;
    std::map<std::string, Revocation> cache_;
    // Parsed CRLs by URL: a national CRL is tens of MB and must not be
    // decoded again for every card.
    std::mutex crl_mutex_;
    std::map<std::string, std::shared_ptr<X509_CRL>> crls_;
};

}  // namespace eimza::hw
