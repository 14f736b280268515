#include "hw/cert/revocation.h"

#include <openssl/evp.h>
#include <openssl/ocsp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string_view>

#include "hw/base/http_client.h"
#include "hw/base/openssl_ptr.h"
#include "hw/cert/certificate.h"

namespace eimza::hw {

namespace {

using RequestPtr = CPtr<OCSP_REQUEST, OCSP_REQUEST_free>;
using ResponsePtr = CPtr<OCSP_RESPONSE, OCSP_RESPONSE_free>;
using BasicPtr = CPtr<OCSP_BASICRESP, OCSP_BASICRESP_free>;

// DER or PEM: certificates reach here from files as well as from cards.
X509* to_x509(const Bytes& data) {
    const unsigned char* p = data.data();
    if (X509* cert = d2i_X509(nullptr, &p, static_cast<long>(data.size()))) return cert;
    BioPtr bio(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
    return PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr);
}

// One HTTP exchange with the limits every revocation request shares: http(s)
// only, no redirects (one could leave the allow-list), a hard timeout, and
// a size cap on the answer. body null: GET; otherwise POST of an OCSP request.
bool http_exchange(const std::string& url, const Bytes* body, int timeout_ms, Bytes& response) {
    HttpPolicy policy;
    policy.protocols = "http,https";
    policy.timeout = policy.connect_timeout = std::chrono::milliseconds(timeout_ms);
    // An OCSP answer is never 1 MiB; Kamu SM CRLs are large, not 256 MiB.
    policy.max_bytes = body ? std::size_t{1} << 20 : std::size_t{256} << 20;
    return http_request(policy, url, response, body, "application/ocsp-request").answered();
}


X509_CRL* decode_crl(const Bytes& data) {
    const unsigned char* p = data.data();
    if (X509_CRL* crl = d2i_X509_CRL(nullptr, &p, static_cast<long>(data.size()))) return crl;
    BioPtr bio(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
    return PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr);
}

std::string cache_name(const std::string& url) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    EVP_Digest(url.data(), url.size(), digest, &size, EVP_sha256(), nullptr);
    return to_hex(Bytes(digest, digest + size)) + ".crl";
}

SystemTime to_time(const ASN1_GENERALIZEDTIME* time) {
    std::tm tm{};
    if (!time || ASN1_TIME_to_tm(time, &tm) != 1) return {};
    return std::chrono::system_clock::from_time_t(timegm(&tm));
}

}  // namespace

std::string url_authority(const std::string& url) {
    const auto scheme = url.find("://");
    if (scheme == std::string::npos) return {};
    const std::string protocol = url.substr(0, scheme);
    if (protocol != "http" && protocol != "https") return {};
    const auto start = scheme + 3;
    const auto end = url.find_first_of("/?#", start);
    std::string authority = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (authority.find('@') != std::string::npos) return {};  // no credentials in revocation URLs
    return authority;
}

bool host_allowed(const std::string& url, const std::vector<std::string>& allowed) {
    const std::string authority = url_authority(url);
    if (authority.empty()) return false;
    const std::string host = authority.substr(0, authority.rfind(':') == std::string::npos ? authority.size()
                                                                                            : authority.rfind(':'));
    for (const auto& entry : allowed) {
        // "host" allows any port; "host:port" only that one.
        if (entry == authority || (entry.find(':') == std::string::npos && entry == host)) return true;
    }
    return false;
}

