#include "kiosk/core/atomic_write.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace eimza {

namespace {

bool fail(std::string& error, const std::string& what) {
    error = what + ": " + std::strerror(errno);
    return false;
}

}  // namespace

bool write_file_atomically(const std::filesystem::path& path, std::string_view content, mode_t mode, bool durable,
                           std::string& error) {
    // Not matching the reader's pattern (node_exporter reads *.prom only).
    const std::filesystem::path temporary = path.string() + ".tmp";
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) return fail(error, "cannot create " + temporary.string());
    bool ok = ::fchmod(fd, mode) == 0;
    for (std::size_t done = 0; ok && done < content.size();) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) continue;
        ok = n > 0;
        if (ok) done += static_cast<std::size_t>(n);
    }
    if (ok && durable) ok = ::fsync(fd) == 0;
    const int saved = errno;
    if (::close(fd) != 0) ok = false;
    if (!ok) {
        errno = saved;
        fail(error, "cannot write " + temporary.string());
        ::unlink(temporary.c_str());
        return false;
    }
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
        fail(error, "cannot rename to " + path.string());
        ::unlink(temporary.c_str());
        return false;
    }
    if (durable) {
        // The rename itself lives in the directory: without this a power
        // cut may bring back the old file.
        const auto dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
        const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dir_fd >= 0) {
            ::fsync(dir_fd);
            ::close(dir_fd);
        }
    }
    return true;
}

}  // namespace eimza
