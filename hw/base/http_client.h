#pragma once
// The one HTTP client: every request the kiosk makes (OCSP, CRLs, content
// bundles) goes through it with an explicit policy, so the limits that keep
// a hostile or broken server harmless are set in one place.
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>

#include "hw/base/bytes.h"

namespace eimza {

struct HttpPolicy {
    const char* protocols = "https";  // libcurl's list, for the URL and any redirect
    long max_redirects = 0;           // 0: a redirect is the answer, not followed
    std::chrono::milliseconds timeout{10000};          // the whole exchange
    std::chrono::milliseconds connect_timeout{0};      // 0: libcurl's default
    std::size_t max_bytes = 1 << 20;                   // a larger answer fails as too_large
    std::filesystem::path ca_file;                     // the only CA trusted; empty: the system's
    std::string user_agent;                            // empty: none sent
};

enum class HttpOutcome { ok, too_large, timed_out, untrusted, unreachable, failed };

struct HttpResult {
    HttpOutcome outcome = HttpOutcome::failed;
    long status = 0;     // the HTTP status when the exchange completed
    std::string detail;  // libcurl's words, for logs
    bool answered() const { return outcome == HttpOutcome::ok && status == 200; }
};

// GET url, or POST body (with content_type) when body is not null.
HttpResult http_request(const HttpPolicy& policy, const std::string& url, hw::Bytes& response,
                        const hw::Bytes* body = nullptr, const char* content_type = nullptr);

}  // namespace eimza
