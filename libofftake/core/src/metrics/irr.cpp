#include "metrics/irr.hpp"

#include <cmath>

namespace offtake::metrics {

IrrGrid::IrrGrid(const std::vector<double>& years) : years_(years) {
    klass_.assign(years.size(), 255);
    for (std::size_t t = 1; t < years.size(); ++t) {
        const double d = years[t] - years[t - 1];
        std::size_t k = 0;
        while (k < step_.size() && std::fabs(step_[k] - d) > 1e-15) ++k;
        if (k == step_.size()) {
            if (step_.size() >= 16) continue;  // irregular grid: this period uses exp directly
            step_.push_back(d);
        }
        klass_[t] = static_cast<unsigned char>(k);
    }
}

void IrrGrid::value_and_derivative(const double* cf, int first, int last, double L, double& f,
                                   double& df) const {
    double factor[16];
    const std::size_t ns = step_.size();
    for (std::size_t k = 0; k < ns; ++k) factor[k] = std::exp(-step_[k] * L);
    double v = std::exp(-years_[first] * L);
    double s = cf[first] * v, ds = -years_[first] * cf[first] * v;
    for (int t = first + 1; t <= last; ++t) {
        const unsigned char k = klass_[t];
        v = (k != 255) ? v * factor[k] : std::exp(-years_[t] * L);
        const double x = cf[t] * v;
        s += x;
        ds -= years_[t] * x;
    }
    f = s;
    df = ds;
}

std::optional<double> irr(const IrrGrid& grid, const double* cf, int first, int last,
                          const IrrOptions& o) {
    // Skip leading and trailing zero flows; require a sign change.
    while (first <= last && cf[first] == 0.0) ++first;
    while (last >= first && cf[last] == 0.0) --last;
    if (first >= last) return std::nullopt;
    bool pos = false, neg = false;
    for (int t = first; t <= last; ++t) {
        pos |= cf[t] > 0.0;
        neg |= cf[t] < 0.0;
    }
    if (!(pos && neg)) return std::nullopt;

    const double lo_lim = std::log1p(o.min_rate), hi_lim = std::log1p(o.max_rate);
    double guess = std::log1p(std::fmin(std::fmax(o.guess, o.min_rate), o.max_rate));
    double f, d;
    grid.value_and_derivative(cf, first, last, guess, f, d);
    if (f == 0.0) return std::expm1(guess);

    // Bracket: walk from the guess towards where Newton points, doubling the step.
    double a = guess, fa = f, b = guess, fb = f;
    double step = (d != 0.0 && std::isfinite(-f / d)) ? std::fabs(f / d) : 0.05;
    step = std::fmin(std::fmax(step, 1e-4), 0.5);
    const bool go_up = (d != 0.0) ? (-f / d > 0.0) : true;
    bool found = false;
    for (int pass = 0; pass < 2 && !found; ++pass) {
        const bool up = (pass == 0) ? go_up : !go_up;
        double x = guess, fx = f, h = step;
        for (int i = 0; i < 60; ++i) {
            double y = up ? x + h : x - h;
            if (y > hi_lim) y = hi_lim;
            if (y < lo_lim) y = lo_lim;
            double fy, dy;
            grid.value_and_derivative(cf, first, last, y, fy, dy);
            if ((fy <= 0.0) != (fx <= 0.0)) {
                a = x; fa = fx; b = y; fb = fy; found = true;
                break;
            }
            if (y == hi_lim || y == lo_lim) break;
            x = y; fx = fy; h *= 2.0;
        }
    }
    if (!found) return std::nullopt;
    if (a > b) { std::swap(a, b); std::swap(fa, fb); }

    // Safeguarded Newton in [a, b].
    double x = (std::fabs(fa) < std::fabs(fb)) ? a : b;
    for (int i = 0; i < 100; ++i) {
        double fx, dx;
        grid.value_and_derivative(cf, first, last, x, fx, dx);
        if (fx == 0.0) return std::expm1(x);
        if ((fx < 0.0) == (fa < 0.0)) { a = x; fa = fx; } else { b = x; fb = fx; }
        double next = (dx != 0.0) ? x - fx / dx : 0.5 * (a + b);
        if (!(next > a && next < b)) next = 0.5 * (a + b);
        if (std::fabs(next - x) < o.tolerance || (b - a) < o.tolerance) return std::expm1(next);
        x = next;
    }
    return std::expm1(0.5 * (a + b));
}

}  // namespace offtake::metrics
