// Several commodities in one file: simulators built for each commodity of the same file
// see the same normals, so their prices are correlated as the matrix says; a matrix that
// is not positive semi-definite is rejected naming the file and entries.
#include "price_test_util.hpp"

#include <offtake/errors.hpp>

#include <gtest/gtest.h>

using namespace offtake;
using namespace offtake::test;

namespace {

const char* kMulti =
    "commodities:\n"
    "  lithium_carbonate: {model: schwartz1f, kappa: 1.0, alpha: 9.5, sigma: 0.5}\n"
    "  spodumene_concentrate: {model: gbm, mu: 0.0, sigma: 0.6}\n"
    "  copper: {model: schwartz_smith, kappa: 1.49, sigma_chi: 0.286, sigma_xi: 0.145,"
    " mu_xi: 0.0, rho: 0.3}\n"
    "correlation:\n"
    "  factors: [lithium_carbonate, spodumene_concentrate, copper.short, copper.long]\n"
    "  matrix:\n"
    "    - [1.0, 0.8, 0.2, 0.1]\n"
    "    - [0.8, 1.0, 0.2, 0.1]\n"
    "    - [0.2, 0.2, 1.0, 0.3]\n"
    "    - [0.1, 0.1, 0.3, 1.0]\n";

double sample_corr(const std::vector<double>& a, const std::vector<double>& b) {
    const auto ma = moments(a), mb = moments(b);
    double c = 0;
    for (size_t i = 0; i < a.size(); ++i) c += (a[i] - ma.mean) * (b[i] - mb.mean);
    return c / (a.size() - 1) / std::sqrt(ma.var * mb.var);
}

}  // namespace

TEST(Correlation, RecoveredAcrossCommodities) {
    auto spec = load_price_model(write_model("multi", kMulti));
    const int n = 4, N = 20000;
    const auto grid = uniform_grid(n, 0.25);
    const std::vector<double> fwd(n + 1, 100.0);
    SimulationOptions o;
    auto li = make_price_simulator(*spec, Commodity::LithiumCarbonate, grid, fwd, o);
    auto sp = make_price_simulator(*spec, Commodity::SpodumeneConcentrate, grid, fwd, o);
    auto cu = make_price_simulator(*spec, Commodity::CopperCathode, grid, fwd, o);
    const auto L = column(simulate_logs(*li, n, N), n, n);
    const auto S = column(simulate_logs(*sp, n, N), n, n);
    const auto C = column(simulate_logs(*cu, n, N), n, n);
    const double T = 1.0;
    // Closed forms: Cov(X_a(T), X_b(T)) = s_a s_b rho_ab (1 - e^{-(k_a + k_b) T}) / (k_a + k_b).
    auto g = [&](double k) { return k == 0 ? T : (1 - std::exp(-k * T)) / k; };
    const double vl = 0.25 * g(2.0), vs = 0.36 * T;
    const double vc = 0.286 * 0.286 * g(2 * 1.49) + 0.145 * 0.145 * T +
                      2 * 0.3 * 0.286 * 0.145 * g(1.49);
    const double c_ls = 0.8 * 0.5 * 0.6 * g(1.0);
    const double c_lc = 0.2 * 0.5 * 0.286 * g(1.0 + 1.49) + 0.1 * 0.5 * 0.145 * g(1.0);
    const double r_ls = c_ls / std::sqrt(vl * vs), r_lc = c_lc / std::sqrt(vl * vc);
    // Standard error of a sample correlation: (1 - r^2) / sqrt(N).
    EXPECT_NEAR(sample_corr(L, S), r_ls, 4 * (1 - r_ls * r_ls) / std::sqrt(N));
    EXPECT_NEAR(sample_corr(L, C), r_lc, 4 * (1 - r_lc * r_lc) / std::sqrt(N));
    EXPECT_GT(r_ls, 0.5);
}

TEST(Correlation, NotPositiveSemiDefiniteIsRejectedNamingFileAndEntries) {
    const std::string path = write_model(
        "not_psd",
        "commodities:\n"
        "  lithium_carbonate: {model: gbm, mu: 0, sigma: 0.5}\n"
        "  lithium_hydroxide: {model: gbm, mu: 0, sigma: 0.5}\n"
        "  copper: {model: gbm, mu: 0, sigma: 0.3}\n"
        "correlation:\n"
        "  factors: [lithium_carbonate, lithium_hydroxide, copper]\n"
        "  matrix:\n"
        "    - [1.0, 0.9, 0.9]\n"
        "    - [0.9, 1.0, -0.9]\n"
        "    - [0.9, -0.9, 1.0]\n");
    try {
        load_price_model(path);
        FAIL() << "accepted a matrix with a negative eigenvalue";
    } catch (const DealError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find(path), std::string::npos) << what;
        EXPECT_NE(what.find("positive semi-definite"), std::string::npos) << what;
        EXPECT_NE(what.find("copper"), std::string::npos) << what;
        EXPECT_NE(what.find("-0.9"), std::string::npos) << what;
        EXPECT_EQ(e.problems().at(0).line, 5);
    }
}

TEST(Correlation, SingularButSemiDefiniteIsAccepted) {
    // Perfectly correlated carbonate and hydroxide: PSD with a zero eigenvalue; the two
    // simulated log prices then move one for one.
    auto spec = load_price_model(write_model(
        "singular",
        "commodities:\n"
        "  lithium_carbonate: {model: gbm, mu: 0, sigma: 0.5}\n"
        "  lithium_hydroxide: {model: gbm, mu: 0, sigma: 0.5}\n"
        "correlation:\n"
        "  factors: [lithium_carbonate, lithium_hydroxide]\n"
        "  matrix: [[1, 1], [1, 1]]\n"));
    const auto grid = uniform_grid(3, 1.0);
    SimulationOptions o;
    std::vector<double> a(4), b(4), scratch;
    make_price_simulator(*spec, Commodity::LithiumCarbonate, grid, {10, 10, 10, 10}, o)
        ->simulate(5, 9, a.data(), scratch);
    make_price_simulator(*spec, Commodity::LithiumHydroxide, grid, {10, 10, 10, 10}, o)
        ->simulate(5, 9, b.data(), scratch);
    for (int t = 1; t <= 3; ++t) EXPECT_NEAR(a[t], b[t], 1e-12 * a[t]);
    EXPECT_NE(a[3], 10.0);
}

TEST(Correlation, TwoFactorRhoMustAgreeWithTheMatrix) {
    EXPECT_THROW(load_price_model(write_model(
                     "rho_conflict",
                     "commodities:\n"
                     "  copper: {model: schwartz_smith, kappa: 1, sigma_chi: 0.3, sigma_xi: 0.1,"
                     " mu_xi: 0, rho: 0.3}\n"
                     "correlation:\n"
                     "  factors: [copper.short, copper.long]\n"
                     "  matrix: [[1, 0.5], [0.5, 1]]\n")),
                 DealError);
}
