#include "output_file.hpp"

#include "command.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
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

}  // namespace

void write_file_atomically(const std::string& path, const std::string& content) {
    SignalsBlocked blocked;
    TempFile temp(path);
    temp.write_all(content, path);
    temp.rename_to(path);
}

void emit(const std::optional<std::string>& out, const std::string& content) {
    if (out && !out->empty() && *out != "-") {
        write_file_atomically(*out, content);
        return;
    }
    std::fwrite(content.data(), 1, content.size(), stdout);
    std::fflush(stdout);
}

}  // namespace offtake::cli
