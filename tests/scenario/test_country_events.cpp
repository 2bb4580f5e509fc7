// Country export restrictions (docs/risks.md section 1, issue 14): the law of the events
// against closed forms, the events shared by every project of a country on a path, the
// deal's response checked by hand, and the engine unchanged when the feature is off.
#include "../montecarlo/mc_test_util.hpp"
#include "montecarlo/path_context.hpp"

#include <offtake/country_events.hpp>
#include <offtake/country_model.hpp>
#include <offtake/errors.hpp>
#include <offtake/montecarlo.hpp>
#include <offtake/result_json.hpp>

#include <ql/time/period.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace offtake;
using QuantLib::Date;

namespace {

// A model file with the same law for two countries, written where the tests run.
std::string model_file(const std::string& name, double lambda, double median, double sigma, double max_years,
                       double share = 1.0) {
    const std::string path = std::string(OFFTAKE_BINARY_DIR) + "/" + name + ".yaml";
    std::ofstream out(path);
    for (const char* c : {"ID", "CD"})
        out << (c[0] == 'I' ? "export_restrictions:\n" : "") << "  " << c << ":\n    arrivals_per_year: " << lambda
            << "\n    duration: {median_years: " << median << ", sigma: " << sigma << ", max_years: " << max_years
            << "}\n    restricted_share: " << share << "\n    domestic_discount: 0.3\n";
    return path;
}

ExportRestrictionModel law(double lambda, double median, double sigma, double max_years) {
    ExportRestrictionModel m;
    m.country = "ID";
    m.arrivals_per_year = lambda;
    m.duration_median_years = median;
    m.duration_sigma = sigma;
    m.duration_max_years = max_years;
    return m;
}

double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

// E[min(D, c)] for ln D ~ N(mu, s^2): E[D; D < c] + c P(D >= c), with
// E[D; D < c] = e^{mu + s^2/2} Phi((ln c - mu - s^2) / s) (the lognormal's partial mean).
double capped_lognormal_mean(double median, double s, double c) {
    const double mu = std::log(median);
    return std::exp(mu + 0.5 * s * s) * normal_cdf((std::log(c) - mu - s * s) / s) +
           c * (1.0 - normal_cdf((std::log(c) - mu) / s));
}

Deal in_country(Deal d, const std::string& country, const std::string& model) {
    d.project.country = country;
    ExportRestrictions x;
    x.model = model;
    d.export_restrictions = x;
    return d;
}

MonteCarloOptions flat_prices(const Deal& d, std::uint64_t paths) {
    MonteCarloOptions o;
    o.paths = paths;
    o.seed = 11;
    o.threads = 1;
    o.price_simulator = test::lognormal_for(d, 0.0);
    return o;
}

}  // namespace

TEST(ExportRestrictions, NoArrivalInTYearsHasProbabilityExpMinusLambdaT) {
    // Arrivals in [2030-01-01, 2040-01-01): ten whole calendar years at lambda = 0.1 a
    // year, so the count is Poisson(1): P(none) = e^-1 and E[count] = 1.
    // N = 20,000 paths: se of the proportion sqrt(p(1-p)/N) = 0.0034, of the mean count
    // sqrt(1/N) = 0.0071; both are checked to 4 se.
    const ExportRestrictionEvents events(law(0.1, 2.0, 0.5, 10.0));
    const Date from(1, QuantLib::January, 2030), to(1, QuantLib::January, 2040);
    const double lo = from.serialNumber(), hi = to.serialNumber();
    const int n = 20000;
    int none = 0;
    double count = 0.0;
    std::vector<ExportRestrictionEvents::Event> ev;
    for (int path = 0; path < n; ++path) {
        events.events(3, static_cast<std::uint64_t>(path), from, to, ev);
        int arrivals = 0;
        for (const auto& e : ev) arrivals += e.start >= lo && e.start < hi;
        none += arrivals == 0;
        count += arrivals;
    }
    const double p = std::exp(-1.0);
    EXPECT_NEAR(none / double(n), p, 4.0 * std::sqrt(p * (1.0 - p) / n));
    EXPECT_NEAR(count / n, 1.0, 4.0 * std::sqrt(1.0 / n));
}

