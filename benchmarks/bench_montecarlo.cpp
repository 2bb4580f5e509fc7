// Monte Carlo throughput and memory: path-periods per second for the full waterfall and
// statistics on a 30-year quarterly deal (8 construction quarters + 120 operating
// quarters), 1 vs 2 threads, with and without per-period bands; peak memory (VmHWM) after
// runs of 10k, 100k and 1M paths, registered in increasing size so that the process's
// high-water mark after each is that run's peak.
//   build/default/benchmarks/bench_montecarlo --benchmark_counters_tabular=true
#include <offtake/deal.hpp>
#include <offtake/montecarlo.hpp>

#include <benchmark/benchmark.h>

#include <sys/resource.h>

#include <fstream>
#include <sstream>
#include <string>

namespace {

using namespace offtake;

Deal thirty_year_quarterly() {
    Deal d;
    d.project.name = "bench-30y-quarterly";
    d.project.commodity = Commodity::LithiumCarbonate;
    d.project.time.start = QuantLib::Date(1, QuantLib::January, 2026);
    d.project.time.frequency = Frequency::Quarterly;
    d.project.construction_periods = 8;
    d.project.mine_life_years = 30;
    d.project.production_tpa = {15000.0, 30000.0, 40000.0};
    d.project.construction_capex = std::vector<double>(8, 150e6);
    d.project.sustaining_capex = {15e6};
    d.project.fixed_opex = {60e6};
    d.project.unit_opex = 7000.0;
    d.project.inflation = 0.02;
    d.project.royalty_rate = 0.03;
    d.project.tax_rate = 0.25;
    d.price_deck.type = PriceDeck::Type::Flat;
    d.price_deck.price = 26000.0;
    d.discounting.rate = 0.08;
    Offtake a;
    a.buyer = "automaker";
    a.volume_tpa = 15000.0;
    a.pricing.type = Pricing::Type::Collar;
    a.pricing.floor = 14000.0;
    a.pricing.cap = 32000.0;
    a.take_or_pay = 0.8;
    a.buyer_pd = 0.01;
    Offtake b;
    b.buyer = "trader";
    b.share = 0.3;
    b.priority = 2;
    b.pricing.type = Pricing::Type::Index;
    b.pricing.discount = 0.05;
    d.offtakes = {a, b};
    Prepayment pp;
    pp.buyer = "automaker";
    pp.amount = 100e6;
    pp.rate = 0.03;
    pp.deduction_share = 0.10;
    d.prepayment = pp;
    d.equity = {EquityInvestor{"sponsor", 0.85}, EquityInvestor{"automaker", 0.15}};
    SeniorDebt debt;
    debt.gearing = 0.50;
    debt.tenor_years = 12;
    debt.grace_periods = 4;
    debt.profile = SeniorDebt::Profile::Annuity;
    debt.base_rate = 0.045;
    debt.margin_bps = 325;
    d.debt = debt;
    Guarantee g;
    g.provider = "eca";
    g.cover = 0.5;
    g.fee_bps = 60;
    d.guarantee = g;
    return d;
}

std::string model_file() {
    const std::string path = "/tmp/bench_montecarlo_model.yaml";
    std::ofstream(path) << "commodities:\n  lithium_carbonate: {model: schwartz1f, kappa: 0.8, alpha: 9.9, sigma: 0.45}\n";
    return path;
}

// User + system CPU seconds of the whole process (all threads): on a shared machine the
// wall time says little, CPU time says what the run costs.
double process_cpu_seconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_utime.tv_sec + u.ru_stime.tv_sec + 1e-6 * (u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

double vm_hwm_mib() {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmHWM:", 0) == 0) {
            std::istringstream s(line.substr(6));
            double kib = 0;
            s >> kib;
            return kib / 1024.0;
        }
    return 0.0;
}

// The same deal with the risks of issue 14 that are built (docs/risks.md): export
// restrictions in a country with frequent ones, completion risk (overrun and delay) and
// production risk (ramp-up shortfall and AR(1) operating shocks: one normal per period).
Deal with_risks() {
    Deal d = thirty_year_quarterly();
    const std::string path = "/tmp/bench_montecarlo_country.yaml";
    std::ofstream(path) << "export_restrictions:\n  ID:\n    arrivals_per_year: 0.1\n"
                           "    duration: {median_years: 4, sigma: 0.6, max_years: 15}\n"
                           "    restricted_share: 1.0\n    domestic_discount: 0.3\n";
    d.project.country = "ID";
    ExportRestrictions x;
    x.model = path;
    x.response = ExportRestrictions::Response::Stockpile;
    d.export_restrictions = x;
    CompletionRisk c;
    c.overrun_mean = 0.14;
    c.overrun_sigma = 0.47;
    c.delay_probability = 0.83;
    c.delay_mean_share = 0.25;
    c.delay_sigma = 0.8;
    c.completion_support = 1e12;  // every overrun funded: no path is cut short (an abandoned path costs less)
    d.completion_risk = c;
    ProductionRisk r;
    r.rampup_probability = 0.6;
    r.rampup_shortfall_mean = 0.25;
    r.rampup_shortfall_sigma = 0.5;
    r.rampup_years = 2.0;
    r.rampup_permanent_share = 0.2;
    r.operating_sigma = 0.08;
    r.operating_autocorrelation = 0.5;
    d.production_risk = r;
    return d;
}

void run(benchmark::State& state, bool bands, bool risks = false) {
    static const Deal plain = thirty_year_quarterly();
    static const Deal risky = with_risks();
    const Deal& deal = risks ? risky : plain;
    static const std::string model = model_file();
    MonteCarloOptions o;
    o.paths = static_cast<std::uint64_t>(state.range(0));
    o.threads = static_cast<int>(state.range(1));
    o.seed = 42;
    o.collect_bands = bands;
    o.price_model_path = model;
    std::uint64_t path_periods = 0;
    double p_default = 0;
    const double cpu0 = process_cpu_seconds();
    for (auto _ : state) {
        const auto r = simulate(deal, o);
        path_periods += r.paths * 128;
        p_default = r.p_default.value;
        benchmark::DoNotOptimize(r.npv.mean);
    }
    state.counters["path_periods_per_s"] = benchmark::Counter(static_cast<double>(path_periods), benchmark::Counter::kIsRate);
    state.counters["vm_hwm_mib"] = vm_hwm_mib();
    const double cpu = process_cpu_seconds() - cpu0;
    state.counters["cpu_s"] = cpu;
    state.counters["path_periods_per_cpu_s"] = cpu > 0 ? static_cast<double>(path_periods) / cpu : 0.0;
    state.counters["p_default"] = p_default;
}

void BM_Simulate(benchmark::State& state) { run(state, true); }
void BM_SimulateNoBands(benchmark::State& state) { run(state, false); }
void BM_SimulateWithRisks(benchmark::State& state) { run(state, true, true); }

BENCHMARK(BM_Simulate)->Args({10000, 1})->Args({10000, 2})->Args({100000, 1})->Args({100000, 2})
    ->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
BENCHMARK(BM_SimulateNoBands)->Args({10000, 1})->Args({100000, 2})->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
BENCHMARK(BM_SimulateWithRisks)->Args({10000, 1})->Args({100000, 1})->Args({100000, 2})
    ->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
BENCHMARK(BM_Simulate)->Args({1000000, 2})->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