Revocation RevocationChecker::ask_ocsp(const std::string& url, const Bytes& cert_der, const Bytes& issuer_der,
                                       SystemTime now) {
    Revocation unknown;
    unknown.gap = RevocationGap::bad_answer;
    X509Ptr cert(to_x509(cert_der));
    X509Ptr issuer(to_x509(issuer_der));
    if (!cert || !issuer) return unknown;
    OCSP_CERTID* id = OCSP_cert_to_id(nullptr, cert.get(), issuer.get());
    if (!id) return unknown;
    RequestPtr request(OCSP_REQUEST_new());
    OCSP_CERTID* id_copy = OCSP_CERTID_dup(id);
    if (!OCSP_request_add0_id(request.get(), id_copy)) {
        OCSP_CERTID_free(id_copy);
        OCSP_CERTID_free(id);
        return unknown;
    }
    OCSP_request_add1_nonce(request.get(), nullptr, -1);
    const int size = i2d_OCSP_REQUEST(request.get(), nullptr);
    Bytes body(static_cast<std::size_t>(std::max(size, 0)));
    unsigned char* p = body.data();
    i2d_OCSP_REQUEST(request.get(), &p);

    Bytes answer;
    const bool answered = http_exchange(url, &body, config_.timeout_ms, answer);
    CPtr<OCSP_CERTID, OCSP_CERTID_free> id_guard(id);
    if (!answered) {
        unknown.gap = RevocationGap::no_answer;
        return unknown;
    }
    const unsigned char* q = answer.data();
    ResponsePtr response(d2i_OCSP_RESPONSE(nullptr, &q, static_cast<long>(answer.size())));
    if (!response || OCSP_response_status(response.get()) != OCSP_RESPONSE_STATUS_SUCCESSFUL) return unknown;
    BasicPtr basic(OCSP_response_get1_basic(response.get()));
    if (!basic) return unknown;
    // A replayed answer to someone else's question is worthless.
    if (OCSP_check_nonce(request.get(), basic.get()) != 1) return unknown;
    // Signed by the issuer itself, or by a responder it certified for OCSP.
    X509StorePtr store(X509_STORE_new());
    X509_STORE_add_cert(store.get(), issuer.get());
    // The issuer is usually an intermediate: trust it without its root.
    X509_STORE_set_flags(store.get(), X509_V_FLAG_PARTIAL_CHAIN);
    STACK_OF(X509)* issuers = sk_X509_new_null();
    sk_X509_push(issuers, issuer.get());
    const int verified = OCSP_basic_verify(basic.get(), issuers, store.get(), OCSP_TRUSTOTHER);
    sk_X509_free(issuers);
    if (verified != 1) return unknown;

    int status = 0, reason = 0;
    ASN1_GENERALIZEDTIME *revoked_at = nullptr, *this_update = nullptr, *next_update = nullptr;
    if (!OCSP_resp_find_status(basic.get(), id, &status, &reason, &revoked_at, &this_update, &next_update))
        return unknown;
    if (!OCSP_check_validity(this_update, next_update, config_.clock_skew_seconds, -1)) return unknown;  // stale
    Revocation result;
    result.source = RevocationSource::ocsp;
    result.checked_at = now;
    result.this_update = to_time(this_update);
    if (next_update) result.next_update = to_time(next_update);
    if (status == V_OCSP_CERTSTATUS_GOOD) {
        result.status = RevocationStatus::good;
    } else if (status == V_OCSP_CERTSTATUS_REVOKED) {
        result.status = RevocationStatus::revoked;
        result.revoked_at = to_time(revoked_at);
    } else {
        result.gap = RevocationGap::bad_answer;  // the responder does not know the certificate
    }
    return result;
}

