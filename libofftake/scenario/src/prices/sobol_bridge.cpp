#include "prices/sobol_bridge.hpp"

#include <offtake/errors.hpp>

#include <ql/math/distributions/normaldistribution.hpp>
#include <ql/math/randomnumbers/sobolrsg.hpp>
#include <ql/models/marketmodels/browniangenerators/sobolbrowniangenerator.hpp>

#include <string>

namespace offtake {

SobolBridge::SobolBridge(int factors, int steps)
    : factors_(factors), steps_(steps), bridge_(static_cast<QuantLib::Size>(steps)) {
    const int dim = factors * steps;
    if (dim > 21201)
        throw UsageError("Sobol option: " + std::to_string(dim) +
                         " dimensions (factors x steps) exceed the 21201 of the Joe-Kuo "
                         "direction integers; use fewer sub-steps or Philox numbers");
    // Direction integers, read back from QuantLib's generator: after skipTo(k) its next
    // point is the XOR of the direction integers of the bits of gray(k + 1), and
    // gray(2^{b+1} - 1) = 2^b isolates bit b. A fresh generator each time: on a generator
    // that has already drawn, skipTo's next point is one further on.
    direction_.resize(static_cast<size_t>(kBits) * dim);
    for (int b = 0; b < kBits; ++b) {
        QuantLib::SobolRsg rsg(dim, 0, QuantLib::SobolRsg::JoeKuoD7);
        rsg.skipTo(static_cast<std::uint_least32_t>((std::uint64_t{1} << (b + 1)) - 2));
        const auto& v = rsg.nextInt32Sequence();
        for (int d = 0; d < dim; ++d) direction_[static_cast<size_t>(b) * dim + d] = v[d];
    }
    QuantLib::SobolBrownianGenerator gen(factors, steps, QuantLib::SobolBrownianGenerator::Diagonal,
                                         0, QuantLib::SobolRsg::JoeKuoD7);
    order_.resize(static_cast<size_t>(dim));
    for (int k = 0; k < factors; ++k)
        for (int j = 0; j < steps; ++j) order_[k * steps + j] = gen.orderedIndices()[k][j];
}

void SobolBridge::normals(std::uint64_t index, double* z, double* work) const {
    if (index + 1 >= (std::uint64_t{1} << kBits))
        throw UsageError("Sobol option: path index beyond 2^31 - 2");
    const int dim = dimension();
    const std::uint64_t g = (index + 1) ^ ((index + 1) >> 1);
    double* gauss = work;
    double* bridged = work + dim;
    const QuantLib::InverseCumulativeNormal inverse;
    // Only the set bits of gray(index + 1) contribute.
    const std::uint32_t* rows[kBits];
    int set = 0;
    for (int b = 0; b < kBits; ++b)
        if ((g >> b) & 1u) rows[set++] = &direction_[static_cast<size_t>(b) * dim];
    for (int d = 0; d < dim; ++d) {
        std::uint32_t x = 0;
        for (int i = 0; i < set; ++i) x ^= rows[i][d];
        gauss[d] = inverse(x * (1.0 / 4294967296.0));
    }
    double* out = bridged + steps_;
    for (int k = 0; k < factors_; ++k) {
        for (int j = 0; j < steps_; ++j) bridged[j] = gauss[order_[k * steps_ + j]];
        bridge_.transform(bridged, bridged + steps_, out);
        for (int j = 0; j < steps_; ++j) z[j * factors_ + k] = out[j];
    }
}

}  // namespace offtake
