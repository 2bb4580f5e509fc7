// Welford (1962) one-pass update and the Chan-Golub-LeVeque (1979) pairwise merge:
// both avoid the cancellation of the textbook sum-of-squares formula.
#include <offtake/statistics.hpp>

#include <cmath>

namespace offtake {

void RunningMoments::add(double x) {
    ++n_;
    const double delta = x - mean_;
    mean_ += delta / static_cast<double>(n_);
    m2_ += delta * (x - mean_);
}

void RunningMoments::merge(const RunningMoments& other) {
    if (other.n_ == 0) return;
    if (n_ == 0) {
        *this = other;
        return;
    }
    const double na = static_cast<double>(n_), nb = static_cast<double>(other.n_);
    const double n = na + nb;
    const double delta = other.mean_ - mean_;
    mean_ += delta * nb / n;
    m2_ += other.m2_ + delta * delta * na * nb / n;
    n_ += other.n_;
}

double RunningMoments::variance() const {
    // m2 can come out a hair below zero for constant data after merges; a variance cannot.
    return n_ < 2 ? 0.0 : std::max(0.0, m2_ / static_cast<double>(n_ - 1));
}

double RunningMoments::standard_deviation() const { return std::sqrt(variance()); }

double RunningMoments::standard_error() const {
    return n_ < 2 ? 0.0 : standard_deviation() / std::sqrt(static_cast<double>(n_));
}

double ProportionAccumulator::value() const {
    return n_ == 0 ? 0.0 : static_cast<double>(hits_) / static_cast<double>(n_);
}

double ProportionAccumulator::standard_error() const {
    if (n_ == 0) return 0.0;
    const double p = value();
    return std::sqrt(p * (1.0 - p) / static_cast<double>(n_));
}

void MetricAccumulator::add(double x) {
    // NaN and infinity (an overflowing price, a ratio of infinities) are counted, never
    // averaged: one infinite path would make the mean infinite and the sd NaN.
    if (!std::isfinite(x)) {
        ++nonfinite_;
        return;
    }
    moments_.add(x);
    sketch_.add(x);
}

void MetricAccumulator::merge(const MetricAccumulator& other) {
    moments_.merge(other.moments_);
    sketch_.merge(other.sketch_);
    absent_ += other.absent_;
    nonfinite_ += other.nonfinite_;
}

MetricSummary summarize(const MetricAccumulator& acc) {
    MetricSummary s;
    const auto& m = acc.moments();
    s.count = m.count();
    s.absent = acc.absent();
    s.nonfinite = acc.nonfinite();
    s.exact_quantiles = acc.sketch().exact();
    if (s.count == 0) return s;
    s.mean = m.mean();
    if (s.count >= 2) {
        s.sd = m.standard_deviation();
        s.standard_error = m.standard_error();
    }
    const auto& q = acc.sketch();
    s.p5 = q.quantile(0.05);
    s.p10 = q.quantile(0.10);
    s.p50 = q.quantile(0.50);
    s.p90 = q.quantile(0.90);
    s.p95 = q.quantile(0.95);
    s.quantiles.reserve(kQuantileGridSteps + 1);
    for (int k = 0; k <= kQuantileGridSteps; ++k)
        s.quantiles.push_back(*q.quantile(static_cast<double>(k) / kQuantileGridSteps));
    return s;
}

Estimate summarize(const ProportionAccumulator& acc) {
    return Estimate{acc.value(), acc.standard_error(), acc.count(), 0};
}

Estimate mean_estimate(const RunningMoments& m) {
    return Estimate{m.mean(), m.standard_error(), m.count(), 0};
}

}  // namespace offtake
