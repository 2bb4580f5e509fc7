// Where a command's result goes: standard output, or a file written atomically.
//
// The whole result is built in memory first; only then is it written to a temporary
// file in the destination's folder (same file system, so rename is atomic), flushed to
// disk, and renamed over the destination. A reader therefore sees either the old file
// or the complete new one, never a half-written file: not on an error, not on Ctrl-C
// (SIGINT is blocked during the short write-and-rename), not on a full disk.
//
// What --out may name (checked by check_output_target before any work, and again when
// writing): a regular file, or a path where none exists yet. A symbolic link is written
// through (the file it points to is replaced, the link stays). Refused as bad usage: a
// folder, FIFO, device or socket (as root, rename() would replace a device node with a
// regular file), a link to nothing, and any input file of the run, whatever its
// spelling (same device and inode: another path or a hard link).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace offtake::cli {

// Throws UsageError naming the target and the rule. `inputs`: the run's input files
// (empty strings are skipped).
void check_output_target(const std::optional<std::string>& out, const std::vector<std::string>& inputs);

// `--format html` and `--format xlsx` make a file to open in a browser or a spreadsheet:
// with no --out while standard output is a terminal, a UsageError saying to give --out
// (checked before any work). Redirected standard output is fine (`> report.html`).
void check_report_destination(const char* format, const std::optional<std::string>& out);

// Writes `content` to `path` atomically. Throws OutputError (naming the file and the
// system's reason) on failure, after removing the temporary file.
void write_file_atomically(const std::string& path, const std::string& content);

// `out` empty: standard output, where a write error (a full disk, /dev/full, a closed
// pipe) is an OutputError too. Otherwise write_file_atomically.
void emit(const std::optional<std::string>& out, const std::string& content);

}  // namespace offtake::cli
