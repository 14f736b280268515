#include "kiosk/base/durable_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace eimza {

namespace {

std::string failure(const std::string& what, const std::filesystem::path& path) {
    return what + " " + path.string() + ": " + std::strerror(errno);
}

bool write_all(int fd, std::string_view data) {
    while (!data.empty()) {
        const ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

}  // namespace

bool write_new_file(const std::filesystem::path& file, std::string_view data, unsigned mode, std::string& error) {
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        error = failure("cannot create", file);
        return false;
    }
    // fchmod, not the open mode: the umask of a timer-started service must
    // not decide whether the kiosk's user can read the content.
    const bool ok = write_all(fd, data) && ::fchmod(fd, static_cast<mode_t>(mode)) == 0 && ::fsync(fd) == 0;
    if (!ok) error = failure("cannot write", file);
    if (::close(fd) != 0 && ok) {
        error = failure("cannot write", file);
        return false;
    }
    return ok;
}

bool sync_directory(const std::filesystem::path& dir, std::string& error) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        error = failure("cannot open", dir);
        return false;
    }
    const bool ok = ::fsync(fd) == 0;
    if (!ok) error = failure("cannot sync", dir);
    ::close(fd);
    return ok;
}

bool write_file_atomically(const std::filesystem::path& file, std::string_view data, unsigned mode, std::string& error) {
    const std::filesystem::path dir = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
    const std::filesystem::path temporary = dir / ("." + file.filename().string() + ".tmp" + std::to_string(::getpid()));
    ::unlink(temporary.c_str());  // left by a process that died with this pid
    if (!write_new_file(temporary, data, mode, error)) {
        ::unlink(temporary.c_str());
        return false;
    }
    if (std::rename(temporary.c_str(), file.c_str()) != 0) {
        error = failure("cannot replace", file);
        ::unlink(temporary.c_str());
        return false;
    }
    return sync_directory(dir, error);
}

}  // namespace eimza
