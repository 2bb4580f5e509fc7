#include "models/price_model_spec.hpp"

#include "math/cholesky.hpp"

#include <offtake/errors.hpp>

#include <fmt/format.h>

#include <cmath>

namespace offtake {

void assemble_factors(PriceModelSpec& spec, const std::vector<CorrelationEntry>& entries,
                      int correlation_line) {
    spec.factors.clear();
    for (auto& c : spec.commodities) {
        c.first_factor = static_cast<int>(spec.factors.size());
        switch (c.dynamics) {
            case PriceDynamics::Deterministic: c.first_factor = -1; break;
            case PriceDynamics::Gbm: spec.factors.push_back({c.name, 0.0, c.sigma}); break;
            case PriceDynamics::OneFactor:
                spec.factors.push_back({c.name, c.kappa, c.sigma});
                break;
            case PriceDynamics::TwoFactor:
                spec.factors.push_back({c.name + ".short", c.kappa, c.sigma_chi});
                spec.factors.push_back({c.name + ".long", 0.0, c.sigma_xi});
                break;
        }
    }
    const int n = static_cast<int>(spec.factors.size());
    spec.correlation.assign(static_cast<size_t>(n) * n, 0.0);
    for (int i = 0; i < n; ++i) spec.correlation[i * n + i] = 1.0;
    for (const auto& c : spec.commodities) {
        if (c.dynamics == PriceDynamics::TwoFactor) {
            const int a = c.first_factor, b = a + 1;
            spec.correlation[a * n + b] = spec.correlation[b * n + a] = c.rho;
        }
    }
    for (const auto& e : entries) {
        if (e.a == e.b) continue;
        const double own = spec.correlation[e.a * n + e.b];
        const bool same_commodity =
            spec.factors[e.a].name.substr(0, spec.factors[e.a].name.find('.')) ==
            spec.factors[e.b].name.substr(0, spec.factors[e.b].name.find('.'));
        if (same_commodity && std::fabs(own - e.value) > 1e-12) {
            throw DealError(Problem{spec.file, e.line, 0,
                                    fmt::format("correlation[{}, {}]", spec.factors[e.a].name,
                                                spec.factors[e.b].name),
                                    fmt::format("must equal the model's own rho {} (got {})", own,
                                                e.value)});
        }
        spec.correlation[e.a * n + e.b] = spec.correlation[e.b * n + e.a] = e.value;
    }
    spec.cholesky.assign(static_cast<size_t>(n) * n, 0.0);
    const int bad = n ? semidefinite_cholesky(spec.correlation.data(), n, spec.cholesky.data())
                      : -1;
    if (bad >= 0) {
        std::string block;
        for (int i = 0; i <= bad; ++i) block += (i ? ", " : "") + spec.factors[i].name;
        std::string offdiag;
        for (int i = 0; i < bad; ++i) {
            const double v = spec.correlation[bad * n + i];
            if (v != 0.0)
                offdiag += fmt::format("{}[{}, {}] = {}", offdiag.empty() ? "" : ", ",
                                       spec.factors[bad].name, spec.factors[i].name, v);
        }
        throw DealError(Problem{
            spec.file, correlation_line, 0, "correlation",
            fmt::format("matrix is not positive semi-definite: the block of factors [{}] "
                        "cannot be a correlation matrix (Cholesky pivot of {} is negative); "
                        "check entries {}",
                        block, spec.factors[bad].name, offdiag)});
    }
}

}  // namespace offtake