Revocation RevocationChecker::ask_crl(const std::string& url, const Bytes& cert_der, const Bytes& issuer_der,
                                      SystemTime now) {
    Revocation unknown;
    unknown.gap = RevocationGap::bad_answer;
    X509Ptr cert(to_x509(cert_der));
    X509Ptr issuer(to_x509(issuer_der));
    if (!cert || !issuer) return unknown;
    KeyPtr key(X509_get_pubkey(issuer.get()));
    const std::time_t now_t = std::chrono::system_clock::to_time_t(now);
    // A CRL is usable when the issuer signed it and its nextUpdate is ahead.
    auto usable = [&](X509_CRL* crl) {
        if (!crl || !key || X509_CRL_verify(crl, key.get()) != 1) return false;
        if (X509_NAME_cmp(X509_CRL_get_issuer(crl), X509_get_subject_name(issuer.get())) != 0) return false;
        const ASN1_TIME* next = X509_CRL_get0_nextUpdate(crl);
        std::time_t skewed = now_t - config_.clock_skew_seconds;
        return next && X509_cmp_time(next, &skewed) > 0;
    };
    const std::filesystem::path cached =
        config_.crl_cache_dir.empty() ? std::filesystem::path() : std::filesystem::path(config_.crl_cache_dir) / cache_name(url);
    std::shared_ptr<X509_CRL> crl;
    bool from_cache = false;
    std::error_code ec;
    {
        std::lock_guard lock(crl_mutex_);
        if (auto it = crls_.find(url); it != crls_.end() && usable(it->second.get())) {
            crl = it->second;
            from_cache = true;
        }
    }
    if (!crl && !cached.empty() && std::filesystem::exists(cached, ec)) {
        std::ifstream in(cached, std::ios::binary);
        crl.reset(decode_crl(Bytes(std::istreambuf_iterator<char>(in), {})), X509_CRL_free);
        from_cache = usable(crl.get());
        if (!from_cache) crl.reset();
    }
    if (!crl) {
        Bytes body;
        if (!http_exchange(url, nullptr, config_.timeout_ms, body)) {
            unknown.gap = RevocationGap::no_answer;
            return unknown;
        }
        crl.reset(decode_crl(body), X509_CRL_free);
        if (!usable(crl.get())) return unknown;
        if (!cached.empty()) {
            std::filesystem::create_directories(cached.parent_path(), ec);
            const auto tmp = cached.string() + ".tmp";
            std::ofstream(tmp, std::ios::binary).write(reinterpret_cast<const char*>(body.data()),
                                                       static_cast<std::streamsize>(body.size()));
            std::filesystem::rename(tmp, cached, ec);
            // The URL beside it lets IT refresh the cache from the admin screen.
            std::ofstream(cached.string() + ".url") << url << '\n';
        }
    }
    {
        std::lock_guard lock(crl_mutex_);
        crls_[url] = crl;
    }
    // A CRL kept on disk is the issuer's signed word until its nextUpdate:
    // an answer of its own time, which the screen shows, not a reused one.
    Revocation result;
    result.source = RevocationSource::crl;
    result.crl_from_cache = from_cache;
    result.checked_at = now;
    result.this_update = to_time(X509_CRL_get0_lastUpdate(crl.get()));
    if (const ASN1_TIME* next = X509_CRL_get0_nextUpdate(crl.get())) result.next_update = to_time(next);
    X509_REVOKED* entry = nullptr;
    if (X509_CRL_get0_by_serial(crl.get(), &entry, X509_get0_serialNumber(cert.get())) == 1) {
        result.status = RevocationStatus::revoked;
        result.revoked_at = to_time(X509_REVOKED_get0_revocationDate(entry));
    } else {
        result.status = RevocationStatus::good;
    }
    return result;
}

Revocation RevocationChecker::check(const Bytes& cert_der, const Bytes& issuer_der, SystemTime now,
                                    RevocationPass* pass) {
    const auto cert = parse_certificate(cert_der);
    Revocation answer;
    if (!cert) {
        answer.gap = RevocationGap::no_issuer;
        return answer;
    }
    answer.gap = RevocationGap::disabled;
    if (config_.enabled) {
        // The most telling reason wins: a rejected answer says more than a
        // silent host, which says more than a host we may not ask.
        auto worse = [](RevocationGap a, RevocationGap b) {
            auto rank = [](RevocationGap g) {
                switch (g) {
                    case RevocationGap::bad_answer: return 4;
                    case RevocationGap::no_answer: return 3;
                    case RevocationGap::host_not_allowed: return 2;
                    default: return 1;
                }
            };
            return rank(b) > rank(a) ? b : a;
        };
        RevocationGap gap = RevocationGap::no_source;
        std::string detail;
        auto ask = [&](const char* kind, const std::string& url, auto&& how) {
            if (answer.status != RevocationStatus::unknown) return;
            std::string outcome;
            const std::string host = url_authority(url);
            if (!host_allowed(url, config_.allowed_hosts)) {
                gap = worse(gap, RevocationGap::host_not_allowed);
                outcome = "host not on the allow-list";
            } else if (pass && pass->silent_hosts.count(host)) {
                gap = worse(gap, RevocationGap::no_answer);
                outcome = "not asked, the host did not answer earlier";
            } else {
                Revocation got = how(url);
                if (got.status != RevocationStatus::unknown) {
                    answer = got;
                    outcome = to_string(got.status);
                } else {
                    gap = worse(gap, got.gap);
                    outcome = got.gap == RevocationGap::no_answer ? "no answer" : "answer rejected";
                    if (pass && got.gap == RevocationGap::no_answer) pass->silent_hosts.insert(host);
                }
            }
            detail += (detail.empty() ? "" : "; ") + std::string(kind) + " " + url + ": " + outcome;
        };
        for (const auto& url : cert->ocsp_urls)
            ask("OCSP", url, [&](const std::string& u) { return ask_ocsp(u, cert_der, issuer_der, now); });
        for (const auto& url : cert->crl_urls)
            ask("CRL", url, [&](const std::string& u) { return ask_crl(u, cert_der, issuer_der, now); });
        answer.detail = detail;
        if (answer.status == RevocationStatus::unknown) answer.gap = gap;
    }
    std::lock_guard lock(cache_mutex_);
    if (answer.status != RevocationStatus::unknown) {
        cache_[cert->sha256_hex] = answer;
        return answer;
    }
    // No answer now: the last real one, marked as cached with its age (its
    // checked_at) and why nothing fresh came.
    if (auto it = cache_.find(cert->sha256_hex); it != cache_.end() && config_.enabled) {
        Revocation cached = it->second;
        cached.source = RevocationSource::cache;
        cached.gap = answer.gap;
        cached.detail = answer.detail;
        return cached;
    }
    return answer;
}

