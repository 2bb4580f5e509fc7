// The optimiser of `offtake portfolio FILE --optimise` as a table and as CSV
// (docs/portfolio.md section 5d; docs/cli.md).
#pragma once

#include <offtake/portfolio_optimise.hpp>

#include <string>

namespace offtake::cli {

std::string render_optimise_table(const OptimiseResult& r);
std::string render_optimise_csv(const OptimiseResult& r);

}  // namespace offtake::cli
