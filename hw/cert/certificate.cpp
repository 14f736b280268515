#include "hw/cert/certificate.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <ctime>
#include <memory>

#include "hw/base/openssl_ptr.h"

namespace eimza::hw {

namespace {

std::string name_text(const X509_NAME* name) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    // RFC 2253 order and escaping, but UTF-8 left as UTF-8 for Turkish names.
    X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
}

std::string entry_text(const X509_NAME* name, int nid) {
    const int index = X509_NAME_get_index_by_NID(name, nid, -1);
    if (index < 0) return {};
    const ASN1_STRING* value = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
    unsigned char* utf8 = nullptr;
    const int size = ASN1_STRING_to_UTF8(&utf8, value);
    if (size < 0) return {};
    std::string out(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(size));
    OPENSSL_free(utf8);
    return out;
}

SystemTime to_time(const ASN1_TIME* time) {
    std::tm tm{};
    if (!time || ASN1_TIME_to_tm(time, &tm) != 1) return {};
    return std::chrono::system_clock::from_time_t(timegm(&tm));
}

std::string oid_text(const ASN1_OBJECT* object) {
    char buffer[128];
    OBJ_obj2txt(buffer, sizeof buffer, object, 1);
    return buffer;
}

std::string hex(const unsigned char* data, std::size_t size) {
    return to_hex(Bytes(data, data + size));
}

// qcStatements are opaque to OpenSSL 3.0; the statement ids are looked up
// as encoded OIDs inside the extension, which is all "qualified" needs.
bool contains_oid(const ASN1_OCTET_STRING* value, const char* dotted) {
    Asn1ObjectPtr object(OBJ_txt2obj(dotted, 1));
    if (!object || !value) return false;
    const int size = i2d_ASN1_OBJECT(object.get(), nullptr);
    if (size <= 0) return false;
    Bytes encoded(static_cast<std::size_t>(size));
    unsigned char* p = encoded.data();
    i2d_ASN1_OBJECT(object.get(), &p);
    const unsigned char* begin = ASN1_STRING_get0_data(value);
    const unsigned char* end = begin + ASN1_STRING_length(value);
    return std::search(begin, end, encoded.begin(), encoded.end()) != end;
}

void collect_uris(const GENERAL_NAMES* names, std::vector<std::string>& out) {
    for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
        const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
        if (name->type != GEN_URI) continue;
        const ASN1_IA5STRING* uri = name->d.uniformResourceIdentifier;
        out.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(uri)),
                         static_cast<std::size_t>(ASN1_STRING_length(uri)));
    }
}

X509* decode(const Bytes& data) {
    const unsigned char* p = data.data();
    if (X509* cert = d2i_X509(nullptr, &p, static_cast<long>(data.size()))) {
        if (p == data.data() + data.size()) return cert;
        X509_free(cert);  // trailing bytes: not one certificate
        return nullptr;
    }
    BioPtr bio(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
    return PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr);
}

}  // namespace

