// The what-if of `offtake portfolio FILE --what-if` as a table and as CSV
// (docs/portfolio.md, "What-if"; docs/cli.md).
#pragma once

#include <offtake/portfolio_what_if.hpp>

#include <string>

namespace offtake::cli {

std::string render_what_if_table(const WhatIfResult& r);
std::string render_what_if_csv(const WhatIfResult& r);

}  // namespace offtake::cli
