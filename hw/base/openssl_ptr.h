#pragma once
// The OpenSSL objects the certificate code and the content bundles hold,
// each with its owning pointer.
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include "hw/base/c_ptr.h"

namespace eimza {

using BioPtr = CPtr<BIO, BIO_free_all>;
using X509Ptr = CPtr<X509, X509_free>;
using KeyPtr = CPtr<EVP_PKEY, EVP_PKEY_free>;
using X509StorePtr = CPtr<X509_STORE, X509_STORE_free>;
using X509StoreCtxPtr = CPtr<X509_STORE_CTX, X509_STORE_CTX_free>;
using X509CrlPtr = CPtr<X509_CRL, X509_CRL_free>;
using Asn1ObjectPtr = CPtr<ASN1_OBJECT, ASN1_OBJECT_free>;

// A stack that owns its certificates.
inline void free_x509_stack(STACK_OF(X509) * certs) { sk_X509_pop_free(certs, X509_free); }
using X509StackPtr = CPtr<STACK_OF(X509), free_x509_stack>;

}  // namespace eimza
