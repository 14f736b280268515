#pragma once
// Owning pointers to C libraries' objects (OpenSSL, libcurl), each freed by
// its library's own function: CPtr<X509, X509_free>.
#include <memory>

namespace eimza {

template <class T, void (*Free)(T*)>
struct FreeWith {
    void operator()(T* p) const { Free(p); }
};

template <class T, void (*Free)(T*)>
using CPtr = std::unique_ptr<T, FreeWith<T, Free>>;

}  // namespace eimza