std::optional<Bytes> RevocationChecker::fetch_issuer(const std::string& url) const {
    if (!config_.enabled || !host_allowed(url, config_.allowed_hosts)) return std::nullopt;
    Bytes body;
    if (!http_exchange(url, nullptr, config_.timeout_ms, body)) return std::nullopt;
    auto parsed = parse_certificate(body);
    if (!parsed || !parsed->is_ca) return std::nullopt;
    return parsed->der;
}

std::map<std::string, Revocation> RevocationChecker::last_answers() const {
    std::lock_guard lock(cache_mutex_);
    auto out = cache_;
    for (auto& [key, value] : out) value.source = RevocationSource::cache;
    return out;
}

std::vector<CachedCrl> list_crl_cache(const std::string& dir) {
    std::vector<CachedCrl> out;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        if (entry.path().extension() != ".crl") continue;
        CachedCrl item;
        item.file = entry.path().filename();
        const auto written = std::filesystem::last_write_time(entry.path(), ec);
        if (!ec)
            item.fetched = std::chrono::time_point_cast<std::chrono::system_clock::duration>(
                std::chrono::file_clock::to_sys(written));
        std::ifstream(entry.path().string() + ".url") >> item.url;
        std::ifstream in(entry.path(), std::ios::binary);
        X509CrlPtr crl(decode_crl(Bytes(std::istreambuf_iterator<char>(in), {})));
        if (crl) {
            item.readable = true;
            char name[256] = {};
            X509_NAME* issuer = X509_CRL_get_issuer(crl.get());
            if (X509_NAME_get_text_by_NID(issuer, NID_commonName, name, sizeof name) > 0) {
                item.issuer = name;
            } else {
                X509_NAME_oneline(issuer, name, sizeof name);
                item.issuer = name;
            }
            item.this_update = to_time(X509_CRL_get0_lastUpdate(crl.get()));
            item.next_update = to_time(X509_CRL_get0_nextUpdate(crl.get()));
        }
        out.push_back(std::move(item));
    }
    std::sort(out.begin(), out.end(), [](const CachedCrl& a, const CachedCrl& b) { return a.file < b.file; });
    return out;
}

int RevocationChecker::refresh_crl_cache(std::vector<std::string>& failures) {
    int renewed = 0;
    for (const auto& cached : list_crl_cache(config_.crl_cache_dir)) {
        const std::string name = cached.issuer.empty() ? cached.file : cached.issuer;
        if (cached.url.empty()) {
            failures.push_back(name + ": source unknown");
            continue;
        }
        if (!config_.enabled || !host_allowed(cached.url, config_.allowed_hosts)) {
            failures.push_back(name + ": host not allowed");
            continue;
        }
        Bytes body;
        if (!http_exchange(cached.url, nullptr, config_.timeout_ms, body)) {
            failures.push_back(name + ": download failed");
            continue;
        }
        X509CrlPtr crl(decode_crl(body));
        if (!crl) {
            failures.push_back(name + ": not a CRL");
            continue;
        }
        // The signature is checked when a card needs the CRL; here it only
        // has to be a CRL, so a broken download never replaces a good copy.
        const auto path = std::filesystem::path(config_.crl_cache_dir) / cached.file;
        const auto tmp = path.string() + ".tmp";
        std::ofstream(tmp, std::ios::binary).write(reinterpret_cast<const char*>(body.data()),
                                                   static_cast<std::streamsize>(body.size()));
        std::error_code ec;
        std::filesystem::rename(tmp, path, ec);
        if (ec) {
            failures.push_back(name + ": cannot write the cache");
            continue;
        }
        ++renewed;
    }
    std::lock_guard lock(crl_mutex_);
    crls_.clear();
    return renewed;
}

void RevocationChecker::clear_crl_cache() {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(config_.crl_cache_dir, ec)) {
        const auto extension = entry.path().extension();
        if (extension == ".crl" || extension == ".url" || extension == ".tmp") std::filesystem::remove(entry.path(), ec);
    }
    std::lock_guard lock(crl_mutex_);
    crls_.clear();
}

