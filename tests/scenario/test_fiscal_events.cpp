// Fiscal events (docs/risks.md section 1b, issue 14): a country's royalty and tax
// step-ups. The law against the Poisson closed forms (P(no step by a date) =
// exp(-lambda x years), E[rate] = base + step x lambda x years); the waterfall's use of the
// path's rates worked by hand on an annual mine (revenue 1,000 a year, discount 8 %);
// a country's steps shared by its projects; the deal-file section and the shipped model.
#include "../montecarlo/mc_test_util.hpp"

#include <offtake/country_model.hpp>
#include <offtake/deal_file.hpp>
#include <offtake/errors.hpp>
#include <offtake/fiscal_events.hpp>
#include <offtake/montecarlo.hpp>

#include <gtest/gtest.h>

#include <cmath>

using namespace offtake;

namespace {

// Annual dates, 1 January 2026 .. 1 January 2036 (actual calendar days).
std::vector<QuantLib::Date> annual_dates() {
    std::vector<QuantLib::Date> d;
    for (int y = 2026; y <= 2036; ++y) d.emplace_back(1, QuantLib::January, y);
    return d;
}

// Expected arrivals of a rate-lambda-per-calendar-year process in (lo, hi] (serial
// days): each calendar year Y contributes lambda x (its days inside) / (days in Y),
// because given their count, a year's arrivals are uniform in it.
double expected_arrivals(double lambda, double lo, double hi) {
    double sum = 0.0;
    for (int y = 2020; y <= 2040; ++y) {
        const double y0 = QuantLib::Date(1, QuantLib::January, y).serialNumber();
        const double y1 = QuantLib::Date(1, QuantLib::January, y + 1).serialNumber();
        sum += std::max(0.0, std::min(hi, y1) - std::max(lo, y0)) / (y1 - y0);
    }
    return lambda * sum;
}

double tol(double p, double n) { return 4.0 * std::sqrt(p * (1.0 - p) / n); }

}  // namespace

TEST(FiscalEvents, NoStepByADateIsPoissonAndTheMeanRateIsLinear) {
    // lambda 0.3 a year, step 0.01, no cap in reach (max 1), base 0.04; period t = 5
    // starts on 2 January 2030: 4 years and a day after the grid's first date.
    const FiscalStepEvents steps("CD", "royalty_step", FiscalStepModel{0.3, 0.01, 1.0});
    const auto dates = annual_dates();
    const int N = 40000, t = 5;
    std::vector<double> rate(dates.size()), scratch;
    double none = 0.0, sum = 0.0, sum2 = 0.0;
    for (int path = 0; path < N; ++path) {
        steps.rates(5, static_cast<std::uint64_t>(path), dates, 0.04, rate.data(), scratch);
        EXPECT_EQ(rate[0], 0.04);
        EXPECT_LE(rate[t - 1], rate[t]);  // step-ups only
        none += rate[t] == 0.04;
        sum += rate[t];
        sum2 += rate[t] * rate[t];
    }
    const double lo = dates[0].serialNumber(), hi = dates[t - 1].serialNumber() + 1.0;
    const double m = expected_arrivals(0.3, lo, hi);  // 0.3 x (4 + 1/365)
    EXPECT_NEAR(m, 0.3 * (4.0 + 1.0 / 365.0), 1e-12);
    const double p0 = std::exp(-m);
    EXPECT_NEAR(none / N, p0, tol(p0, N));
    // N(t) is Poisson(m): mean base + 0.01 m, sd 0.01 sqrt(m).
    const double sd = 0.01 * std::sqrt(m);
    EXPECT_NEAR(sum / N, 0.04 + 0.01 * m, 4.0 * sd / std::sqrt(double(N)));
    const double var = sum2 / N - (sum / N) * (sum / N);
    EXPECT_NEAR(var, sd * sd, 4.0 * sd * sd * std::sqrt(2.0 / N) * 1.5);  // 1.5: Poisson excess kurtosis 1/m
}

