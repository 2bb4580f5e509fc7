// The portfolio optimiser (docs/portfolio.md section 5d) against exhaustive enumeration:
// three candidate offtakes on a volume grid, each grid point run exactly as a signed
// portfolio (run_portfolio, no scaling, no solver) on the same paths, the cheapest point
// that meets the constraint found by a plain loop here. The optimiser, with the same grid
// as its volume step, must choose that point; without a step it may do no worse.
//
// The case: a need of 10,000 t of lithium carbonate in 2031 and 2032; a signed 4,000 t
// fixed-price offtake; three candidates of up to 6,000 t at 15,000, 18,000 and 21,000 per
// tonne, each bought through a trading arm of the buyer with its own default probability
// (10 %, 3 %, 1 % a year): a defaulted arm's deliveries stop, so the cheap contract is the
// risky one. Spot covers 10 % of need at the index x 1.5. Every mine produces 10,000 t, so
// each candidate always delivers its whole contract until its arm defaults, and its tonnes
// and invoices scale exactly with its volume (the optimiser's linear-scaling assumption
// holds: the test checks its own report of that too).
#include "portfolio_fixture.hpp"

#include <offtake/portfolio.hpp>
#include <offtake/portfolio_optimise.hpp>
#include <offtake/portfolio_run.hpp>

#include <array>
#include <cmath>
#include <limits>

namespace {

constexpr std::uint64_t kPaths = 200;
constexpr double kStep = 2000.0;

class OptimiseTest : public PortfolioTest {
  protected:
    void SetUp() override {
        PortfolioTest::SetUp();
        DealSpec s;
        s.commodity = "lithium_carbonate";
        s.volume = 4000;
        s.buyer = "Carmaker";
        write("signed.yaml", deal_text(s));
        const std::array<double, 3> price{15000, 18000, 21000}, pd{0.10, 0.03, 0.01};
        const std::array<const char*, 3> country{"CL", "AR", "AU"};
        for (int c = 0; c < 3; ++c) {
            DealSpec d;
            d.commodity = "lithium_carbonate";
            d.country = country[c];
            d.volume = 2000;  // the terms on offer; the optimiser chooses within [0, 6000]
            d.fixed_price = price[c];
            d.buyer_pd = pd[c];
            d.buyer = std::string("Carmaker trading ") + country[c];
            write(std::string("cand") + std::to_string(c) + ".yaml", deal_text(d));
        }
    }

    std::string portfolio(const std::string& optimise, int need = 10000, const std::string& spot = "0.1") {
        const std::string n = std::to_string(need);
        std::string text = "buyer: Carmaker\nneeds:\n  - product: lithium_carbonate\n"
                           "    years: [{year: 2031, tonnes: " + n + "}, {year: 2032, tonnes: " + n + "}]\n"
                           "positions:\n  - {deal: signed.yaml, offtakes: [Carmaker]}\n"
                           "spot: {max_share: " + spot + ", shortage_premium: 0.5}\n"
                           "simulation: {paths: 200, seed: 11}\ncandidates:\n";
        for (const char* c : {"CL", "AR", "AU"}) {
            const int k = std::string(c) == "CL" ? 0 : std::string(c) == "AR" ? 1 : 2;
            text += "  - {deal: cand" + std::to_string(k) + ".yaml, offtakes: [Carmaker trading " + c +
                    "], volume_tpa: {min: 0, max: 6000}}\n";
        }
        return write("p.yaml", text + optimise);
    }

    // One grid point run exactly: the candidates signed at these volumes (0 allowed in
    // code, the file loader refuses it), on the optimiser's paths and seed.
    static PortfolioResult run_at(const Portfolio& pf, const std::array<double, 3>& v) {
        Portfolio signed_pf = pf;
        signed_pf.optimise.reset();
        signed_pf.candidates.clear();
        for (int c = 0; c < 3; ++c) {
            PortfolioPosition p = pf.candidates[static_cast<std::size_t>(c)];
            for (auto& o : p.deal.offtakes)
                if (o.buyer == p.offtakes.front()) o.volume_tpa = v[static_cast<std::size_t>(c)];
            p.volume.reset();
            signed_pf.positions.push_back(p);
        }
        MonteCarloOptions o = quiet(kPaths);
        o.score = false;
        return run_portfolio(signed_pf, o);
    }

    struct Point {
        std::array<double, 3> v{};
        double cost = std::numeric_limits<double>::infinity();
        std::vector<double> p_short, cvar;
    };

