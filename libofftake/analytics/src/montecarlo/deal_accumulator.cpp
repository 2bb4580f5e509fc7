#include "montecarlo/deal_accumulator.hpp"

#include <offtake/metric_catalogue.hpp>

#include <cmath>

namespace offtake::montecarlo {
namespace {

template <class T>
void merge_all(std::vector<T>& into, const std::vector<T>& from) {
    for (std::size_t i = 0; i < into.size() && i < from.size(); ++i) into[i].merge(from[i]);
}

// Layout of the antithetic pair-mean quantities: the deal's scalar metrics, then two per
// investor (equity NPV, IRR), then kPerBuyer per buyer, in the order of pair_layout_*.
constexpr std::size_t kDealQuantities = 12;
constexpr std::size_t kPerInvestor = 2;
constexpr std::size_t kPerBuyer = 9;
std::size_t pair_quantities(const DealShape& s) {
    return s.antithetic ? kDealQuantities + kPerInvestor * s.investors + kPerBuyer * s.buyers : 0;
}
std::size_t investor_base(std::size_t i) { return kDealQuantities + kPerInvestor * i; }
std::size_t buyer_base(const DealShape& s, std::size_t b) {
    return kDealQuantities + kPerInvestor * s.investors + kPerBuyer * b;
}

}  // namespace

void BuyerAccumulator::merge(const BuyerAccumulator& o) {
    contracted.merge(o.contracted);
    delivered.merge(o.delivered);
    price_paid.merge(o.price_paid);
    spot_price.merge(o.spot_price);
    premium.merge(o.premium);
    recovered.merge(o.recovered);
    lost.merge(o.lost);
    equity_irr.merge(o.equity_irr);
    shortfall.merge(o.shortfall);
    defaulted.merge(o.defaulted);
}

DealAccumulator::DealAccumulator(const DealShape& shape)
    : shape_(shape),
      npv_(shape.exact_capacity), irr_(shape.exact_capacity), dscr_min_(shape.exact_capacity),
      dscr_avg_(shape.exact_capacity), llcr_(shape.exact_capacity), plcr_(shape.exact_capacity),
      payback_(shape.exact_capacity), peak_debt_(shape.exact_capacity),
      equity_npv_(shape.investors, MetricAccumulator(shape.exact_capacity)),
      equity_irr_(shape.investors, MetricAccumulator(shape.exact_capacity)),
      credit_(shape.antithetic), tranche_credit_(shape.tranche_years.size(), CreditAccumulator(shape.antithetic)),
      dscr_total_min_(shape.exact_capacity), buyers_(shape.buyers, BuyerAccumulator(shape.exact_capacity)),
      bands_(shape.periods, shape.exact_capacity, shape.bin_blocks),
      default_in_period_(static_cast<std::size_t>(shape.periods > 0 ? shape.periods : 0)),
      pairs_(pair_quantities(shape)), pair_values_(pair_quantities(shape)), pair_present_(pair_quantities(shape)) {}

void PairMeans::add(std::uint64_t path, const double* values, const unsigned char* present) {
    const std::size_t n = pairs_.size();
    if ((path & 1u) == 0) {
        for (std::size_t q = 0; q < n; ++q) {
            pending_[q] = values[q];
            pending_present_[q] = present[q];
        }
        return;
    }
    for (std::size_t q = 0; q < n; ++q)
        if (pending_present_[q] && present[q]) pairs_[q].add(0.5 * (pending_[q] + values[q]));
}

void PairMeans::merge(const PairMeans& o) {
    for (std::size_t q = 0; q < pairs_.size() && q < o.pairs_.size(); ++q) pairs_[q].merge(o.pairs_[q]);
}

std::optional<double> PairMeans::standard_error(std::size_t q) const {
    if (pairs_[q].count() < 2) return std::nullopt;
    return pairs_[q].standard_error();
}

void DealAccumulator::add_pair_quantities(const PathResult& r, std::uint64_t path, bool finite) {
    double* v = pair_values_.data();
    unsigned char* p = pair_present_.data();
    // A pair counts for a quantity only when both paths have a finite value of it; the
    // events and loss shares of a non-finite path are not known (as in add()).
    auto put = [&](std::size_t q, const std::optional<double>& x) {
        const bool present = x.has_value() && std::isfinite(*x);
        v[q] = present ? *x : 0.0;
        p[q] = present;
    };
    auto put_flag = [&](std::size_t q, bool x) { put(q, finite ? std::optional<double>(x ? 1.0 : 0.0) : std::nullopt); };
    // Deal: npv irr dscr_min dscr_avg llcr plcr below_1 below_cov default lockup payback
    // peak_debt (the order summarize_into reads them back in). The credit statistics
    // keep their own pairs (CreditAccumulator).
    put(0, r.npv);
    put(1, r.irr);
    put(2, r.dscr_min);
    put(3, r.dscr_avg);
    put(4, r.llcr);
    put(5, r.plcr);
    put_flag(6, r.dscr_min && *r.dscr_min < 1.0);
    put_flag(7, r.dscr_min && *r.dscr_min < shape_.covenant_dscr);
    put_flag(8, r.payment_default);
    put_flag(9, r.lockup);
    put(10, r.payback_years);
    put(11, r.peak_debt);
    for (std::size_t i = 0; i < shape_.investors; ++i) {
        const std::size_t q = investor_base(i);
        put(q, i < r.equity_npv.size() ? std::optional<double>(r.equity_npv[i]) : std::nullopt);
        put(q + 1, i < r.equity_irr.size() ? r.equity_irr[i] : std::nullopt);
    }
    for (std::size_t i = 0; i < shape_.buyers; ++i) {
        const std::size_t q = buyer_base(shape_, i);
        if (i >= r.buyers.size()) {
            for (std::size_t k = 0; k < kPerBuyer; ++k) put(q + k, std::nullopt);
            continue;
        }
        const auto& b = r.buyers[i];
        const bool sold = b.delivered_tonnes > 0.0;
        const double paid = sold ? b.invoiced / b.delivered_tonnes : 0.0;
        const double spot = sold ? b.spot_value / b.delivered_tonnes : 0.0;
        // delivered price_paid spot premium recovered lost equity_irr shortfall default
        put(q + 0, b.delivered_tonnes);
        put(q + 1, sold ? std::optional<double>(paid) : std::nullopt);
        put(q + 2, sold ? std::optional<double>(spot) : std::nullopt);
        put(q + 3, sold ? std::optional<double>(paid - spot) : std::nullopt);
        put(q + 4, b.prepayment_recovered);
        put(q + 5, b.prepayment_lost);
        put(q + 6, b.equity_irr);
        put_flag(q + 7, b.shortfall);
        put_flag(q + 8, b.defaulted);
    }
    pairs_.add(path, v, p);
}

void DealAccumulator::add(const PathResult& r, const PathSeries* series, std::uint64_t path) {
    // A path with a NaN or infinite metric (prices that overflow) is counted; its
    // metrics' finite values still count, its events (default, lock-up, DSCR below a
    // threshold) and loss shares do not: a NaN cash flow is not "no default".
    const bool finite = path_is_finite(r);
    if (!finite) ++nonfinite_paths_;
    if (shape_.antithetic) add_pair_quantities(r, path, finite);
    npv_.add(r.npv);
    irr_.add(r.irr);
    dscr_min_.add(r.dscr_min);
    dscr_avg_.add(r.dscr_avg);
    llcr_.add(r.llcr);
    plcr_.add(r.plcr);
    payback_.add(r.payback_years);
    peak_debt_.add(r.peak_debt);
    for (std::size_t i = 0; i < equity_npv_.size(); ++i) {
        if (i < r.equity_npv.size()) equity_npv_[i].add(r.equity_npv[i]); else equity_npv_[i].add_absent();
        if (i < r.equity_irr.size()) equity_irr_[i].add(r.equity_irr[i]); else equity_irr_[i].add_absent();
    }
    if (finite) {
        below_1_.add(r.dscr_min && *r.dscr_min < 1.0);
        below_covenant_.add(r.dscr_min && *r.dscr_min < shape_.covenant_dscr);
        default_.add(r.payment_default);
        // The same paths and event as default_, split by the period of the event.
        for (std::size_t t = 0; t < default_in_period_.size(); ++t)
            default_in_period_[t].add(r.payment_default && r.default_period == static_cast<int>(t) + 1);
        lockup_.add(r.lockup);
    }
    credit_.add(r, path, finite);
    if (!tranche_credit_.empty()) {
        for (std::size_t j = 0; j < tranche_credit_.size() && j < r.tranches.size(); ++j) {
            const TranchePathResult& x = r.tranches[j];
            tranche_credit_[j].add(x.payment_default, x.exposure_at_default, x.loss, path, finite);
        }
        dscr_total_min_.add(r.dscr_total_min);
    }
    for (std::size_t i = 0; i < buyers_.size() && i < r.buyers.size(); ++i) {
        const auto& b = r.buyers[i];
        auto& a = buyers_[i];
        a.contracted.add(b.contracted_tonnes);
        a.delivered.add(b.delivered_tonnes);
        if (b.delivered_tonnes > 0.0) {
            const double paid = b.invoiced / b.delivered_tonnes, spot = b.spot_value / b.delivered_tonnes;
            a.price_paid.add(paid);
            a.spot_price.add(spot);
            a.premium.add(paid - spot);
        } else {
            a.price_paid.add_absent();
            a.spot_price.add_absent();
            a.premium.add_absent();
        }
        a.recovered.add(b.prepayment_recovered);
        a.lost.add(b.prepayment_lost);
        a.equity_irr.add(b.equity_irr);
        if (finite) {
            a.shortfall.add(b.shortfall);
            a.defaulted.add(b.defaulted);
        }
    }
    if (series) bands_.add(*series);
}

DealShape block_shape(DealShape shape, std::uint64_t paths) {
    const bool large = paths > QuantileSketch::kDefaultExactCapacity;
    shape.exact_capacity = large ? kBlockPaths : QuantileSketch::kDefaultExactCapacity;
    shape.bin_blocks = large;
    return shape;
}

DealShape total_shape(DealShape shape, std::uint64_t paths) {
    const bool large = paths > QuantileSketch::kDefaultExactCapacity;
    shape.exact_capacity = large ? 0 : QuantileSketch::kDefaultExactCapacity;
    shape.bin_blocks = false;
    return shape;
}

void DealAccumulator::finish_block() {
    if (!shape_.bin_blocks) return;
    for (auto* m : {&npv_, &irr_, &dscr_min_, &dscr_avg_, &llcr_, &plcr_, &payback_, &peak_debt_}) m->bin_now();
    if (!tranche_credit_.empty()) dscr_total_min_.bin_now();
    for (auto& m : equity_npv_) m.bin_now();
    for (auto& m : equity_irr_) m.bin_now();
    for (auto& b : buyers_)
        for (auto* m : {&b.delivered, &b.price_paid, &b.spot_price, &b.premium, &b.recovered, &b.lost, &b.equity_irr})
            m->bin_now();
    bands_.finish_block();
}

void DealAccumulator::merge(const DealAccumulator& o) {
    npv_.merge(o.npv_);
    irr_.merge(o.irr_);
    dscr_min_.merge(o.dscr_min_);
    dscr_avg_.merge(o.dscr_avg_);
    llcr_.merge(o.llcr_);
    plcr_.merge(o.plcr_);
    payback_.merge(o.payback_);
    peak_debt_.merge(o.peak_debt_);
    merge_all(equity_npv_, o.equity_npv_);
    merge_all(equity_irr_, o.equity_irr_);
    below_1_.merge(o.below_1_);
    below_covenant_.merge(o.below_covenant_);
    default_.merge(o.default_);
    lockup_.merge(o.lockup_);
    credit_.merge(o.credit_);
    for (std::size_t j = 0; j < tranche_credit_.size() && j < o.tranche_credit_.size(); ++j)
        tranche_credit_[j].merge(o.tranche_credit_[j]);
    if (!tranche_credit_.empty()) dscr_total_min_.merge(o.dscr_total_min_);
    merge_all(buyers_, o.buyers_);
    bands_.merge(o.bands_);
    for (std::size_t t = 0; t < default_in_period_.size() && t < o.default_in_period_.size(); ++t)
        default_in_period_[t].merge(o.default_in_period_[t]);
    pairs_.merge(o.pairs_);
    nonfinite_paths_ += o.nonfinite_paths_;
}

void DealAccumulator::summarize_into(SimulationResult& out) const {
    out.npv = summarize(npv_);
    out.irr = summarize(irr_);
    out.dscr_min = summarize(dscr_min_);
    out.dscr_avg = summarize(dscr_avg_);
    out.llcr = summarize(llcr_);
    out.plcr = summarize(plcr_);
    out.payback_years = summarize(payback_);
    out.peak_debt = summarize(peak_debt_);
    out.equity_npv.clear();
    out.equity_irr.clear();
    for (const auto& a : equity_npv_) out.equity_npv.push_back(summarize(a));
    for (const auto& a : equity_irr_) out.equity_irr.push_back(summarize(a));
    out.covenant_dscr = shape_.covenant_dscr;
    out.p_dscr_below_1 = summarize(below_1_);
    out.p_dscr_below_covenant = summarize(below_covenant_);
    out.p_default = summarize(default_);
    out.p_lockup = summarize(lockup_);
    out.nonfinite_paths = nonfinite_paths_;
    for (Estimate* e : {&out.p_dscr_below_1, &out.p_dscr_below_covenant, &out.p_default, &out.p_lockup})
        e->nonfinite = nonfinite_paths_;
    const auto pair_error = [&](MetricSummary& m, std::size_t q) {
        if (m.count > 0) m.standard_error = pairs_.standard_error(q);
    };
    const auto pair_error_of = [&](Estimate& e, std::size_t q) {
        e.standard_error = pairs_.standard_error(q).value_or(0.0);
    };
    if (shape_.antithetic) {
        MetricSummary* metrics[] = {&out.npv, &out.irr, &out.dscr_min, &out.dscr_avg, &out.llcr, &out.plcr};
        for (std::size_t q = 0; q < 6; ++q) pair_error(*metrics[q], q);
        Estimate* estimates[] = {&out.p_dscr_below_1, &out.p_dscr_below_covenant, &out.p_default,
                                 &out.p_lockup};
        for (std::size_t q = 0; q < 4; ++q) pair_error_of(*estimates[q], 6 + q);
        pair_error(out.payback_years, 10);
        pair_error(out.peak_debt, 11);
        for (std::size_t i = 0; i < out.equity_npv.size() && i < shape_.investors; ++i) {
            pair_error(out.equity_npv[i], investor_base(i));
            pair_error(out.equity_irr[i], investor_base(i) + 1);
        }
    }
    for (std::size_t i = 0; i < buyers_.size() && i < out.buyers.size(); ++i) {
        const auto& a = buyers_[i];
        auto& b = out.buyers[i];
        b.contracted_tonnes = a.contracted.mean();
        b.delivered_tonnes = summarize(a.delivered);
        b.p_shortfall = summarize(a.shortfall);
        b.p_default = summarize(a.defaulted);
        b.price_paid = summarize(a.price_paid);
        b.spot_price = summarize(a.spot_price);
        b.price_premium = summarize(a.premium);
        b.prepayment_recovered = summarize(a.recovered);
        b.prepayment_lost = summarize(a.lost);
        b.equity_irr = summarize(a.equity_irr);
        b.p_shortfall.nonfinite = b.p_default.nonfinite = nonfinite_paths_;
        if (shape_.antithetic && i < shape_.buyers) {
            const std::size_t q = buyer_base(shape_, i);
            pair_error(b.delivered_tonnes, q + 0);
            pair_error(b.price_paid, q + 1);
            pair_error(b.spot_price, q + 2);
            pair_error(b.price_premium, q + 3);
            pair_error(b.prepayment_recovered, q + 4);
            pair_error(b.prepayment_lost, q + 5);
            pair_error(b.equity_irr, q + 6);
            pair_error_of(b.p_shortfall, q + 7);
            pair_error_of(b.p_default, q + 8);
        }
    }
    // After p_default and its (pair) standard error: the annualised PD is read from it.
    credit_.summarize_into(out, shape_.loan_years);
    // Per tranche (names and priorities set by describe_run): the senior debt's are the
    // deal's; the standard error of the total DSCR's mean is per path (antithetic runs
    // included: an approximation there).
    if (!tranche_credit_.empty() && out.tranches.size() == tranche_credit_.size() + 1) {
        TrancheStatistics& senior = out.tranches[0];
        senior.loan_years = out.loan_years;
        senior.p_default = out.p_default;
        senior.pd_annual = out.pd_annual;
        senior.implied_rating = out.implied_rating;
        senior.lgd = out.lgd;
        senior.lgd_default_weighted = out.lgd_default_weighted;
        senior.expected_loss = out.expected_loss;
        senior.expected_loss_money = out.expected_loss_money;
        for (std::size_t j = 0; j < tranche_credit_.size(); ++j)
            tranche_credit_[j].summarize_into(out.tranches[j + 1], shape_.tranche_years[j], nonfinite_paths_);
        out.dscr_total_min = summarize(dscr_total_min_);
    }
    if (shape_.periods > 0) bands_.summarize_into(out.bands);
    out.default_by_period.clear();
    for (const auto& p : default_in_period_) out.default_by_period.push_back(summarize(p));
}

// --- paired differences -----------------------------------------------------------

namespace {
void add_pair(RunningMoments& m, const std::optional<double>& a, const std::optional<double>& b) {
    if (a && b) m.add(*a - *b);
}
double indicator(bool x) { return x ? 1.0 : 0.0; }

constexpr std::size_t kCreditQuantities = 8;  // PairedAccumulator::kCredit

// PD x LGD of the deal minus the baseline's, each mean(L) mean(D) / mean(E) over the
// paths (docs/credit.md section 5); `loss` 2 (gross) or 3 (net). A deal without
// default has 0. The delta method on the joint co-moments gives the standard error.
Estimate expected_loss_difference(const CoMoments& c, std::size_t loss) {
    Estimate e;
    e.paths = c.count();
    double g[kCreditQuantities] = {0, 0, 0, 0, 0, 0, 0, 0};
    for (int side = 0; side < 2; ++side) {
        const std::size_t o = side == 0 ? 0 : 4;
        const double sign = side == 0 ? 1.0 : -1.0;
        const double d = c.mean(o), x = c.mean(o + 1), l = c.mean(o + loss);
        if (!(x > 0.0)) continue;
        e.value += sign * l * d / x;
        g[o] = sign * l / x;
        g[o + 1] = -sign * l * d / (x * x);
        g[o + loss] = sign * d / x;
    }
    e.standard_error = c.delta_standard_error(g);
    return e;
}
}  // namespace

void PairedAccumulator::add(const PathResult& d, const PathResult& b) {
    // A difference with a non-finite side is not known: the path is counted, not used.
    if (!path_is_finite(d) || !path_is_finite(b)) {
        ++nonfinite_;
        return;
    }
    npv_.add(d.npv - b.npv);
    add_pair(irr_, d.irr, b.irr);
    add_pair(dscr_min_, d.dscr_min, b.dscr_min);
    add_pair(dscr_avg_, d.dscr_avg, b.dscr_avg);
    add_pair(llcr_, d.llcr, b.llcr);
    add_pair(plcr_, d.plcr, b.plcr);
    for (std::size_t i = 0; i < equity_npv_.size(); ++i) equity_npv_[i].add(d.equity_npv[i] - b.equity_npv[i]);
    below_1_.add(indicator(d.dscr_min && *d.dscr_min < 1.0) - indicator(b.dscr_min && *b.dscr_min < 1.0));
    default_.add(indicator(d.payment_default) - indicator(b.payment_default));
    lockup_.add(indicator(d.lockup) - indicator(b.lockup));
    const double credit[kCredit] = {indicator(d.payment_default), d.exposure_at_default, d.lender_loss,
                                    d.lender_loss_net, indicator(b.payment_default), b.exposure_at_default,
                                    b.lender_loss, b.lender_loss_net};
    credit_.add(credit);
    for (std::size_t i = 0; i < price_paid_.size(); ++i) {
        const auto& x = d.buyers[i];
        const auto& y = b.buyers[i];
        delivered_[i].add(x.delivered_tonnes - y.delivered_tonnes);
        if (x.delivered_tonnes > 0.0 && y.delivered_tonnes > 0.0)
            price_paid_[i].add(x.invoiced / x.delivered_tonnes - y.invoiced / y.delivered_tonnes);
    }
}

void PairedAccumulator::merge(const PairedAccumulator& o) {
    npv_.merge(o.npv_);
    irr_.merge(o.irr_);
    dscr_min_.merge(o.dscr_min_);
    dscr_avg_.merge(o.dscr_avg_);
    llcr_.merge(o.llcr_);
    plcr_.merge(o.plcr_);
    merge_all(equity_npv_, o.equity_npv_);
    below_1_.merge(o.below_1_);
    default_.merge(o.default_);
    lockup_.merge(o.lockup_);
    credit_.merge(o.credit_);
    merge_all(price_paid_, o.price_paid_);
    merge_all(delivered_, o.delivered_);
    nonfinite_ += o.nonfinite_;
}

PairedDifferences PairedAccumulator::summarize() const {
    PairedDifferences p;
    p.npv = mean_estimate(npv_);
    p.irr = mean_estimate(irr_);
    p.dscr_min = mean_estimate(dscr_min_);
    p.dscr_avg = mean_estimate(dscr_avg_);
    p.llcr = mean_estimate(llcr_);
    p.plcr = mean_estimate(plcr_);
    for (const auto& m : equity_npv_) p.equity_npv.push_back(mean_estimate(m));
    p.p_dscr_below_1 = mean_estimate(below_1_);
    p.p_default = mean_estimate(default_);
    p.p_lockup = mean_estimate(lockup_);
    p.expected_loss = expected_loss_difference(credit_, 2);
    p.expected_loss_net = expected_loss_difference(credit_, 3);
    {
        Estimate& m = p.expected_loss_money;
        m.paths = credit_.count();
        m.value = credit_.mean(2) - credit_.mean(6);
        const double g[kCreditQuantities] = {0, 0, 1, 0, 0, 0, -1, 0};
        m.standard_error = credit_.delta_standard_error(g);
    }
    for (const auto& m : price_paid_) p.buyer_price_paid.push_back(mean_estimate(m));
    for (const auto& m : delivered_) p.buyer_delivered_tonnes.push_back(mean_estimate(m));
    for (Estimate* e : {&p.npv, &p.irr, &p.dscr_min, &p.dscr_avg, &p.llcr, &p.plcr, &p.p_dscr_below_1,
                        &p.p_default, &p.p_lockup, &p.expected_loss, &p.expected_loss_net, &p.expected_loss_money})
        e->nonfinite = nonfinite_;
    for (auto* list : {&p.equity_npv, &p.buyer_price_paid, &p.buyer_delivered_tonnes})
        for (auto& e : *list) e.nonfinite = nonfinite_;
    return p;
}

}  // namespace offtake::montecarlo
