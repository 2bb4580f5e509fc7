// Means and sample covariances of k quantities observed together (one observation per
// path, or per antithetic pair), streamed and mergeable with the pairwise update of Chan,
// Golub and LeVeque (1979), as RunningMoments does for one quantity. They give the
// delta-method standard error of a smooth function of the means, f(m), whose gradient g
// is known: se = sqrt(g' S g / n), S the sample covariance (docs/credit.md section 5).
// Deterministic: the same observations added and merged in the same order give the same bits.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

namespace offtake::montecarlo {

class CoMoments {
  public:
    explicit CoMoments(std::size_t k = 0) : k_(k), mean_(k, 0.0), delta_(k, 0.0), c_(k * k, 0.0) {}

    void add(const double* x) {
        ++n_;
        const double inv = 1.0 / static_cast<double>(n_);
        for (std::size_t i = 0; i < k_; ++i) delta_[i] = x[i] - mean_[i];
        for (std::size_t i = 0; i < k_; ++i) mean_[i] += delta_[i] * inv;
        // c_ij += (x_i - old mean_i)(x_j - new mean_j)
        for (std::size_t i = 0; i < k_; ++i)
            for (std::size_t j = 0; j < k_; ++j) c_[i * k_ + j] += delta_[i] * (x[j] - mean_[j]);
    }

    void merge(const CoMoments& o) {
        if (o.n_ == 0) return;
        if (n_ == 0) {
            *this = o;
            return;
        }
        const double na = static_cast<double>(n_), nb = static_cast<double>(o.n_), n = na + nb;
        for (std::size_t i = 0; i < k_; ++i) delta_[i] = o.mean_[i] - mean_[i];
        for (std::size_t i = 0; i < k_; ++i)
            for (std::size_t j = 0; j < k_; ++j)
                c_[i * k_ + j] += o.c_[i * k_ + j] + delta_[i] * delta_[j] * na * nb / n;
        for (std::size_t i = 0; i < k_; ++i) mean_[i] += delta_[i] * nb / n;
        n_ += o.n_;
    }

    std::uint64_t count() const { return n_; }
    double mean(std::size_t i) const { return mean_[i]; }
    // Sample covariance (divisor n - 1); 0 when n < 2.
    double covariance(std::size_t i, std::size_t j) const {
        return n_ < 2 ? 0.0 : c_[i * k_ + j] / static_cast<double>(n_ - 1);
    }
    // sqrt(g' S g / n) for a gradient g of k entries; 0 when n < 2.
    double delta_standard_error(const double* g) const {
        if (n_ < 2) return 0.0;
        double v = 0.0;
        for (std::size_t i = 0; i < k_; ++i)
            for (std::size_t j = 0; j < k_; ++j) v += g[i] * g[j] * covariance(i, j);
        return v > 0.0 ? std::sqrt(v / static_cast<double>(n_)) : 0.0;
    }

  private:
    std::size_t k_;
    std::uint64_t n_ = 0;
    std::vector<double> mean_, delta_, c_;  // delta_: scratch, so that add() does not allocate
};

}  // namespace offtake::montecarlo
