#pragma once

#include <offtake/deal.hpp>

#include <cstdint>
#include <string>

namespace offtake::montecarlo {

constexpr std::uint64_t kFnvOffsetBasis = 0xcbf29ce484222325ULL;
std::uint64_t fnv1a(const std::string& bytes, std::uint64_t h = kFnvOffsetBasis);
// Every Deal field as text, in a fixed order (the source file name excluded: the same
// deal read from two places hashes alike; paths and seed are recorded beside the hash).
std::string canonical_dump(const Deal& deal);

}  // namespace offtake::montecarlo
