#pragma once
// Scratch directories for tests: one root per process (ctest runs test cases
// in parallel, each in its own process), removed when the process ends.
#include <unistd.h>

#include <filesystem>
#include <string>
#include <system_error>

namespace eimza::testing {

inline std::filesystem::path fresh_dir(const std::string& name) {
    struct ScratchRoot {
        std::filesystem::path path =
            std::filesystem::temp_directory_path() / ("eimza-test-" + std::to_string(getpid()));
        ~ScratchRoot() {
            std::error_code ec;
            std::filesystem::remove_all(path, ec);
        }
    };
    static const ScratchRoot root;
    const std::filesystem::path dir = root.path / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

}  // namespace eimza::testing
