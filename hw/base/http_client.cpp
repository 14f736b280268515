#include "hw/base/http_client.h"

#include <curl/curl.h>

#include "hw/base/c_ptr.h"

namespace eimza {

namespace {

struct Sink {
    hw::Bytes* out;
    std::size_t max_bytes;
};

std::size_t collect(char* data, std::size_t size, std::size_t count, void* user) {
    auto* sink = static_cast<Sink*>(user);
    const std::size_t n = size * count;
    if (sink->out->size() + n > sink->max_bytes) return 0;  // curl then fails with CURLE_WRITE_ERROR
    sink->out->insert(sink->out->end(), data, data + n);
    return n;
}

HttpOutcome outcome_of(CURLcode code) {
    switch (code) {
        case CURLE_OK: return HttpOutcome::ok;
        case CURLE_WRITE_ERROR:
        case CURLE_FILESIZE_EXCEEDED: return HttpOutcome::too_large;
        case CURLE_OPERATION_TIMEDOUT: return HttpOutcome::timed_out;
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CACERT_BADFILE: return HttpOutcome::untrusted;
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_CONNECT: return HttpOutcome::unreachable;
        default: return HttpOutcome::failed;
    }
}

}  // namespace

HttpResult http_request(const HttpPolicy& policy, const std::string& url, hw::Bytes& response, const hw::Bytes* body,
                        const char* content_type) {
    response.clear();
    HttpResult result;
    CPtr<CURL, curl_easy_cleanup> curl(curl_easy_init());
    if (!curl) {
        result.detail = "libcurl could not start";
        return result;
    }
    CURL* c = curl.get();
    char detail[CURL_ERROR_SIZE] = {};
    Sink sink{&response, policy.max_bytes};
    CPtr<curl_slist, curl_slist_free_all> headers(
        content_type ? curl_slist_append(nullptr, (std::string("Content-Type: ") + content_type).c_str()) : nullptr);
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, policy.protocols);
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, policy.protocols);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, policy.max_redirects > 0 ? 1L : 0L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, policy.max_redirects);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(policy.timeout.count()));
    if (policy.connect_timeout.count() > 0)
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(policy.connect_timeout.count()));
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(policy.max_bytes));
    if (!policy.user_agent.empty()) curl_easy_setopt(c, CURLOPT_USERAGENT, policy.user_agent.c_str());
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, detail);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
    if (!policy.ca_file.empty()) {
        // Only the configured CA: without clearing the CA directory libcurl
        // would still trust every system CA next to it.
        curl_easy_setopt(c, CURLOPT_CAINFO, policy.ca_file.c_str());
        curl_easy_setopt(c, CURLOPT_CAPATH, nullptr);
    }
    if (body) {
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body->data());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(body->size()));
    }
    const CURLcode code = curl_easy_perform(c);
    result.outcome = outcome_of(code);
    result.detail = detail[0] ? detail : curl_easy_strerror(code);
    if (code == CURLE_OK) curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &result.status);
    return result;
}

}  // namespace eimza
