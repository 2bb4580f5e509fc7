#pragma once

#include <offtake/deal.hpp>

#include "random/identity_hash.hpp"

#include <cstdint>
#include <string>

namespace offtake::montecarlo {

using offtake::kFnvOffsetBasis;
std::uint64_t fnv1a(const std::string& bytes, std::uint64_t h = kFnvOffsetBasis);
// Every Deal field as text, in a fixed order (the source file name excluded: the same
// deal read from two places hashes alike; paths and seed are recorded beside the hash).
std::string canonical_dump(const Deal& deal);

}  // namespace offtake::montecarlo
