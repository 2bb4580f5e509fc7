// Helpers shared by the price tests: grids, temporary model files, sample statistics.
#pragma once

#include "models/price_model_spec.hpp"

#include <offtake/engine.hpp>
#include <offtake/price_model.hpp>

#include <ql/time/period.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace offtake::test {

// A grid of n periods of round(12 dt) months each from 2026-01-01, on the scenario's
// clock: years[t] = Act/365F years from the first date (the time the price layer uses;
// 0.25 gives 90, 91, 92, 92-day quarters, so years are not multiples of dt).
inline TimeGrid uniform_grid(int n, double dt) {
    TimeGrid g;
    const int months = static_cast<int>(std::lround(12.0 * dt));
    const QuantLib::Date start(1, QuantLib::January, 2026);
    for (int t = 0; t <= n; ++t) {
        g.dates.push_back(start + QuantLib::Period(months * t, QuantLib::Months));
        g.years.push_back((g.dates.back() - start) / 365.0);
        g.tau.push_back(t == 0 ? 0.0 : g.years[t] - g.years[t - 1]);
    }
    return g;
}

inline std::string write_model(const std::string& name, const std::string& yaml) {
    const std::string path = std::string(OFFTAKE_BINARY_DIR) + "/price_test_" + name + ".yaml";
    std::ofstream(path) << yaml;
    return path;
}

struct Moments {
    double mean = 0, var = 0, se_mean = 0, se_var = 0;
};

// Sample mean and variance with their standard errors (the variance's from the sample
// fourth central moment: Var(s^2) ~ (m4 - s^4) / N, valid for non-Gaussian samples too).
inline Moments moments(const std::vector<double>& x) {
    const double n = static_cast<double>(x.size());
    double m = 0;
    for (double v : x) m += v;
    m /= n;
    double m2 = 0, m4 = 0;
    for (double v : x) {
        const double d = (v - m) * (v - m);
        m2 += d;
        m4 += d * d;
    }
    m2 /= n;
    m4 /= n;
    Moments r;
    r.mean = m;
    r.var = m2 * n / (n - 1);
    r.se_mean = std::sqrt(m2 / n);
    r.se_var = std::sqrt(std::max(m4 - m2 * m2, 0.0) / n);
    return r;
}

// ln S at every grid date for `paths` paths: out[p * (n + 1) + t].
inline std::vector<double> simulate_logs(const PriceSimulator& sim, int n, int paths,
                                         std::uint64_t seed = 2024) {
    std::vector<double> out(static_cast<size_t>(paths) * (n + 1)), prices(n + 1), scratch;
    for (int p = 0; p < paths; ++p) {
        sim.simulate(seed, p, prices.data(), scratch);
        for (int t = 0; t <= n; ++t) out[static_cast<size_t>(p) * (n + 1) + t] = std::log(prices[t]);
    }
    return out;
}

inline std::vector<double> column(const std::vector<double>& all, int n, int t, bool exp_ = false) {
    std::vector<double> c;
    for (size_t p = 0; p * (n + 1) < all.size(); ++p) {
        const double v = all[p * (n + 1) + t];
        c.push_back(exp_ ? std::exp(v) : v);
    }
    return c;
}

}  // namespace offtake::test
