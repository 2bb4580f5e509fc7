// Reading an input file without trusting the path: every file the engine reads (deal,
// price model, scorecard, price series, futures panel) goes through read_input_file, so
// all get the same checks and the same messages (docs/hardening.md, "Resource limits"):
//   - it must be a regular file: a folder, a FIFO or pipe (process substitution
//     `<(...)`), a device (/dev/zero) or a socket is refused by name, before any read,
//     so nothing can hang on a FIFO or read without end from a device;
//   - it may hold at most `max_bytes`; the read itself stops one byte past the limit,
//     so a file whose reported size is wrong (/proc) cannot grow memory either.
#pragma once

#include <offtake/errors.hpp>

#include <cstddef>
#include <optional>
#include <string>

namespace offtake::files {

// Deal, price-model and scorecard files (YAML), and the compiled-in data.
inline constexpr std::size_t kMaxYamlFileBytes = 512 * 1024;
// Price series and futures panels (CSV): a century of daily prices is about 1 MB.
inline constexpr std::size_t kMaxCsvFileBytes = 16 * 1024 * 1024;

struct InputFileFailure {
    // True when the file could not be read at all (missing, not a regular file,
    // permissions, read error): the C API reports OFFTAKE_E_IO. False when it was read
    // but is too large: its content breaks a rule.
    bool unreadable = true;
    Problem problem;
};

// Reads all of `path` into `text`. `what` names the kind of file in messages
// ("deal file", "price model file", ...). Returns the failure, or nothing on success.
std::optional<InputFileFailure> read_input_file(const std::string& path, std::size_t max_bytes,
                                                const char* what, std::string& text);

// The same, throwing DealError with the problem.
std::string read_input_file_or_throw(const std::string& path, std::size_t max_bytes, const char* what);

// "a folder", "a FIFO or pipe", ... for a file type from stat(); nullptr for a regular file.
const char* non_regular_kind(unsigned int st_mode);

}  // namespace offtake::files