TEST(ExportRestrictions, TheEngineSeesNoRestrictionWithProbabilityExpOfMinusLambdaTimesWindowPlusMeanDuration) {
    // A mine operating ten calendar years (2026-2035) in a country with lambda = 0.2 and
    // durations min(D, 2), D lognormal with median 0.5 years and sigma 0.5. Restrictions
    // touching the window are those arriving in it or up to D before it: by the marking
    // theorem of Poisson processes their count is Poisson(lambda (T + E[min(D, 2)])),
    // so P(no restricted tonnes on a path) = exp(-lambda (T + E[min(D, 2)])) = 0.121.
    // N = 4,000 paths: se = sqrt(p(1-p)/N) = 0.0052; checked to 4 se.
    Deal d = in_country(test::one_mine(10, 0.0), "ID", model_file("country_engine", 0.2, 0.5, 0.5, 2.0));
    d.debt.reset();
    const int n = 4000;
    auto setups = montecarlo::setup_runs({d}, flat_prices(d, n));
    ASSERT_TRUE(setups[0].export_events);
    montecarlo::PathContext ctx(setups[0], false);
    int clear = 0;
    for (int path = 0; path < n; ++path) clear += ctx.run(static_cast<std::uint64_t>(path)).export_restricted_tonnes == 0.0;
    const double p = std::exp(-0.2 * (10.0 + capped_lognormal_mean(0.5, 0.5, 2.0)));
    EXPECT_NEAR(clear / double(n), p, 4.0 * std::sqrt(p * (1.0 - p) / n));
}

TEST(ExportRestrictions, ProjectsInOneCountryShareTheEventsWhateverTheirGridOrName) {
    // An annual mine from 2025 and a quarterly one from 2027, both in ID: in every year
    // both operate, the annual period's restricted share equals the time-weighted mean of
    // the four quarters' shares (the same restrictions on the same dates). A mine in CD
    // with the same law sees other restrictions on some path.
    const std::string file = model_file("country_shared", 0.3, 0.7, 0.8, 3.0);
    Deal a = in_country(test::one_mine(12, 0.0), "ID", file);
    Deal q = a;
    q.project.name = "another mine";
    q.project.time.start = Date(1, QuantLib::January, 2027);
    q.project.time.frequency = Frequency::Quarterly;
    q.project.construction_capex = {250.0, 250.0, 250.0, 250.0};
    q.project.construction_periods = 4;
    q.project.mine_life_years = 8;
    Deal c = in_country(a, "CD", file);
    a.debt.reset(); q.debt.reset(); c.debt.reset();
    auto setups = montecarlo::setup_runs({a, q, c}, flat_prices(a, 10));
    const auto& ga = grid(*setups[0].prepared).dates;  // annual: ga[t] = 2025 + t
    const auto& gq = grid(*setups[1].prepared).dates;  // quarterly from 2027
    std::vector<double> sa(ga.size()), sq(gq.size()), sc(ga.size());
    std::vector<ExportRestrictionEvents::Event> scratch;
    int restricted_years = 0, differ = 0;
    for (std::uint64_t path = 0; path < 300; ++path) {
        setups[0].export_events->restricted_share(11, path, ga, sa.data(), scratch);
        setups[1].export_events->restricted_share(11, path, gq, sq.data(), scratch);
        setups[2].export_events->restricted_share(11, path, ga, sc.data(), scratch);
        for (int y = 0; y < 8; ++y) {  // calendar years 2027 + y: annual period 3 + y, quarters 4y+1 .. 4y+4
            double weighted = 0.0;
            for (int k = 1; k <= 4; ++k) {
                const int t = 4 * y + k;
                weighted += sq[t] * (gq[t] - gq[t - 1]);
            }
            const int t = 3 + y;
            weighted /= (ga[t] - ga[t - 1]);
            EXPECT_NEAR(sa[t], weighted, 1e-12) << "path " << path << " year " << 2027 + y;
            restricted_years += sa[t] > 0.0;
        }
        for (std::size_t t = 0; t < sa.size(); ++t) differ += sa[t] != sc[t];
    }
    EXPECT_GT(restricted_years, 100);  // the check is not vacuous
    EXPECT_GT(differ, 0);
}

