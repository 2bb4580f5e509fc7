// Where a command's result goes: standard output, or a file written atomically.
//
// The whole result is built in memory first; only then is it written to a temporary
// file in the destination's folder (same file system, so rename is atomic), flushed to
// disk, and renamed over the destination. A reader therefore sees either the old file
// or the complete new one, never a half-written file: not on an error, not on Ctrl-C
// (SIGINT is blocked during the short write-and-rename), not on a full disk.
#pragma once

#include <optional>
#include <string>

namespace offtake::cli {

// Writes `content` to `path` atomically. Throws std::runtime_error (naming the file
// and the system's reason) on failure, after removing the temporary file.
void write_file_atomically(const std::string& path, const std::string& content);

// `out` empty: standard output. Otherwise write_file_atomically.
void emit(const std::optional<std::string>& out, const std::string& content);

}  // namespace offtake::cli
