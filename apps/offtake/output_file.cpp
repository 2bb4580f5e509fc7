#include "output_file.hpp"

#include "command.hpp"

#include <offtake/errors.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

namespace offtake::cli {

namespace {

OutputError file_error(const std::string& path, const char* what) {
    return OutputError(fmt::format("{}: cannot {}: {}", path, what, std::strerror(errno)));
}

// Blocks SIGINT and SIGTERM for its lifetime, so the write-and-rename is not cut short.
class SignalsBlocked {
  public:
    SignalsBlocked() {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGINT);
        sigaddset(&set, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &set, &old_);
    }
    ~SignalsBlocked() { pthread_sigmask(SIG_SETMASK, &old_, nullptr); }
    SignalsBlocked(const SignalsBlocked&) = delete;
    SignalsBlocked& operator=(const SignalsBlocked&) = delete;

  private:
    sigset_t old_;
};

// The temporary file, removed unless committed.
class TempFile {
  public:
    explicit TempFile(const std::string& target) {
        namespace fs = std::filesystem;
        fs::path dir = fs::path(target).parent_path();
        if (dir.empty()) dir = ".";
        path_ = (dir / ("." + fs::path(target).filename().string() + ".tmp.XXXXXX")).string();
        fd_ = mkstemp(path_.data());
        if (fd_ < 0) throw file_error(target, "create a temporary file beside");
    }
    ~TempFile() {
        if (fd_ >= 0) ::close(fd_);
        if (!committed_) ::unlink(path_.c_str());
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    void write_all(const std::string& content, const std::string& target) {
        const char* p = content.data();
        std::size_t left = content.size();
        while (left > 0) {
            ssize_t n = ::write(fd_, p, left);
            if (n < 0) {
                if (errno == EINTR) continue;
                throw file_error(target, "write");
            }
            p += n;
            left -= static_cast<std::size_t>(n);
        }
        // Readable like a file the user created (mkstemp makes it 0600).
        mode_t mask = ::umask(0);
        ::umask(mask);
        ::fchmod(fd_, 0666 & ~mask);
        if (::fsync(fd_) != 0) throw file_error(target, "flush");
        if (::close(fd_) != 0) {
            fd_ = -1;
            throw file_error(target, "close");
        }
        fd_ = -1;
    }

    void rename_to(const std::string& target) {
        if (std::rename(path_.c_str(), target.c_str()) != 0) throw file_error(target, "replace");
        committed_ = true;
    }

  private:
    std::string path_;
    int fd_ = -1;
    bool committed_ = false;
};

bool to_stdout(const std::optional<std::string>& out) { return !out || out->empty() || *out == "-"; }

[[noreturn]] void refuse(const std::string& target, const std::string& rule) {
    throw UsageError(fmt::format("--out {}: {}", target, rule));
}

// The file a write to `target` replaces: `target` itself, or the file its symbolic
// link(s) point to. Refuses what --out may not name (output_file.hpp).
std::string resolved_target(const std::string& target) {
    struct stat link_st {};
    if (::lstat(target.c_str(), &link_st) != 0) return target;  // nothing there yet
    struct stat st {};
    if (::stat(target.c_str(), &st) != 0)
        refuse(target, fmt::format("is a symbolic link to {} ({}); --out writes through links to a regular file",
                                   std::filesystem::read_symlink(target).string(), std::strerror(errno)));
    if (!S_ISREG(st.st_mode)) {
        const char* kind = S_ISDIR(st.st_mode)    ? "a folder"
                           : S_ISFIFO(st.st_mode) ? "a FIFO or pipe"
                           : S_ISCHR(st.st_mode)  ? "a character device"
                           : S_ISBLK(st.st_mode)  ? "a block device"
                           : S_ISSOCK(st.st_mode) ? "a socket"
                                                  : "not a regular file";
        refuse(target, fmt::format("is {}; --out writes a regular file only (leave --out out to print to "
                                   "standard output, and redirect that with > if need be)",
                                   kind));
    }
    if (!S_ISLNK(link_st.st_mode)) return target;
    char* real = ::realpath(target.c_str(), nullptr);
    if (real == nullptr) refuse(target, fmt::format("cannot follow the symbolic link: {}", std::strerror(errno)));
    std::string out(real);
    std::free(real);
    return out;
}

}  // namespace

void check_output_target(const std::optional<std::string>& out, const std::vector<std::string>& inputs) {
    if (to_stdout(out)) return;
    const std::string target = resolved_target(*out);
    struct stat st {};
    if (::stat(target.c_str(), &st) != 0) return;  // a new file cannot be an input
    for (const auto& input : inputs) {
        struct stat in {};
        if (input.empty() || ::stat(input.c_str(), &in) != 0) continue;
        if (in.st_dev == st.st_dev && in.st_ino == st.st_ino)
            refuse(*out, fmt::format("is an input of this run ({}); refusing to overwrite it", input));
    }
}

void check_report_destination(const char* format, const std::optional<std::string>& out) {
    if (!to_stdout(out) || !::isatty(STDOUT_FILENO)) return;
    throw UsageError(fmt::format("--format {} writes a file to open in a {}: give --out FILE (or redirect "
                                 "standard output to a file); it is not printed on a terminal",
                                 format, std::string(format) == "xlsx" ? "spreadsheet" : "browser"));
}

void write_file_atomically(const std::string& path, const std::string& content) {
    const std::string target = resolved_target(path);
    SignalsBlocked blocked;
    TempFile temp(target);
    temp.write_all(content, path);
    temp.rename_to(target);
}

void emit(const std::optional<std::string>& out, const std::string& content) {
    if (!to_stdout(out)) {
        write_file_atomically(*out, content);
        return;
    }
    // A write error must not pass silently (`> /dev/full`, a full disk): stdio reports
    // it on the write or the flush, with errno set.
    errno = 0;
    const bool written = std::fwrite(content.data(), 1, content.size(), stdout) == content.size();
    const bool flushed = std::fflush(stdout) == 0;
    if (!written || !flushed || std::ferror(stdout)) {
        const int err = errno;
        std::clearerr(stdout);
        throw OutputError(fmt::format("standard output: cannot write the result: {}",
                                      err ? std::strerror(err) : "write error"));
    }
}

}  // namespace offtake::cli
