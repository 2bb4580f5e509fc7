// The value of a target condition in a run and its Monte Carlo standard error
// (docs/negotiation.md section 3):
// - a mean or a probability: the run's own standard error (conventions section 11);
// - a percentile q_p: sqrt(p (1 - p) / n) / f(q_p), the large-sample variance of a sample
//   quantile (Cramer, Mathematical Methods of Statistics, p. 369, as quoted in the R-help
//   thread of November 2012; the page itself not read), with 1 / f(q_p) = dq/dp read off
//   the run's quantile grid (one step of 5 % either side: a quantile-spacing estimate);
// - the bankability score: an upper bound, the sum over the run-measured factors of
//   weight x |slope of the sub-score| x se(factor), since sd(sum) <= sum of sd whatever
//   the correlations (the factors share paths, so they are correlated).
#include <offtake/bankability.hpp>
#include <offtake/metric_catalogue.hpp>
#include <offtake/negotiation.hpp>

#include <cmath>

namespace offtake {
namespace {

std::optional<double> stat_value(const MetricStatistics& s, const std::string& statistic) {
    if (statistic == "mean") return s.mean;
    if (statistic == "p5") return s.p5;
    if (statistic == "p10") return s.p10;
    if (statistic == "p50") return s.p50;
    if (statistic == "p90") return s.p90;
    if (statistic == "p95") return s.p95;
    return std::nullopt;
}

double level(const std::string& statistic) {
    if (statistic == "p5") return 0.05;
    if (statistic == "p10") return 0.10;
    if (statistic == "p50") return 0.50;
    if (statistic == "p90") return 0.90;
    return 0.95;
}

// se of the percentile `statistic` from the quantile grid q[k] = Q(k / 20), k = 0..20.
std::optional<double> quantile_std_error(const MetricStatistics& s, const std::string& statistic) {
    const auto& q = s.quantiles;
    if (q.size() != static_cast<std::size_t>(kQuantileGridSteps) + 1 || s.count < 2) return std::nullopt;
    const double p = level(statistic), step = 1.0 / kQuantileGridSteps;
    const int k = static_cast<int>(std::lround(p * kQuantileGridSteps));
    // Central where both neighbours are inner grid points; the ends q[0] and q[20] are the
    // sample's minimum and maximum, too noisy to difference, so P5 and P95 use one side.
    int a = k - 1, b = k + 1;
    if (a < 1) a = k;
    if (b > kQuantileGridSteps - 1) b = k;
    if (!q[static_cast<std::size_t>(a)] || !q[static_cast<std::size_t>(b)] || a == b) return std::nullopt;
    const double dq_dp = (*q[static_cast<std::size_t>(b)] - *q[static_cast<std::size_t>(a)]) / ((b - a) * step);
    return std::sqrt(p * (1.0 - p) / static_cast<double>(s.count)) * std::fabs(dq_dp);
}

// The run statistic a scorecard factor reads, for its standard error; nullopt for the
// factors that are deal terms (no Monte Carlo noise).
std::optional<double> factor_std_error(const std::string& id, const SimulationResult& r) {
    auto summary_se = [&](const MetricSummary& m, const std::string& stat) -> std::optional<double> {
        return quantile_std_error(statistics_of(m), stat);
    };
    if (id == "p50_dscr_min") return summary_se(r.dscr_min, "p50");
    if (id == "p10_dscr_min") return summary_se(r.dscr_min, "p10");
    if (id == "p50_llcr") return summary_se(r.llcr, "p50");
    if (id == "p10_llcr") return summary_se(r.llcr, "p10");
    if (id == "p50_plcr") return summary_se(r.plcr, "p50");
    if (id == "p_default") return r.p_default.standard_error;
    if (id == "p_dscr_below_1") return r.p_dscr_below_1.standard_error;
    if (id == "expected_loss") return r.expected_loss.standard_error;
    if (id == "expected_loss_net") return r.expected_loss_net.standard_error;
    if (id == "pd_annual") return r.pd_annual.standard_error;
    // pd_annual x LGD = A E / p (A = pd_annual, E = expected loss, p = p_default): the
    // linearised bound (E / p) se(A) + (A / p) se(E) + (A E / p^2) se(p).
    if (id == "annual_expected_loss" || id == "annual_expected_loss_net") {
        const Estimate& e = id == "annual_expected_loss" ? r.expected_loss : r.expected_loss_net;
        const double p = r.p_default.value, a = r.pd_annual.value;
        if (p <= 0.0) return 0.0;  // no default on any path: the factor is 0 with no spread measured
        return e.value / p * r.pd_annual.standard_error + a / p * e.standard_error +
               a * e.value / (p * p) * r.p_default.standard_error;
    }
    return std::nullopt;
}

bool measured_by_run(const std::string& id) {
    for (const char* r : {"p50_dscr_min", "p10_dscr_min", "p50_llcr", "p10_llcr", "p50_plcr", "p_default",
                          "p_dscr_below_1", "expected_loss", "expected_loss_net", "prepayment_ranking",
                          "pd_annual", "annual_expected_loss", "annual_expected_loss_net"})
        if (id == r) return true;
    return false;
}

double slope_of(const ScorecardFactor& f, double x) {
    const double h = 1e-6 * std::max(1.0, std::fabs(x));
    return (sub_score(f, x + h) - sub_score(f, x - h)) / (2.0 * h);
}

std::optional<double> score_std_error(const SimulationResult& r, const Scorecard& card) {
    if (!r.bankability) return std::nullopt;
    double bound = 0.0;
    for (const auto& f : r.bankability->factors) {
        if (!f.applicable || !f.value || f.weight == 0.0) continue;
        const ScorecardFactor* spec = nullptr;
        for (const auto& s : card.factors)
            if (s.id == f.id) spec = &s;
        if (!spec) continue;
        std::optional<double> se = factor_std_error(f.id, r);
        // Prepayment ranking: amount / mean peak debt; its noise is the peak debt's.
        if (f.id == "prepayment_ranking" && r.peak_debt.mean && *r.peak_debt.mean > 0.0 && r.peak_debt.standard_error)
            se = *f.value * *r.peak_debt.standard_error / *r.peak_debt.mean;
        if (!se) {
            if (measured_by_run(f.id)) return std::nullopt;  // its noise cannot be bounded
            continue;                                         // a deal term: no noise
        }
        bound += f.weight * std::fabs(slope_of(*spec, *f.value)) * *se;
    }
    return bound;
}

}  // namespace

ConditionValue condition_value(const TargetCondition& c, const SimulationResult& r, const Scorecard& card) {
    ConditionValue out;
    if (c.kind == TargetCondition::Kind::Metric) {
        for (const auto& e : metric_catalogue()) {
            // Names are unique across the catalogue's expansion: match the key and index.
            std::size_t index = 0;
            std::string key = c.metric;
            if (e.scope == MetricScope::Buyer || e.scope == MetricScope::Tranche) {
                const std::string prefix = e.scope == MetricScope::Buyer ? "buyers[" : "tranches[";
                if (key.rfind(prefix, 0) != 0) continue;
                const auto close = key.find("].");
                if (close == std::string::npos) continue;
                index = std::stoul(key.substr(prefix.size(), close - prefix.size()));
                key = key.substr(close + 2);
            } else if (e.scope == MetricScope::Investor) {
                const auto open = key.find('[');
                if (open == std::string::npos) continue;
                index = std::stoul(key.substr(open + 1));
                key = key.substr(0, open);
            } else if (key.find('[') != std::string::npos) {
                continue;
            }
            if (key != e.key) continue;
            const auto s = monte_carlo_statistics(e, r, index);
            if (!s) break;
            out.value = stat_value(*s, c.statistic);
            out.std_error = c.statistic == "mean" ? s->std_error : quantile_std_error(*s, c.statistic);
            break;
        }
    } else {
        if (r.bankability) out.value = r.bankability->score;
        out.std_error = score_std_error(r, card);
    }
    if (out.value) {
        const double v = *out.value, bound = c.value;
        out.met = c.at_least ? v >= bound : v <= bound;
        const double gap = c.at_least ? bound - v : v - bound;
        const double scale = std::fabs(bound) > 0.0 ? std::fabs(bound) : std::max(std::fabs(v), 1e-12);
        out.shortfall = out.met ? 0.0 : gap / scale;
    } else {
        out.met = false;
        out.shortfall = HUGE_VAL;
    }
    return out;
}

}  // namespace offtake
