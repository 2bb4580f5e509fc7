// Correlated counterparties (docs/risks.md section 3b, issue 14): buyers' default times
// coupled by a one-factor Gaussian copula. Expected values are closed forms: each buyer's
// marginal P(tau <= T) = 1 - (1 - PD)^T is the copula-free law; the joint probability is
// the bivariate normal distribution function Phi_2(Phi^-1(p_1), Phi^-1(p_2); rho), taken
// from QuantLib's BivariateCumulativeNormalDistributionWe04DP (West 2004, after Genz 2004),
// not from the engine.
#include "../montecarlo/mc_test_util.hpp"
#include "montecarlo/path_draws.hpp"

#include <offtake/deal_file.hpp>
#include <offtake/montecarlo.hpp>

#include <ql/math/distributions/bivariatenormaldistribution.hpp>
#include <ql/math/distributions/normaldistribution.hpp>

#include <gtest/gtest.h>

#include <cmath>

using namespace offtake;

namespace {

Offtake buyer(const std::string& name, double pd) {
    Offtake o;
    o.buyer = name;
    o.volume_tpa = 1.0;
    o.pricing.type = Pricing::Type::Index;
    o.buyer_pd = pd;
    return o;
}

// A ten-year annual mine (30/360 periods; default times count in Act/365F years from the
// start) with the given buyers, no debt.
Deal mine(const std::string& name, std::vector<Offtake> buyers, std::optional<double> rho,
          const std::string& factor = "credit_cycle") {
    Deal d = test::one_mine(10, 0.0);
    d.project.name = name;
    d.debt.reset();
    d.offtakes = std::move(buyers);
    if (rho) d.counterparty_dependence = CounterpartyDependence{factor, *rho};
    return d;
}

// Act/365F years from the start to the end of period t.
double years_to(const PreparedDeal& p, int t) {
    const auto& g = grid(p);
    return (g.dates[static_cast<std::size_t>(t)] - g.dates[0]) / 365.0;
}

double marginal(double pd, double years) { return 1.0 - std::pow(1.0 - pd, years); }

double joint_closed_form(double p1, double p2, double rho) {
    const QuantLib::InverseCumulativeNormal inv;
    return QuantLib::BivariateCumulativeNormalDistributionWe04DP(rho)(inv(p1), inv(p2));
}

// Counts of (A by t, B by t, both by t) over N paths.
struct Counts {
    double a = 0, b = 0, both = 0, n = 0;
};

Counts count(const montecarlo::PathDraws& da, std::size_t ia, const montecarlo::PathDraws& db, std::size_t ib,
             int t, int paths) {
    std::vector<int> fa(da.buyers()), fb(db.buyers());
    Counts c;
    for (int path = 0; path < paths; ++path) {
        da.buyer_defaults(11, static_cast<std::uint64_t>(path), fa.data());
        db.buyer_defaults(11, static_cast<std::uint64_t>(path), fb.data());
        const bool x = fa[ia] <= t, y = fb[ib] <= t;
        c.a += x;
        c.b += y;
        c.both += x && y;
        c.n += 1;
    }
    return c;
}

// 4 binomial standard errors of a frequency whose true value is p.
double tol(double p, double n) { return 4.0 * std::sqrt(p * (1.0 - p) / n); }

}  // namespace

TEST(CounterpartyCopula, MarginalsKeepTheirPdAndTheJointIsTheBivariateNormal) {
    // PDs 5 % and 8 % a year, asset correlation 0.30, horizon the end of year 5.
    const Deal d = mine("copula-mine", {buyer("A", 0.05), buyer("B", 0.08)}, 0.30);
    const auto p = prepare(d);
    const montecarlo::PathDraws draws(*p, grid(*p).dates[0]);
    const int t = 5, N = 100000;
    const double T = years_to(*p, t);
    const Counts c = count(draws, 0, draws, 1, t, N);
    const double p1 = marginal(0.05, T), p2 = marginal(0.08, T);
    const double p12 = joint_closed_form(p1, p2, 0.30);
    EXPECT_NEAR(c.a / N, p1, tol(p1, N));
    EXPECT_NEAR(c.b / N, p2, tol(p2, N));
    EXPECT_NEAR(c.both / N, p12, tol(p12, N));
    // The dependence is material at this size: the joint is well above independence, so
    // the check above could not pass with independent draws.
    EXPECT_GT(p12 - p1 * p2, 5.0 * tol(p12, N));
}

