// Errors the library raises. Every error about a deal says where (file, line, column,
// field path) and which rule was broken, so that a user can fix the file without
// reading code. Lines and columns are one-based; 0 means unknown.
#pragma once

#include <offtake/export.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace offtake {

struct Problem {
    std::string file;
    int line = 0;
    int column = 0;
    std::string field;   // e.g. offtakes[0].pricing.floor
    std::string rule;    // e.g. "floor must not exceed cap (floor 20000 > cap 15000)"
    // "file:line:column: field: rule"
    OFFTAKE_API std::string to_string() const;
};

// A deal that breaks one or more rules. what() lists every problem, one a line.
class OFFTAKE_API DealError : public std::runtime_error {
  public:
    explicit DealError(std::vector<Problem> problems);
    explicit DealError(Problem problem);
    const std::vector<Problem>& problems() const noexcept { return problems_; }

  private:
    std::vector<Problem> problems_;
};

// A request the engine cannot honour (resource limits, bad options).
class OFFTAKE_API UsageError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

}  // namespace offtake