TEST(FiscalEvents, TheRateStopsAtItsCeiling) {
    // Five arrivals a year of 2 points each from 3 %: the 7 % ceiling binds on most paths.
    const FiscalStepEvents steps("CL", "royalty_step", FiscalStepModel{5.0, 0.02, 0.07});
    const auto dates = annual_dates();
    std::vector<double> rate(dates.size()), scratch;
    int at_cap = 0;
    for (std::uint64_t path = 0; path < 500; ++path) {
        steps.rates(5, path, dates, 0.03, rate.data(), scratch);
        for (double r : rate) EXPECT_LE(r, 0.07 + 1e-15);
        at_cap += std::abs(rate.back() - 0.07) < 1e-15;
    }
    EXPECT_EQ(at_cap, 500);  // P(fewer than 2 arrivals in 9 years at 5 a year) < 1e-17
    // A deal whose own rate is above the ceiling keeps it (the cap is max(base, max_rate)).
    steps.rates(5, 0, dates, 0.09, rate.data(), scratch);
    for (double r : rate) EXPECT_EQ(r, 0.09);
}

TEST(FiscalEvents, ProjectsInOneCountryShareTheStepsAndKindsAreIndependent) {
    const FiscalStepModel law{0.3, 0.01, 1.0};
    const FiscalStepEvents a("CD", "royalty_step", law), b("CD", "royalty_step", law);
    const FiscalStepEvents other("CL", "royalty_step", law), tax("CD", "tax_step", law);
    const auto dates = annual_dates();
    const int N = 40000, t = 5;
    std::vector<double> ra(dates.size()), rb(dates.size()), ro(dates.size()), rt(dates.size()), scratch;
    double both_other = 0.0, both_tax = 0.0;
    for (int path = 0; path < N; ++path) {
        const auto p = static_cast<std::uint64_t>(path);
        a.rates(9, p, dates, 0.0, ra.data(), scratch);
        b.rates(9, p, dates, 0.0, rb.data(), scratch);
        other.rates(9, p, dates, 0.0, ro.data(), scratch);
        tax.rates(9, p, dates, 0.0, rt.data(), scratch);
        ASSERT_EQ(ra, rb);
        both_other += ra[t] == 0.0 && ro[t] == 0.0;
        both_tax += ra[t] == 0.0 && rt[t] == 0.0;
    }
    const double p0 = std::exp(-expected_arrivals(0.3, dates[0].serialNumber(), dates[t - 1].serialNumber() + 1.0));
    EXPECT_NEAR(both_other / N, p0 * p0, tol(p0 * p0, N));
    EXPECT_NEAR(both_tax / N, p0 * p0, tol(p0 * p0, N));
}

TEST(FiscalEvents, TheWaterfallChargesThePathsRoyaltyAndTaxRates) {
    // one_mine: annual 30/360, construction in period 1, operations t = 2..11, revenue
    // 100 x 10 = 1,000 a year sold spot, no opex, no debt, project NPV at 8 % a year with
    // discount factor 1.08^-(days from d_0 to d_t / 365) (conventions: Actual/365F
    // whatever the deal's day counter; leap years make it differ from 1.08^-t).
    Deal d = test::one_mine(10, 0.0);
    d.debt.reset();
    d.project.royalty_rate = 0.05;
    const auto p = prepare(d);
    const int n = grid(*p).periods();
    ASSERT_EQ(n, 11);
    const std::vector<double> prices(static_cast<std::size_t>(n) + 1, 100.0);
    auto npv = [&](const double* royalty, const double* tax) {
        PathInputs in;
        in.price = prices.data();
        in.royalty_rate = royalty;
        in.tax_rate = tax;
        PathResult r;
        PathScratch scratch;
        run_path(*p, in, r, scratch);
        return r.npv;
    };
    const double plan = npv(nullptr, nullptr);
    // The deal's own rate given per period is the deal, bit for bit.
    std::vector<double> royalty(static_cast<std::size_t>(n) + 1, 0.05);
    EXPECT_EQ(npv(royalty.data(), nullptr), plan);
    // A 3-point step-up from period 4: 30 a year less from t = 4 to 11.
    for (int t = 4; t <= n; ++t) royalty[static_cast<std::size_t>(t)] = 0.08;
    double annuity = 0.0;
    const auto& dates = grid(*p).dates;
    for (int t = 4; t <= n; ++t)
        annuity += std::pow(1.08, -(dates[static_cast<std::size_t>(t)] - dates[0]) / 365.0);
    EXPECT_NEAR(npv(royalty.data(), nullptr) - plan, -30.0 * annuity, 1e-9);

    // Tax 25 %, raised to 35 % from period 4. Construction capex 1,000 is depreciated in
    // one year, so by period 4 no loss is left: the unlevered tax base is EBITDA = 1,000
    // (no royalty here) and tax rises by 0.10 x 1,000 = 100 a year from t = 4.
    Deal taxed = test::one_mine(10, 0.0);
    taxed.debt.reset();
    taxed.project.tax_rate = 0.25;
    const auto q = prepare(taxed);
    auto taxed_npv = [&](const double* tax) {
        PathInputs in;
        in.price = prices.data();
        in.tax_rate = tax;
        PathResult r;
        PathScratch scratch;
        run_path(*q, in, r, scratch);
        return r.npv;
    };
    std::vector<double> tax(static_cast<std::size_t>(n) + 1, 0.25);
    const double taxed_plan = taxed_npv(nullptr);
    EXPECT_EQ(taxed_npv(tax.data()), taxed_plan);
    for (int t = 4; t <= n; ++t) tax[static_cast<std::size_t>(t)] = 0.35;
    EXPECT_NEAR(taxed_npv(tax.data()) - taxed_plan, -100.0 * annuity, 1e-9);
}