TEST(CounterpartyCopula, ZeroCorrelationIsIndependence) {
    const Deal d = mine("copula-mine", {buyer("A", 0.05), buyer("B", 0.08)}, 0.0);
    const auto p = prepare(d);
    const montecarlo::PathDraws draws(*p, grid(*p).dates[0]);
    const int t = 5, N = 100000;
    const double T = years_to(*p, t);
    const Counts c = count(draws, 0, draws, 1, t, N);
    const double p12 = marginal(0.05, T) * marginal(0.08, T);
    EXPECT_NEAR(c.both / N, p12, tol(p12, N));
}

TEST(CounterpartyCopula, ProjectsNamingOneFactorShareItAndOthersDoNot) {
    // Two deals (a portfolio's two projects), one buyer each, rho = 0.5 in both: with the
    // same factor name the buyers are dependent across deals; with different names they
    // are independent, because each factor is its own draw.
    const auto pa = prepare(mine("mine-one", {buyer("A", 0.05)}, 0.5, "credit_cycle"));
    const auto pb = prepare(mine("mine-two", {buyer("B", 0.05)}, 0.5, "credit_cycle"));
    const auto pc = prepare(mine("mine-three", {buyer("C", 0.05)}, 0.5, "another_cycle"));
    const QuantLib::Date origin = grid(*pa).dates[0];
    const montecarlo::PathDraws da(*pa, origin), db(*pb, origin), dc(*pc, origin);
    const int t = 5, N = 100000;
    const double p = marginal(0.05, years_to(*pa, t));
    const Counts shared = count(da, 0, db, 0, t, N);
    const double joint = joint_closed_form(p, p, 0.5);
    EXPECT_NEAR(shared.both / N, joint, tol(joint, N));
    const Counts separate = count(da, 0, dc, 0, t, N);
    EXPECT_NEAR(separate.both / N, p * p, tol(p * p, N));
}

TEST(CounterpartyCopula, ABuyerWithTwoOfftakesDefaultsOnOneDate) {
    const Deal d = mine("copula-mine", {buyer("A", 0.10), buyer("B", 0.10), buyer("A", 0.10)}, 0.3);
    const auto p = prepare(d);
    const montecarlo::PathDraws draws(*p, grid(*p).dates[0]);
    std::vector<int> f(3);
    int defaults = 0;
    for (std::uint64_t path = 0; path < 2000; ++path) {
        draws.buyer_defaults(3, path, f.data());
        EXPECT_EQ(f[0], f[2]);
        defaults += f[0] <= 10;
    }
    // 1 - 0.9^10.1 = 0.65 of 2,000 paths default within the mine life: the check binds.
    EXPECT_GT(defaults, 1000);
}

TEST(CounterpartyCopula, TheDealFileSectionIsRead) {
    const Deal d = load_deal_string(
        "project:\n  name: p\n  commodity: copper_cathode\n  time: {start: 2026-01-01, frequency: annual}\n"
        "  construction_periods: 1\n  mine_life_years: 3\n  production_tpa: [10]\n  construction_capex: [100]\n"
        "price_deck: {type: flat, price: 100}\ndiscounting: {rate: 0.08}\n"
        "offtakes:\n  - {buyer: A, volume_tpa: 5, pricing: {type: index}, buyer_pd: 0.02}\n"
        "equity:\n  - {name: S, share: 1}\n"
        "counterparty_dependence:\n  factor: battery_demand\n  asset_correlation: 0.24\n",
        "copula.yaml");
    ASSERT_TRUE(d.counterparty_dependence.has_value());
    EXPECT_EQ(d.counterparty_dependence->factor, "battery_demand");
    EXPECT_DOUBLE_EQ(d.counterparty_dependence->asset_correlation, 0.24);
}

TEST(CounterpartyCopula, TheSectionIsPartOfTheInputsHash) {
    const Deal off = mine("copula-mine", {buyer("A", 0.05)}, std::nullopt);
    Deal on = mine("copula-mine", {buyer("A", 0.05)}, 0.24);
    Deal other = on;
    other.counterparty_dependence->asset_correlation = 0.12;
    EXPECT_NE(inputs_hash(off), inputs_hash(on));
    EXPECT_NE(inputs_hash(on), inputs_hash(other));
}