namespace {

// The head of a cached CRL file as DER: PEM bodies are decoded as far as
// they were read.
Bytes der_head(const std::filesystem::path& file, std::size_t limit) {
    std::ifstream in(file, std::ios::binary);
    Bytes head(limit);
    in.read(reinterpret_cast<char*>(head.data()), static_cast<std::streamsize>(limit));
    head.resize(static_cast<std::size_t>(in.gcount()));
    static constexpr std::string_view kPem = "-----BEGIN";
    if (head.size() < kPem.size() || !std::equal(kPem.begin(), kPem.end(), head.begin())) return head;
    // The base64 body after the BEGIN line, up to END or the read limit; a
    // cut-off tail is dropped to whole 4-character groups.
    std::string base64;
    for (auto it = std::find(head.begin(), head.end(), '\n'); it != head.end() && *it != '-'; ++it)
        if (std::isalnum(*it) || *it == '+' || *it == '/' || *it == '=') base64 += static_cast<char>(*it);
    base64.resize(base64.size() / 4 * 4);
    Bytes der(base64.size() / 4 * 3);
    const int n = EVP_DecodeBlock(der.data(), reinterpret_cast<const unsigned char*>(base64.data()),
                                  static_cast<int>(base64.size()));
    der.resize(n < 0 ? 0 : static_cast<std::size_t>(n));
    return der;
}

// One DER header at pos: its tag and content length; pos moves to the content.
bool der_header(const Bytes& der, std::size_t& pos, unsigned char& tag, std::size_t& length) {
    if (pos + 2 > der.size()) return false;
    tag = der[pos++];
    const std::size_t first = der[pos++];
    if (first < 0x80) {
        length = first;
        return true;
    }
    const std::size_t octets = first & 0x7f;
    if (octets == 0 || octets > 4 || pos + octets > der.size()) return false;
    length = 0;
    for (std::size_t i = 0; i < octets; ++i) length = (length << 8) | der[pos++];
    return true;
}

// CertificateList ::= SEQUENCE { tbsCertList SEQUENCE { version INTEGER
// OPTIONAL, signature AlgorithmIdentifier, issuer Name, thisUpdate Time, ...
// walked by headers only, so the revoked entries after it are never needed.
std::optional<SystemTime> crl_this_update(const Bytes& der) {
    constexpr unsigned char kSequence = 0x30, kInteger = 0x02, kUtcTime = 0x17, kGeneralizedTime = 0x18;
    std::size_t pos = 0, length = 0;
    unsigned char tag = 0;
    for (int i = 0; i < 2; ++i)
        if (!der_header(der, pos, tag, length) || tag != kSequence) return std::nullopt;
    if (!der_header(der, pos, tag, length)) return std::nullopt;
    if (tag == kInteger) {
        pos += length;
        if (!der_header(der, pos, tag, length)) return std::nullopt;
    }
    for (int skipped = 0; skipped < 2; ++skipped) {  // signature, issuer
        if (tag != kSequence) return std::nullopt;
        pos += length;
        if (!der_header(der, pos, tag, length)) return std::nullopt;
    }
    if ((tag != kUtcTime && tag != kGeneralizedTime) || pos + length > der.size()) return std::nullopt;
    CPtr<ASN1_TIME, ASN1_TIME_free> time(ASN1_TIME_new());
    const std::string text(der.begin() + static_cast<std::ptrdiff_t>(pos),
                           der.begin() + static_cast<std::ptrdiff_t>(pos + length));
    if (!time || ASN1_TIME_set_string(time.get(), text.c_str()) != 1) return std::nullopt;
    const SystemTime when = to_time(time.get());
    if (when == SystemTime{}) return std::nullopt;
    return when;
}

}  // namespace

CrlCacheSummary summarize_crl_cache(const std::string& dir) {
    constexpr std::size_t kHeadBytes = 16 * 1024;  // Kamu SM's issuer names are a few hundred bytes
    CrlCacheSummary summary;
    std::error_code ec;
    if (dir.empty()) return summary;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        if (entry.path().extension() != ".crl" || !entry.is_regular_file(ec)) continue;
        ++summary.count;
        const auto this_update = crl_this_update(der_head(entry.path(), kHeadBytes));
        if (this_update && (!summary.oldest_this_update || *this_update < *summary.oldest_this_update))
            summary.oldest_this_update = this_update;
    }
    return summary;
}

}  // namespace eimza::hw