TEST(ExportRestrictions, EachResponseMovesTheCashFlowAsWorkedOutByHand) {
    // one_mine: annual, 30/360, construction in period 1, then 3 operating years of 10 t
    // at a flat 100, no tax, no debt; unit opex 20/t; discounting 8 % a year. Half of
    // period 3's output cannot be exported (PathInputs given by hand).
    Deal d = test::one_mine(3, 0.0);
    d.debt.reset();
    d.project.unit_opex = 20.0;
    d.project.country = "ID";
    Offtake o;  // 8 t/yr at the index, penalty of 1 x price per tonne missed
    o.buyer = "smelter";
    o.volume_tpa = 8.0;
    o.shortfall_penalty = 1.0;
    d.offtakes = {o};
    std::vector<double> share(5, 0.0), prices(5, 100.0);
    share[3] = 0.5;
    auto run = [&](ExportRestrictions::Response response, bool restricted, PathResult& r) {
        ExportRestrictions x;
        x.response = response;
        d.export_restrictions = x;
        const auto p = prepare(d);
        PathInputs in;
        in.price = prices.data();
        if (restricted) {
            in.export_restricted = share.data();
            in.domestic_discount = 0.3;
        }
        PathScratch scratch;
        run_path(*p, in, r, scratch);
    };
    using R = ExportRestrictions::Response;
    PathResult base, r;
    run(R::DomesticSale, false, base);
    // Discount factors on Act/365F from the start (conventions section 2): period 3 ends
    // 2028-01-01, 1095 days on; period 4 ends 2029-01-01, 1461 days on (2028 is a leap year).
    const double df3 = std::pow(1.08, -1095.0 / 365.0), df4 = std::pow(1.08, -1461.0 / 365.0);
    // Domestic sale: 5 t exported (all to the offtake, no penalty: force majeure; without
    // the restriction 8 t went to it and 2 t spot), 5 t at home at 70: revenue 850, not 1000.
    run(R::DomesticSale, true, r);
    EXPECT_NEAR(r.npv - base.npv, -150.0 * df3, 1e-9);
    EXPECT_DOUBLE_EQ(r.buyers[0].delivered_tonnes, 24.0 - 3.0);
    EXPECT_TRUE(r.buyers[0].shortfall);
    EXPECT_DOUBLE_EQ(r.export_restricted_tonnes, 5.0);
    // Stockpile: 5 t held in period 3 (revenue 500, opex unchanged), sold spot at 100 in period 4.
    run(R::Stockpile, true, r);
    EXPECT_NEAR(r.npv - base.npv, -500.0 * df3 + 500.0 * df4, 1e-9);
    // Stop: 5 t not mined: revenue 500 lost, their unit opex 5 x 20 saved.
    run(R::Stop, true, r);
    EXPECT_NEAR(r.npv - base.npv, (-500.0 + 100.0) * df3, 1e-9);
}

TEST(ExportRestrictions, WithoutArrivalsARunIsThePriceOnlyRunBitForBit) {
    // The rich deal (offtakes, prepayment, debt, guarantee, KPIs) in a country whose
    // model has no arrivals reads the country events on every path and must give the
    // run without the section byte for byte (JSON without timings and the inputs hash).
    Deal plain = test::rich_deal();
    Deal with = in_country(plain, "ID", model_file("country_none", 0.0, 1.0, 0.5, 5.0));
    auto json = [](const Deal& d) {
        MonteCarloOptions o = flat_prices(d, 300);
        o.price_simulator = test::lognormal_for(d, 0.3);
        o.threads = 2;
        auto j = nlohmann::json::parse(to_json(simulate(d, o)));
        j.erase("seconds");
        j.erase("inputs_hash");
        return j.dump();
    };
    EXPECT_EQ(json(plain), json(with));
}

TEST(ExportRestrictions, ACountryTheModelLacksIsRefusedWithTheLineOfProjectCountry) {
    Deal d = in_country(test::one_mine(3, 0.0), "ZW", model_file("country_lacks", 0.1, 1.0, 0.5, 5.0));
    d.debt.reset();
    try {
        montecarlo::setup_runs({d}, flat_prices(d, 10));
        FAIL() << "accepted";
    } catch (const DealError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("project.country"), std::string::npos) << what;
        EXPECT_NE(what.find("has no export restrictions for ZW (it models: ID, CD)"), std::string::npos) << what;
    }
}

TEST(ExportRestrictions, TheShippedModelLoads) {
    const auto spec = load_country_model(std::string(OFFTAKE_SOURCE_DIR) + "/models/country/export_restrictions.yaml");
    ASSERT_NE(spec->find("ID"), nullptr);
    EXPECT_DOUBLE_EQ(spec->find("ID")->arrivals_per_year, 0.10);
    EXPECT_EQ(spec->country_names(), "ID, CD, ZW, CN");
}
