#pragma once
#include <string>
#include <vector>

namespace eimza {

// Runs argv (argv[0] a full path) and waits for it: its exit code, or -1 when
// it could not start or did not exit. With output, what it wrote to stdout
// and stderr is collected there.
int run_command(std::vector<std::string> argv, std::string* output = nullptr);

}  // namespace eimza
