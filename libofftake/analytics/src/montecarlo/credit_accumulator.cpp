#include "montecarlo/credit_accumulator.hpp"

#include "io/ratings.hpp"

#include <cmath>

namespace offtake::montecarlo {

namespace {

enum Q : std::size_t { kDefault = 0, kExposure = 1, kLoss = 2, kLossNet = 3 };

// Ratio of two means, a / b, and its delta-method standard error from the co-moments.
Estimate ratio_of_means(const CoMoments& point, const CoMoments& errors, std::size_t num, std::size_t den,
                        std::uint64_t basis) {
    Estimate e;
    const double a = point.mean(num), b = point.mean(den);
    if (!(b > 0.0)) return e;  // paths = 0: absent
    e.value = a / b;
    e.paths = basis;
    double g[4] = {0.0, 0.0, 0.0, 0.0};
    g[num] = 1.0 / b;
    g[den] = -a / (b * b);
    e.standard_error = errors.delta_standard_error(g);
    return e;
}

// Expected loss as a share of the exposure at default: PD x LGD = mean(L) mean(D) / mean(E).
Estimate expected_loss_share(const CoMoments& point, const CoMoments& errors, std::size_t loss) {
    Estimate e;
    e.paths = point.count();
    const double l = point.mean(loss), x = point.mean(kExposure), d = point.mean(kDefault);
    if (!(x > 0.0)) return e;  // no default: no loss, value 0
    e.value = l * d / x;
    double g[4] = {0.0, 0.0, 0.0, 0.0};
    g[loss] = d / x;
    g[kExposure] = -l * d / (x * x);
    g[kDefault] = l / x;
    e.standard_error = errors.delta_standard_error(g);
    return e;
}

}  // namespace

void CreditAccumulator::add(const PathResult& r, std::uint64_t path, bool finite) {
    add_values(r.payment_default, r.exposure_at_default, r.lender_loss, r.lender_loss_net, path, finite);
}

void CreditAccumulator::add(bool defaulted, double exposure, double loss, std::uint64_t path, bool finite) {
    add_values(defaulted, exposure, loss, loss, path, finite);
}

void CreditAccumulator::add_values(bool defaulted, double exposure, double loss, double loss_net,
                                   std::uint64_t path, bool finite) {
    const double x[kQuantities] = {defaulted ? 1.0 : 0.0, exposure, loss, loss_net};
    if (finite) {
        paths_.add(x);
        if (defaulted && exposure > 0.0) loss_rate_.add(loss / exposure);
    }
    if (!antithetic_) return;
    // Pair means (x_2k + x_2k+1) / 2 are independent across pairs; a pair with a
    // non-finite path is left out of the errors.
    if ((path & 1u) == 0) {
        for (std::size_t q = 0; q < kQuantities; ++q) pending_[q] = x[q];
        pending_known_ = finite;
        return;
    }
    if (!pending_known_ || !finite) return;
    double m[kQuantities];
    for (std::size_t q = 0; q < kQuantities; ++q) m[q] = 0.5 * (pending_[q] + x[q]);
    pairs_.add(m);
}

void CreditAccumulator::merge(const CreditAccumulator& o) {
    paths_.merge(o.paths_);
    pairs_.merge(o.pairs_);
    loss_rate_.merge(o.loss_rate_);
}

Estimate annualised_pd(const Estimate& cumulative, double years) {
    Estimate e;
    if (!(years > 0.0) || cumulative.paths == 0) return e;
    e.paths = cumulative.paths;
    e.nonfinite = cumulative.nonfinite;
    const double p = cumulative.value;
    if (p >= 1.0) {  // every path defaults: the annual rate is 1, its derivative unbounded
        e.value = 1.0;
        return e;
    }
    e.value = 1.0 - std::pow(1.0 - p, 1.0 / years);
    e.standard_error = std::pow(1.0 - p, 1.0 / years - 1.0) / years * cumulative.standard_error;
    return e;
}

void CreditAccumulator::summarize_into(SimulationResult& out, double loan_years) const {
    const CoMoments& errors = antithetic_ ? pairs_ : paths_;
    out.loan_years = loan_years;
    out.pd_annual = annualised_pd(out.p_default, loan_years);
    out.implied_rating = out.pd_annual.paths > 0 ? io::implied_rating(out.pd_annual.value) : std::string();
    out.lgd = ratio_of_means(paths_, errors, kLoss, kExposure, loss_rate_.count());
    out.lgd_default_weighted = Estimate{};
    if (loss_rate_.count() > 0) {
        out.lgd_default_weighted = mean_estimate(loss_rate_);
    }
    out.expected_loss = expected_loss_share(paths_, errors, kLoss);
    out.expected_loss_net = expected_loss_share(paths_, errors, kLossNet);
    Estimate money;
    money.paths = paths_.count();
    money.value = paths_.mean(kLoss);
    const double g[4] = {0.0, 0.0, 1.0, 0.0};
    money.standard_error = errors.delta_standard_error(g);
    out.expected_loss_money = money;
    for (Estimate* e : {&out.pd_annual, &out.lgd, &out.lgd_default_weighted, &out.expected_loss,
                        &out.expected_loss_net, &out.expected_loss_money})
        e->nonfinite = out.nonfinite_paths;
}

void CreditAccumulator::summarize_into(TrancheStatistics& out, double loan_years, std::uint64_t nonfinite) const {
    const CoMoments& errors = antithetic_ ? pairs_ : paths_;
    out.loan_years = loan_years;
    Estimate p;
    p.paths = paths_.count();
    if (p.paths > 0) {
        p.value = paths_.mean(kDefault);
        const double g[4] = {1.0, 0.0, 0.0, 0.0};
        p.standard_error = errors.delta_standard_error(g);
    }
    out.p_default = p;
    out.pd_annual = annualised_pd(out.p_default, loan_years);
    out.implied_rating = out.pd_annual.paths > 0 ? io::implied_rating(out.pd_annual.value) : std::string();
    out.lgd = ratio_of_means(paths_, errors, kLoss, kExposure, loss_rate_.count());
    out.lgd_default_weighted = loss_rate_.count() > 0 ? mean_estimate(loss_rate_) : Estimate{};
    out.expected_loss = expected_loss_share(paths_, errors, kLoss);
    Estimate money;
    money.paths = paths_.count();
    money.value = paths_.mean(kLoss);
    const double g[4] = {0.0, 0.0, 1.0, 0.0};
    money.standard_error = errors.delta_standard_error(g);
    out.expected_loss_money = money;
    for (Estimate* e : {&out.p_default, &out.pd_annual, &out.lgd, &out.lgd_default_weighted, &out.expected_loss,
                        &out.expected_loss_money})
        e->nonfinite = nonfinite;
}

}  // namespace offtake::montecarlo
