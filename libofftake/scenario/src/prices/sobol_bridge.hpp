// Sobol quasi-random normals with a Brownian bridge, addressable by path index: the
// numbers of path p are what QuantLib's SobolBrownianGenerator(factors, steps, Diagonal,
// JoeKuoD7 direction integers) gives as its p-th path, but computed directly from p (Gray
// code: point p = XOR of the direction integers of the set bits of gray(p + 1)), so no
// generator state is shared between threads and paths may run in any order.
#pragma once

#include <ql/methods/montecarlo/brownianbridge.hpp>

#include <cstdint>
#include <vector>

namespace offtake {

class SobolBridge {
  public:
    SobolBridge(int factors, int steps);
    int factors() const { return factors_; }
    int steps() const { return steps_; }
    int dimension() const { return factors_ * steps_; }
    // Writes z[s * factors + k] (standard normals: the bridge's increments divided by the
    // square root of their unit time step). `work` holds dimension() + 2 * steps() doubles.
    void normals(std::uint64_t index, double* z, double* work) const;

  private:
    static constexpr int kBits = 31;
    int factors_ = 0, steps_ = 0;
    std::vector<std::uint32_t> direction_;  // [bit * dimension + d]
    std::vector<std::size_t> order_;        // [k * steps + j]: Sobol dimension feeding it
    QuantLib::BrownianBridge bridge_;
};

}  // namespace offtake
