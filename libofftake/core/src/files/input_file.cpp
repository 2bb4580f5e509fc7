#include "files/input_file.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace offtake::files {

namespace {

InputFileFailure unreadable(const std::string& path, std::string rule) {
    return InputFileFailure{true, Problem{path, 0, 0, "", std::move(rule)}};
}

// Closes the descriptor on every path out.
struct Descriptor {
    int fd = -1;
    ~Descriptor() {
        if (fd >= 0) ::close(fd);
    }
};

}  // namespace

const char* non_regular_kind(unsigned int st_mode) {
    if (S_ISREG(st_mode)) return nullptr;
    if (S_ISDIR(st_mode)) return "a folder";
    if (S_ISFIFO(st_mode)) return "a FIFO or pipe (such as a process substitution <(...))";
    if (S_ISCHR(st_mode)) return "a character device (such as /dev/zero or a terminal)";
    if (S_ISBLK(st_mode)) return "a block device";
    if (S_ISSOCK(st_mode)) return "a socket";
    return "not a regular file";
}

std::optional<InputFileFailure> read_input_file(const std::string& path, std::size_t max_bytes,
                                                const char* what, std::string& text) {
    text.clear();
    if (path.empty()) return unreadable(path, fmt::format("no {} given (the path is empty)", what));
    // O_NONBLOCK: opening a FIFO without a writer would otherwise wait for ever. The
    // type is checked on the open descriptor itself, so the path cannot change between
    // the check and the read.
    Descriptor d;
    d.fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (d.fd < 0) {
        const int err = errno;
        struct stat st {};
        if (::stat(path.c_str(), &st) == 0 && non_regular_kind(st.st_mode))
            return unreadable(path, fmt::format("is {}, not a regular file; give the path of a saved {}",
                                                non_regular_kind(st.st_mode), what));
        return unreadable(path, fmt::format("cannot open the {}: {}", what, std::strerror(err)));
    }
    struct stat st {};
    if (::fstat(d.fd, &st) != 0)
        return unreadable(path, fmt::format("cannot read the {}: {}", what, std::strerror(errno)));
    if (const char* kind = non_regular_kind(st.st_mode))
        return unreadable(path, fmt::format("is {}, not a regular file; give the path of a saved {}", kind, what));
    const auto too_large = [&](const std::string& size) {
        return InputFileFailure{false, Problem{path, 0, 0, "",
                                               fmt::format("file is {}; a {} may hold at most {} bytes", size,
                                                           what, max_bytes)}};
    };
    if (st.st_size > 0 && static_cast<unsigned long long>(st.st_size) > max_bytes)
        return too_large(fmt::format("{} bytes", st.st_size));
    // Regular files only from here; the flag no longer matters but is cleared anyway.
    ::fcntl(d.fd, F_SETFL, ::fcntl(d.fd, F_GETFL) & ~O_NONBLOCK);
    // Read to the end, whatever the reported size (files in /proc report 0), but never
    // more than one byte past the limit.
    text.resize(max_bytes + 1);
    std::size_t got = 0;
    while (got < text.size()) {
        const ssize_t n = ::read(d.fd, text.data() + got, text.size() - got);
        if (n < 0) {
            if (errno == EINTR) continue;
            const int err = errno;
            text.clear();
            return unreadable(path, fmt::format("cannot read the {}: {}", what, std::strerror(err)));
        }
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
    }
    if (got > max_bytes) {
        text.clear();
        return too_large(fmt::format("more than {} bytes", max_bytes));
    }
    text.resize(got);
    text.shrink_to_fit();
    return std::nullopt;
}

std::string read_input_file_or_throw(const std::string& path, std::size_t max_bytes, const char* what) {
    std::string text;
    if (auto failure = read_input_file(path, max_bytes, what, text)) throw DealError(std::move(failure->problem));
    return text;
}

}  // namespace offtake::files