TEST(FiscalEvents, TheShippedModelLoadsWithItsSourcedFigures) {
    const auto spec = load_country_model(std::string(OFFTAKE_SOURCE_DIR) + "/models/country/fiscal_events.yaml");
    const FiscalEventModel* cd = spec->find_fiscal("CD");
    ASSERT_NE(cd, nullptr);
    // The DRC's 2018 code: copper and cobalt 2 % -> 3.5 % (one episode in 21 years).
    EXPECT_DOUBLE_EQ(cd->royalty.step, 0.035 - 0.02);
    EXPECT_DOUBLE_EQ(cd->royalty.arrivals_per_year, 0.05);
    EXPECT_EQ(cd->tax.arrivals_per_year, 0.0);  // none read
    const FiscalEventModel* cl = spec->find_fiscal("CL");
    ASSERT_NE(cl, nullptr);
    EXPECT_DOUBLE_EQ(cl->royalty.step, 0.01);  // the 2023 law's ad valorem component
    EXPECT_EQ(spec->find_fiscal("ID"), nullptr);
    EXPECT_TRUE(spec->export_restrictions.empty());
}

TEST(FiscalEvents, ADealReadsItsCountrysEventsAndAFileWithoutTheCountryIsRefused) {
    const std::string deal_yaml =
        "project:\n  name: p\n  country: CD\n  commodity: copper_cathode\n"
        "  time: {start: 2026-01-01, frequency: annual}\n"
        "  construction_periods: 1\n  mine_life_years: 8\n  production_tpa: [10]\n  construction_capex: [100]\n"
        "  royalty_rate: 0.035\n"
        "price_deck: {type: flat, price: 100}\ndiscounting: {rate: 0.08}\n"
        "equity:\n  - {name: S, share: 1}\n"
        "fiscal_events:\n  model: " OFFTAKE_SOURCE_DIR "/models/country/fiscal_events.yaml\n";
    const Deal d = load_deal_string(deal_yaml, "fiscal.yaml");
    ASSERT_TRUE(d.fiscal_events.has_value());
    MonteCarloOptions o;
    o.paths = 200;
    o.seed = 3;
    o.price_simulator = test::lognormal_for(d, 0.2);
    const SimulationResult with = simulate(d, o);
    Deal without = d;
    without.fiscal_events.reset();
    const SimulationResult plain = simulate(without, o);
    EXPECT_NE(with.inputs_hash, plain.inputs_hash);
    // Royalty step-ups only lower the project's cash: the mean NPV cannot rise, and at
    // 0.05 arrivals a year over 8 years some of 200 paths see one.
    EXPECT_LT(*with.npv.mean, *plain.npv.mean);

    Deal elsewhere = d;
    elsewhere.project.country = "ID";
    try {
        simulate(elsewhere, o);
        FAIL() << "a country the file does not model must be refused";
    } catch (const DealError& e) {
        EXPECT_NE(std::string(e.what()).find("has no fiscal events for ID"), std::string::npos) << e.what();
    }
}
