// Internal rate of return (conventions section 2): the annual-compounded rate r with
// sum_t CF_t (1 + r)^(-T_t) = 0, T_t the grid's year fractions from the start.
//
// Runs once per path per equity/project flow in Monte Carlo, so it is built for speed:
// in L = ln(1 + r) the discount factor of period t is v_t = v_{t-1} exp(-dT_t L), and a
// regular grid has only a handful of distinct dT_t, so one evaluation of the NPV and its
// derivative costs a few exp() and n multiply-adds. The root is found by a safeguarded
// Newton (Newton inside a bracket, bisection when a step leaves it) from a given start.
#pragma once

#include <optional>
#include <vector>

namespace offtake::metrics {

// The dated grid an IRR is computed on, prepared once per deal.
class IrrGrid {
  public:
    IrrGrid() = default;
    explicit IrrGrid(const std::vector<double>& years);
    int periods() const { return static_cast<int>(years_.size()) - 1; }
    const std::vector<double>& years() const { return years_; }

    // f(L) = sum cf_t exp(-T_t L) and f'(L), over t in [first, last].
    void value_and_derivative(const double* cf, int first, int last, double L, double& f,
                              double& df) const;

  private:
    std::vector<double> years_;
    std::vector<double> step_;          // distinct year-fraction increments
    std::vector<unsigned char> klass_;  // per t >= 1: which increment (255: direct exp)
};

struct IrrOptions {
    double guess = 0.10;        // where the search starts (the engine: a constant per deal)
    double min_rate = -0.99;    // search interval for the annual rate
    double max_rate = 10.0;
    double tolerance = 1e-12;   // on ln(1 + r)
};

// Absent when the flows do not change sign or no root lies in [min_rate, max_rate].
// Several sign changes may admit several roots: the root nearest the start within
// the first bracket found is returned.
std::optional<double> irr(const IrrGrid& grid, const double* cf, int first, int last,
                          const IrrOptions& options = {});

}  // namespace offtake::metrics
