// The identity of a random draw: a risk factor's or an event's name hashed to 64 bits
// (FNV-1a 64, Fowler, Noll, Vo; the IETF draft draft-eastlake-fnv; the same function
// hashes a run's inputs, montecarlo/inputs_hash.cpp). A name, not a position, keys the draw, so
// two deals that name the same factor or counterparty read the same numbers.
#pragma once

#include <cstdint>
#include <string_view>

namespace offtake {

constexpr std::uint64_t kFnvOffsetBasis = 14695981039346656037ull;
constexpr std::uint64_t kFnvPrime = 1099511628211ull;

constexpr std::uint64_t identity_hash(std::string_view bytes, std::uint64_t h = kFnvOffsetBasis) {
    for (const char c : bytes) {
        h ^= static_cast<unsigned char>(c);
        h *= kFnvPrime;
    }
    return h;
}

}  // namespace offtake
