// Numeric robustness (issue 7): extreme but valid inputs give finite numbers or
// documented absent values, never NaN or infinity, and a huge path count does not
// allocate memory in proportion to it.
#include <offtake/deal_file.hpp>
#include <offtake/deterministic.hpp>
#include <offtake/errors.hpp>
#include <offtake/montecarlo.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>

namespace offtake {
namespace {

const std::string kThackerPass = std::string(OFFTAKE_SOURCE_DIR) + "/examples/thacker-pass-gm.yaml";

void expect_finite(double x, const std::string& what) {
    EXPECT_TRUE(std::isfinite(x)) << what << " = " << x;
}
void expect_finite(const std::optional<double>& x, const std::string& what) {
    if (x) expect_finite(*x, what);
}

void expect_finite(const PathResult& r) {
    expect_finite(r.npv, "npv");
    expect_finite(r.irr, "irr");
    for (double v : r.equity_npv) expect_finite(v, "equity_npv");
    for (const auto& v : r.equity_irr) expect_finite(v, "equity_irr");
    expect_finite(r.dscr_min, "dscr_min");
    expect_finite(r.dscr_avg, "dscr_avg");
    expect_finite(r.llcr, "llcr");
    expect_finite(r.plcr, "plcr");
    expect_finite(r.payback_years, "payback_years");
    expect_finite(r.lender_loss, "lender_loss");
    expect_finite(r.lender_loss_net, "lender_loss_net");
    for (const auto& b : r.buyers) {
        expect_finite(b.delivered_tonnes, "delivered_tonnes");
        expect_finite(b.invoiced, "invoiced");
        expect_finite(b.spot_value, "spot_value");
        expect_finite(b.equity_irr, "buyer equity_irr");
    }
}

void expect_finite(const DealReport& report) {
    expect_finite(report.metrics);
    for (const auto& row : report.periods) {
        const std::string at = "period " + std::to_string(row.period) + " ";
        for (double v : {row.price, row.revenue, row.ebitda, row.tax, row.cfads,
                         row.project_cash_flow, row.debt_closing, row.interest,
                         row.dsra_balance, row.trapped_balance, row.distribution,
                         row.dscr, row.prepayment_balance, row.cash_balance})
            expect_finite(v, at + "line");
    }
}

void expect_finite(const MetricSummary& m, const std::string& what) {
    for (const auto& v : {m.mean, m.sd, m.standard_error, m.p5, m.p10, m.p50, m.p90, m.p95})
        expect_finite(v, what);
}

void expect_finite(const SimulationResult& r) {
    expect_finite(r.npv, "npv");
    expect_finite(r.irr, "irr");
    for (const auto& m : r.equity_npv) expect_finite(m, "equity_npv");
    for (const auto& m : r.equity_irr) expect_finite(m, "equity_irr");
    expect_finite(r.dscr_min, "dscr_min");
    expect_finite(r.dscr_avg, "dscr_avg");
    expect_finite(r.llcr, "llcr");
    expect_finite(r.plcr, "plcr");
    for (const Estimate* e : {&r.p_dscr_below_1, &r.p_dscr_below_covenant, &r.p_default,
                              &r.p_lockup, &r.expected_loss, &r.expected_loss_net}) {
        expect_finite(e->value, "estimate");
        expect_finite(e->standard_error, "estimate standard error");
    }
    if (r.bankability) expect_finite(r.bankability->score, "bankability score");
}

Deal thacker_with(const std::string& path, double value) {
    auto doc = DealDocument::from_file(kThackerPass);
    doc.set_number(path, value);
    return doc.to_deal();
}

TEST(NumericRobustness, PriceNearZeroGivesNoIrrAndNoSculptedDebt) {
    Deal deal = thacker_with("price_deck.price", 1e-6);
    const DealReport report = run_deterministic(deal);
    expect_finite(report);
    // Revenue of about 30,000 t x $1e-6 cannot pay the $3,043/t operating cost: every
    // project cash flow is negative, so there is no sign change and no IRR.
    EXPECT_FALSE(report.metrics.irr.has_value());
    EXPECT_LT(report.metrics.npv, 0.0);
    // The debt is sculpted on this same deck, whose CFADS is negative in every period:
    // zero scheduled service sizes zero debt (conventions section 7), so no coverage
    // ratio exists and nothing can default.
    EXPECT_EQ(report.debt_at_cod, 0.0);
    EXPECT_FALSE(report.metrics.dscr_min.has_value());
    EXPECT_FALSE(report.metrics.llcr.has_value());
    EXPECT_FALSE(report.metrics.payment_default);
}

TEST(NumericRobustness, ZeroProductionIsHandled) {
    auto doc = DealDocument::from_file(kThackerPass);
    for (int k = 0; k < 5; ++k)
        doc.set_number("project.production_tpa[" + std::to_string(k) + "]", 0.0);
    const DealReport report = run_deterministic(doc.to_deal());
    expect_finite(report);
    for (const auto& row : report.periods) EXPECT_EQ(row.revenue, 0.0);
    EXPECT_FALSE(report.metrics.irr.has_value());
}

TEST(NumericRobustness, ZeroDebtServiceLeavesCoverageRatiosAbsent) {
    Deal deal = thacker_with("debt.gearing", 0.0);
    const DealReport report = run_deterministic(deal);
    expect_finite(report);
    // No debt: DSCR and LLCR have zero denominators (conventions section 9).
    EXPECT_FALSE(report.metrics.dscr_min.has_value());
    EXPECT_FALSE(report.metrics.dscr_avg.has_value());
    EXPECT_FALSE(report.metrics.llcr.has_value());
    EXPECT_FALSE(report.metrics.payment_default);
    EXPECT_EQ(report.metrics.lender_loss, 0.0);
}

std::string write_model(const std::string& name, const std::string& text) {
    const std::string path = std::string(OFFTAKE_BINARY_DIR) + "/" + name;
    std::ofstream(path) << text;
    return path;
}

TEST(NumericRobustness, ThreeHundredPercentVolatilityStaysFinite) {
    const std::string model = write_model("robustness_gbm_300.yaml",
        "description: GBM with 300 % volatility\n"
        "commodities:\n"
        "  lithium_carbonate:\n"
        "    model: gbm\n"
        "    mu: 0.0\n"
        "    sigma: 3.0\n");
    Deal deal = load_deal_file(kThackerPass);
    MonteCarloOptions options;
    options.paths = 2048;
    options.seed = 7;
    options.threads = 2;
    options.price_model_path = model;
    const SimulationResult r = simulate(deal, options);
    EXPECT_EQ(r.paths, 2048u);
    expect_finite(r);
    // With mu = 0 and sigma = 3, ln S drifts by -sigma^2/2 = -4.5 a year: after five
    // years P(S > S0 / 2) = Phi((ln 0.5 + 22.5) / (3 sqrt 5)) = Phi(-3.25) ~ 0.06 %, so
    // nearly every path defaults on a 24-year loan sculpted on the $12,000/t deck.
    EXPECT_GT(r.p_default.value, 0.99);
}

TEST(NumericRobustness, OnePathHasNoSpreadButFiniteStatistics) {
    Deal deal = load_deal_file(kThackerPass);
    MonteCarloOptions options;
    options.paths = 1;
    options.seed = 3;
    const SimulationResult r = simulate(deal, options);
    ASSERT_EQ(r.paths, 1u);
    expect_finite(r);
    EXPECT_EQ(r.npv.count, 1u);
    EXPECT_FALSE(r.npv.sd.has_value());  // undefined with one value
    ASSERT_TRUE(r.npv.p5 && r.npv.p95 && r.npv.mean);
    EXPECT_EQ(*r.npv.p5, *r.npv.mean);   // every quantile is the one value
    EXPECT_EQ(*r.npv.p95, *r.npv.mean);
}

// ThreadSanitizer maps shadow memory for every application byte touched and keeps trace
// buffers per thread, all of it resident: under the `tsan` preset the peak RSS does not
// measure the program's own allocations, so the bound below is checked by the default
// and `asan` runs only.
#if defined(__SANITIZE_THREAD__)
constexpr bool kUnderThreadSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
constexpr bool kUnderThreadSanitizer = true;
#else
constexpr bool kUnderThreadSanitizer = false;
#endif
#else
constexpr bool kUnderThreadSanitizer = false;
#endif

long peak_rss_kib() {
    std::FILE* f = std::fopen("/proc/self/status", "r");
    if (!f) return -1;
    char line[256];
    long kib = -1;
    while (std::fgets(line, sizeof line, f))
        if (std::sscanf(line, "VmHWM: %ld kB", &kib) == 1) break;
    std::fclose(f);
    return kib;
}

TEST(NumericRobustness, TenMillionPathsRequestedDoNotAllocateInProportion) {
    Deal deal = load_deal_file(kThackerPass);
    MonteCarloOptions options;
    options.paths = 10'000'000;
    options.seed = 11;
    options.threads = 2;
    // Stop after a few blocks: what matters is what was allocated up front for the
    // requested count, and what the first blocks hold.
    options.progress = [](std::uint64_t done, std::uint64_t) {
        return done >= 4 * kBlockPaths ? ProgressAction::Stop : ProgressAction::Continue;
    };
    const long before = peak_rss_kib();
    const SimulationResult r = simulate(deal, options);
    const long after = peak_rss_kib();
    EXPECT_TRUE(r.cancelled);
    EXPECT_LT(r.paths, 10'000'000u);
    EXPECT_GE(r.paths, 4 * kBlockPaths);
    expect_finite(r);
    if (kUnderThreadSanitizer) return;
    // One double per requested path would be 80 MB; the streaming statistics hold a few
    // thousand values per metric. 40 MiB of growth catches any per-path allocation.
    ASSERT_GT(before, 0);
    EXPECT_LT(after - before, 40 * 1024) << "peak RSS grew by " << (after - before) << " KiB";
}

TEST(ResourceLimits, TooManyPathsOrThreadsAreRefusedBeforeAnyWork) {
    Deal deal = load_deal_file(kThackerPass);
    MonteCarloOptions options;
    options.paths = kMaxPaths + 1;
    try {
        simulate(deal, options);
        FAIL() << "expected a UsageError";
    } catch (const UsageError& e) {
        EXPECT_NE(std::string(e.what()).find("exceeds the maximum of 100000000"), std::string::npos) << e.what();
    }
    options.paths = 16;
    options.threads = kMaxThreads + 1;
    EXPECT_THROW(simulate(deal, options), UsageError);
    options.threads = -1;
    EXPECT_THROW(simulate(deal, options), UsageError);
}

}  // namespace
}  // namespace offtake