    // Every point of the grid {0, 2000, 4000, 6000}^3, exactly.
    static std::vector<Point> enumerate(const Portfolio& pf) {
        std::vector<Point> out;
        for (double a = 0; a <= 6000; a += kStep)
            for (double b = 0; b <= 6000; b += kStep)
                for (double c = 0; c <= 6000; c += kStep) {
                    Point pt;
                    pt.v = {a, b, c};
                    const PortfolioResult r = run_at(pf, pt.v);
                    pt.cost = 0.0;
                    for (const auto& y : r.products.front().years) {
                        pt.cost += *y.total_cost.mean;
                        pt.p_short.push_back(y.p_shortfall.front().value);
                        pt.cvar.push_back(*y.cvar95_unmet);
                    }
                    out.push_back(pt);
                }
        return out;
    }
};

TEST_F(OptimiseTest, ShortfallTargetMatchesEnumerationOnTheGrid) {
    const Portfolio pf = load_portfolio_file(
        portfolio("optimise: {p_shortfall: {max: 0.05}, paths: 200, volume_step: 2000}\n"));
    const std::vector<Point> grid = enumerate(pf);
    const Point* best = nullptr;
    for (const auto& pt : grid) {
        bool ok = true;
        for (double p : pt.p_short) ok = ok && p <= 0.05;
        if (ok && (!best || pt.cost < best->cost)) best = &pt;
    }
    ASSERT_NE(best, nullptr);
    // The case binds: the cheapest contract alone at its largest volume is not enough.
    EXPECT_GT(best->v[1] + best->v[2], 0.0);

    const OptimiseResult r = optimise_portfolio(pf, quiet(kPaths), kPaths);
    EXPECT_EQ(r.sample_paths, kPaths);
    EXPECT_TRUE(r.mip);
    EXPECT_EQ(r.status, "optimal");
    ASSERT_EQ(r.choices.size(), 3u);
    for (int c = 0; c < 3; ++c) EXPECT_NEAR(r.choices[c].chosen_tpa, best->v[c], 1e-6) << "candidate " << c;
    // The exact re-run at the chosen volumes is the enumeration's point, bit for bit in
    // its inputs, so its cost is the enumeration's.
    EXPECT_NEAR(r.in_sample.optimised.cost_total, best->cost, 1e-9 * best->cost);
    for (std::size_t i = 0; i < 2; ++i) EXPECT_LE(r.in_sample.optimised.p_shortfall[i], 0.05);
    // Linear scaling holds exactly here: the prediction is the exact run. The count of
    // candidate path-years short of contract at the largest volumes is the arms'
    // defaults (tonnes stop, which scales), so it is not zero; the deviation is.
    EXPECT_GT(r.cells_short_at_max, 0u);
    EXPECT_LT(r.scaling_max_deviation_tonnes, 1e-6);
    EXPECT_NEAR(r.predicted.cost_total, r.in_sample.optimised.cost_total, 1e-9 * best->cost);
    EXPECT_NEAR(r.objective, r.predicted.cost_total, 1e-6 * best->cost);
    // Out of sample: other paths (seed 12), same volumes.
    ASSERT_TRUE(r.out_of_sample);
    EXPECT_EQ(r.out_of_sample->seed, 12u);
    EXPECT_NE(r.out_of_sample->optimised.cost_total, r.in_sample.optimised.cost_total);
}

// Without spot top-ups the cost is linear in the volumes and the CVaR problem is the
// Rockafellar-Uryasev LP (with whole steps, an integer programme over the same rows).
TEST_F(OptimiseTest, CvarLimitMatchesEnumerationAndContinuousVolumesDoNoWorse) {
    const double limit = 1500.0;  // t of CVaR 95 % unmet, in each need year
    const Portfolio pf = load_portfolio_file(
        portfolio("optimise: {cvar95_unmet: {max: 1500}, paths: 200, volume_step: 2000}\n", 10000, "0"));
    const std::vector<Point> grid = enumerate(pf);
    const Point* best = nullptr;
    for (const auto& pt : grid) {
        bool ok = true;
        for (double c : pt.cvar) ok = ok && c <= limit + 1e-6;
        if (ok && (!best || pt.cost < best->cost)) best = &pt;
    }
    ASSERT_NE(best, nullptr);
    // The limit binds: the cheapest point of the grid (no candidate: unmet tonnes cost
    // nothing) breaks it.
    double cheapest = best->cost;
    for (const auto& pt : grid) cheapest = std::min(cheapest, pt.cost);
    EXPECT_LT(cheapest, best->cost);
    const OptimiseResult r = optimise_portfolio(pf, quiet(kPaths), 0);
    EXPECT_FALSE(r.out_of_sample);
    for (int c = 0; c < 3; ++c) EXPECT_NEAR(r.choices[c].chosen_tpa, best->v[c], 1e-6) << "candidate " << c;
    EXPECT_NEAR(r.in_sample.optimised.cost_total, best->cost, 1e-9 * best->cost);
    for (std::size_t i = 0; i < 2; ++i) EXPECT_LE(r.in_sample.optimised.cvar95_unmet[i], limit + 1e-6);

    // Any volume in the bounds: the grid is a subset, so the optimum costs no more, and
    // the constraint still holds on the exact re-run.
    Portfolio free = pf;
    free.optimise->volume_step = 0.0;
    const OptimiseResult f = optimise_portfolio(free, quiet(kPaths), 0);
    EXPECT_FALSE(f.mip);
    EXPECT_EQ(f.binaries + f.integers, 0);
    EXPECT_EQ(f.status, "optimal");
    EXPECT_LE(f.in_sample.optimised.cost_total, best->cost * (1.0 + 1e-9));
    for (std::size_t i = 0; i < 2; ++i) EXPECT_LE(f.in_sample.optimised.cvar95_unmet[i], limit * (1.0 + 1e-6));
    for (const auto& c : f.choices) {
        EXPECT_GE(c.chosen_tpa, 0.0);
        EXPECT_LE(c.chosen_tpa, 6000.0 + 1e-9);
    }
}

TEST_F(OptimiseTest, AllYearsShortfallIsTheAverageOverNeedYears) {
    const Portfolio pf = load_portfolio_file(
        portfolio("optimise: {p_shortfall: {max: 0.05, over: all_years}, paths: 200, volume_step: 2000}\n"));
    const std::vector<Point> grid = enumerate(pf);
    const Point* best = nullptr;
    for (const auto& pt : grid) {
        const double average = (pt.p_short[0] + pt.p_short[1]) / 2.0;
        if (average <= 0.05 && (!best || pt.cost < best->cost)) best = &pt;
    }
    ASSERT_NE(best, nullptr);
    const OptimiseResult r = optimise_portfolio(pf, quiet(kPaths), 0);
    for (int c = 0; c < 3; ++c) EXPECT_NEAR(r.choices[c].chosen_tpa, best->v[c], 1e-6) << "candidate " << c;
    EXPECT_LE(r.in_sample.optimised.p_shortfall_average, 0.05);
}

TEST_F(OptimiseTest, AnUnreachableTargetIsRefusedWithItsReason) {
    // A need of 30,000 t: 4,000 t signed + 18,000 t of candidates + 3,000 t spot at most.
    const Portfolio pf = load_portfolio_file(portfolio("optimise: {p_shortfall: {max: 0.5}, paths: 200}\n", 30000));
    try {
        optimise_portfolio(pf, quiet(kPaths), 0);
        FAIL() << "expected OptimiseInfeasible";
    } catch (const OptimiseInfeasible& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("cannot be met"), std::string::npos) << what;
        EXPECT_NE(what.find("P(shortfall) of lithium_carbonate 2031 is 100.00 %"), std::string::npos) << what;
    }
}

TEST_F(OptimiseTest, TheFileRulesOfTheOptimiseSection) {
    auto problems = [&](const std::string& optimise) {
        std::string all;
        for (const auto& p : validate_portfolio_file(portfolio(optimise))) all += p.field + ": " + p.rule + "\n";
        return all;
    };
    EXPECT_NE(problems("optimise: {paths: 100}\n").find("exactly one constraint"), std::string::npos);
    EXPECT_NE(problems("optimise: {p_shortfall: {max: 0.1}, cvar95_unmet: {max: 1}}\n").find("exactly one"),
              std::string::npos);
    EXPECT_NE(problems("optimise: {p_shortfall: {max: 1.5}}\n").find("optimise.p_shortfall.max"), std::string::npos);
    EXPECT_NE(problems("optimise: {p_shortfall: {max: 0.1, over: every_year}}\n").find("must be one of"),
              std::string::npos);
    EXPECT_EQ(problems("optimise: {p_shortfall: {max: 0.1}}\n"), "");
}

}  // namespace
