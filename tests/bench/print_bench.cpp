// PDF generation per page, in process and warm (fonts loaded once, as in
// the kiosk): median of 20 generations of every document of a process.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <vector>

#include "kiosk/documents/documents.h"

int main() {
    using namespace eimza;
    std::vector<content::Problem> problems;
    const auto content = content::load_content(std::filesystem::path(EIMZA_SOURCE_DIR) / "assets" / "content", problems);
    if (!problems.empty()) return 1;
    documents::Request request;
    request.content = &content;
    request.person = {"10000000146", "Ayşe", "Yılmaz", "Iğdır", "1980-04-23", "Ankara Şehir Hastanesi", "Bilgi İşlem",
                      "Uzman", "a@example.org", "0532 123 45 67", "Üniversiteler Mahallesi 1604. Cadde Numara 9", PersonRole::staff};
    for (const char* process : {"lost_stolen", "renewal", "first_application"}) {
        request.process_id = process;
        documents::generate(request);  // warm-up: fonts and shaping caches
        std::vector<double> ms;
        std::size_t pdfs = 0;
        for (int i = 0; i < 20; ++i) {
            const auto t0 = std::chrono::steady_clock::now();
            const auto docs = documents::generate(request);
            ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
            pdfs = static_cast<std::size_t>(std::count_if(docs.begin(), docs.end(),
                                                          [](const auto& d) { return d.mime == "application/pdf"; }));
        }
        std::sort(ms.begin(), ms.end());
        // Every document here is one A4 page.
        std::printf("%s: %zu PDF pages (+ .xlsx where the route needs it) in a median %.1f ms = %.1f ms/page\n", process,
                    pdfs, ms[10], ms[10] / static_cast<double>(pdfs));
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("peak resident memory of the process: %ld MB\n", usage.ru_maxrss / 1024);
    return 0;
}