std::optional<ParsedCertificate> parse_certificate(const Bytes& data) {
    if (data.empty() || data.size() > 1 << 20) return std::nullopt;
    X509Ptr cert(decode(data));
    if (!cert) return std::nullopt;

    ParsedCertificate out;
    const int der_size = i2d_X509(cert.get(), nullptr);
    if (der_size <= 0) return std::nullopt;
    out.der.resize(static_cast<std::size_t>(der_size));
    unsigned char* p = out.der.data();
    i2d_X509(cert.get(), &p);

    out.subject = name_text(X509_get_subject_name(cert.get()));
    out.issuer = name_text(X509_get_issuer_name(cert.get()));
    out.common_name = entry_text(X509_get_subject_name(cert.get()), NID_commonName);
    out.serial_number = entry_text(X509_get_subject_name(cert.get()), NID_serialNumber);
    const ASN1_INTEGER* serial = X509_get0_serialNumber(cert.get());
    out.serial_hex = hex(ASN1_STRING_get0_data(serial), static_cast<std::size_t>(ASN1_STRING_length(serial)));
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digest_size = 0;
    X509_digest(cert.get(), EVP_sha256(), digest, &digest_size);
    out.sha256_hex = hex(digest, digest_size);
    out.not_before = to_time(X509_get0_notBefore(cert.get()));
    out.not_after = to_time(X509_get0_notAfter(cert.get()));
    out.is_ca = X509_check_ca(cert.get()) > 0;

    if (auto* policies = static_cast<CERTIFICATEPOLICIES*>(
            X509_get_ext_d2i(cert.get(), NID_certificate_policies, nullptr, nullptr))) {
        for (int i = 0; i < sk_POLICYINFO_num(policies); ++i)
            out.policies.push_back(oid_text(sk_POLICYINFO_value(policies, i)->policyid));
        CERTIFICATEPOLICIES_free(policies);
    }
    if (auto* ekus = static_cast<EXTENDED_KEY_USAGE*>(
            X509_get_ext_d2i(cert.get(), NID_ext_key_usage, nullptr, nullptr))) {
        for (int i = 0; i < sk_ASN1_OBJECT_num(ekus); ++i) out.ekus.push_back(oid_text(sk_ASN1_OBJECT_value(ekus, i)));
        EXTENDED_KEY_USAGE_free(ekus);
    }
    if (auto* aia = static_cast<AUTHORITY_INFO_ACCESS*>(
            X509_get_ext_d2i(cert.get(), NID_info_access, nullptr, nullptr))) {
        for (int i = 0; i < sk_ACCESS_DESCRIPTION_num(aia); ++i) {
            const ACCESS_DESCRIPTION* access = sk_ACCESS_DESCRIPTION_value(aia, i);
            if (access->location->type != GEN_URI) continue;
            const ASN1_IA5STRING* uri = access->location->d.uniformResourceIdentifier;
            std::string text(reinterpret_cast<const char*>(ASN1_STRING_get0_data(uri)),
                             static_cast<std::size_t>(ASN1_STRING_length(uri)));
            const int method = OBJ_obj2nid(access->method);
            if (method == NID_ad_OCSP) out.ocsp_urls.push_back(text);
            else if (method == NID_ad_ca_issuers) out.ca_issuer_urls.push_back(text);
        }
        AUTHORITY_INFO_ACCESS_free(aia);
    }
    if (auto* points = static_cast<CRL_DIST_POINTS*>(
            X509_get_ext_d2i(cert.get(), NID_crl_distribution_points, nullptr, nullptr))) {
        for (int i = 0; i < sk_DIST_POINT_num(points); ++i) {
            const DIST_POINT* point = sk_DIST_POINT_value(points, i);
            if (point->distpoint && point->distpoint->type == 0) collect_uris(point->distpoint->name.fullname, out.crl_urls);
        }
        CRL_DIST_POINTS_free(points);
    }
    const int qc = X509_get_ext_by_NID(cert.get(), NID_qcStatements, -1);
    if (qc >= 0) {
        const ASN1_OCTET_STRING* value = X509_EXTENSION_get_data(X509_get_ext(cert.get(), qc));
        out.qualified = contains_oid(value, "0.4.0.1862.1.1") &&
                        (contains_oid(value, "2.16.792.1.61.0.1.5070.1.1") ||
                         contains_oid(value, "2.16.792.1.61.0.1.5070.2.1"));
    }
    return out;
}

std::vector<Bytes> split_certificates(const Bytes& data) {
    std::vector<Bytes> out;
    if (data.empty() || data.size() > 1 << 24) return out;
    {
        const unsigned char* p = data.data();
        X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(data.size())));
        if (cert) {
            if (p == data.data() + data.size())
                if (auto parsed = parse_certificate(data)) out.push_back(std::move(parsed->der));
            return out;
        }
    }
    BioPtr bio(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
    while (X509* raw = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
        X509Ptr cert(raw);
        const int size = i2d_X509(cert.get(), nullptr);
        if (size <= 0) continue;
        Bytes der(static_cast<std::size_t>(size));
        unsigned char* p = der.data();
        i2d_X509(cert.get(), &p);
        out.push_back(std::move(der));
    }
    ERR_clear_error();  // the end of the PEM data is reported as an error
    return out;
}

bool issued_by(const Bytes& cert_der, const Bytes& issuer_der) {
    X509Ptr cert(decode(cert_der));
    X509Ptr issuer(decode(issuer_der));
    if (!cert || !issuer || X509_check_issued(issuer.get(), cert.get()) != X509_V_OK) return false;
    KeyPtr key(X509_get_pubkey(issuer.get()));
    return key && X509_verify(cert.get(), key.get()) == 1;
}

}  // namespace eimza::hw
