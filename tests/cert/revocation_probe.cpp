// One RevocationChecker asked several times about the same certificate, as
// the kiosk asks at each insertion: prints "status source gap" per check.
//   revocation_probe CERT ISSUER ALLOWED_HOST COUNT
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

#include "hw/cert/revocation.h"

int main(int argc, char** argv) {
    if (argc != 5) {
        std::fprintf(stderr, "usage: revocation_probe CERT ISSUER ALLOWED_HOST COUNT\n");
        return 2;
    }
    auto read = [](const char* path) {
        std::ifstream in(path, std::ios::binary);
        return eimza::hw::Bytes(std::istreambuf_iterator<char>(in), {});
    };
    eimza::hw::RevocationConfig config;
    config.allowed_hosts = {argv[3]};
    config.timeout_ms = 1000;
    config.crl_cache_dir.clear();
    eimza::hw::RevocationChecker checker(config);
    const auto cert = read(argv[1]), issuer = read(argv[2]);
    for (int i = 0; i < std::stoi(argv[4]); ++i) {
        const auto r = checker.check(cert, issuer, std::chrono::system_clock::now());
        std::printf("%s %s %s\n", eimza::hw::to_string(r.status), eimza::hw::to_string(r.source),
                    eimza::hw::to_string(r.gap));
    }
    return 0;
}
