// The portfolio file's schema (docs/portfolio.md): every key, its type, range, default
// and meaning in one table, read by the loader's structural walk (the deal file's,
// io/deal_reader.hpp) and by the documentation.
#pragma once

#include "io/deal_schema.hpp"

namespace offtake::io {

const Field& portfolio_schema();

// Documented maximums (also enforced through the schema's list limits).
inline constexpr std::size_t kMaxPositions = 64;
inline constexpr std::size_t kMaxProducts = 10;
inline constexpr std::size_t kMaxNeedYears = 60;
inline constexpr std::size_t kMaxStresses = 16;

}  // namespace offtake::io
