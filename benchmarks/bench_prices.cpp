// Price simulation speed: periods per second, per model, on a 120-period monthly grid
// (the scenario generated to its month points) and a 40-period quarterly one (quarters
// only). Each benchmark iteration generates one scenario path and reads the deal's prices.
#include "models/price_model_spec.hpp"

#include <offtake/price_model.hpp>

#include <benchmark/benchmark.h>

#include <ql/time/period.hpp>

#include <fstream>

using namespace offtake;

namespace {

TimeGrid grid_of(int n, int months) {
    TimeGrid g;
    const QuantLib::Date start(1, QuantLib::January, 2026);
    for (int t = 0; t <= n; ++t) {
        g.dates.push_back(start + QuantLib::Period(months * t, QuantLib::Months));
        g.years.push_back((g.dates.back() - start) / 365.0);
        g.tau.push_back(t ? g.years[t] - g.years[t - 1] : 0.0);
    }
    return g;
}

std::shared_ptr<const PriceModelSpec> model(const char* name, const char* yaml) {
    const std::string path = std::string("/tmp/bench_prices_") + name + ".yaml";
    std::ofstream(path) << yaml;
    return load_price_model(path);
}

void run(benchmark::State& state, const char* name, const char* yaml, Commodity c,
         SimulationOptions o = {}, int months = 1) {
    const int n = 120 / months;
    auto spec = model(name, yaml);
    auto sim = make_price_simulator(*spec, c, grid_of(n, months), std::vector<double>(n + 1, 15000.0), o);
    std::vector<double> prices(n + 1), scratch;
    std::uint64_t path = 0;
    for (auto _ : state) {
        sim->simulate(42, path++, prices.data(), scratch);
        benchmark::DoNotOptimize(prices.data());
    }
    state.SetItemsProcessed(state.iterations() * n);
    state.SetLabel("periods");
}

const char* kGbm = "commodities:\n  copper: {model: gbm, mu: 0.02, sigma: 0.25}\n";
const char* k1F = "commodities:\n  copper: {model: schwartz1f, kappa: 0.5, alpha: 9.1, sigma: 0.3}\n";
const char* k2F =
    "commodities:\n  copper: {model: schwartz_smith, kappa: 1.49, sigma_chi: 0.286, sigma_xi: 0.145,"
    " mu_xi: -0.0125, rho: 0.3}\n";
const char* k1FJ =
    "commodities:\n  copper:\n    model: schwartz1f\n    kappa: 0.5\n    alpha: 9.1\n    sigma: 0.3\n"
    "    jumps: {intensity: 1.0, mean: 0.2, stdev: 0.3}\n";
const char* kMulti =
    "commodities:\n"
    "  lithium_carbonate: {model: schwartz1f, kappa: 1.0, alpha: 9.5, sigma: 0.5}\n"
    "  spodumene_concentrate: {model: gbm, mu: 0.0, sigma: 0.6}\n"
    "  copper: {model: schwartz_smith, kappa: 1.49, sigma_chi: 0.286, sigma_xi: 0.145,"
    " mu_xi: 0.0, rho: 0.3}\n"
    "correlation:\n  factors: [lithium_carbonate, spodumene_concentrate, copper.short]\n"
    "  matrix: [[1, 0.8, 0.2], [0.8, 1, 0.2], [0.2, 0.2, 1]]\n";

}  // namespace

static void Gbm(benchmark::State& s) { run(s, "gbm", kGbm, Commodity::CopperCathode); }
static void OneFactor(benchmark::State& s) { run(s, "1f", k1F, Commodity::CopperCathode); }
static void SchwartzSmith(benchmark::State& s) { run(s, "2f", k2F, Commodity::CopperCathode); }
static void OneFactorJumps(benchmark::State& s) { run(s, "1fj", k1FJ, Commodity::CopperCathode); }
static void SchwartzSmithInFourFactorFile(benchmark::State& s) {
    run(s, "multi", kMulti, Commodity::CopperCathode);
}
static void OneFactorRiskNeutralAntithetic(benchmark::State& s) {
    SimulationOptions o;
    o.measure = Measure::RiskNeutral;
    o.antithetic = true;
    run(s, "1frn", k1F, Commodity::CopperCathode, o);
}
static void SchwartzSmithQuarterly(benchmark::State& s) {
    run(s, "2fq", k2F, Commodity::CopperCathode, {}, 3);
}
static void SchwartzSmithAnnual(benchmark::State& s) {
    run(s, "2fa", k2F, Commodity::CopperCathode, {}, 12);
}
BENCHMARK(Gbm);
BENCHMARK(OneFactor);
BENCHMARK(SchwartzSmith);
BENCHMARK(OneFactorJumps);
BENCHMARK(SchwartzSmithInFourFactorFile);
BENCHMARK(OneFactorRiskNeutralAntithetic);
BENCHMARK(SchwartzSmithQuarterly);
BENCHMARK(SchwartzSmithAnnual);
BENCHMARK_MAIN();
