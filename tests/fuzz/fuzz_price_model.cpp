// libFuzzer target for the price-model loader (models/prices/*.yaml). Any input must give
// a model or a DealError naming the source, never a crash, hang or sanitizer report.
// Beyond not crashing, an accepted model must hold what the engine relies on: at least
// one commodity, factors for every stochastic one (a deterministic deck has none), a
// correlation matrix of factors x factors with a unit diagonal, and a finite Cholesky
// factor that reproduces it.
#include "models/price_model_spec.hpp"

#include <offtake/errors.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    std::shared_ptr<const offtake::PriceModelSpec> spec;
    try {
        spec = offtake::parse_price_model(text, "fuzz.yaml");
    } catch (const offtake::DealError& e) {
        if (e.problems().empty()) std::abort();
        for (const auto& p : e.problems())
            if (p.file != "fuzz.yaml" || p.rule.empty()) std::abort();
        return 0;
    }
    const std::size_t k = spec->factors.size();
    if (spec->commodities.empty()) std::abort();
    int stochastic = 0;
    for (const auto& c : spec->commodities) {
        if (c.dynamics == offtake::PriceDynamics::Deterministic) {
            if (c.factor_count() != 0) std::abort();
        } else {
            ++stochastic;
            if (c.factor_count() < 1 || c.first_factor < 0 ||
                static_cast<std::size_t>(c.first_factor + c.factor_count()) > k)
                std::abort();
        }
    }
    if ((stochastic == 0) != (k == 0)) std::abort();
    if (spec->correlation.size() != k * k || spec->cholesky.size() != k * k) std::abort();
    for (std::size_t i = 0; i < k; ++i) {
        if (spec->correlation[i * k + i] != 1.0) std::abort();
        for (std::size_t j = 0; j < k; ++j) {
            // L L^T = C to rounding: every entry of C is in [-1, 1].
            double sum = 0.0;
            for (std::size_t m = 0; m < k; ++m) sum += spec->cholesky[i * k + m] * spec->cholesky[j * k + m];
            if (!std::isfinite(sum) || std::fabs(sum - spec->correlation[i * k + j]) > 1e-6) std::abort();
        }
    }
    return 0;
}
