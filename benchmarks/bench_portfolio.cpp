// A buyer's portfolio at scale (issue 18): 8 quarterly projects (the 30-year quarterly
// bench deal of bench_montecarlo.cpp, 128 periods each, in 8 countries, each with an
// offtake to the buyer) on one simulated market, every statistic of the portfolio (supply,
// cost, concentration per year for 2028-2057, capital at risk, each project's own Monte
// Carlo statistics with bands off), 10k and 100k paths on 1 and 2 threads. CPU seconds of
// the process and its peak memory (VmHWM) after each run, registered in increasing size
// so that the high-water mark after each is that run's peak.
//   build/default/benchmarks/bench_portfolio --benchmark_counters_tabular=true
#include <offtake/deal.hpp>
#include <offtake/portfolio.hpp>
#include <offtake/portfolio_run.hpp>

#include <benchmark/benchmark.h>

#include <sys/resource.h>

#include <fstream>
#include <sstream>
#include <string>

namespace {

using namespace offtake;

Deal quarterly_project(const std::string& country, int k) {
    Deal d;
    d.project.name = "bench-project-" + country;
    d.project.country = country;
    d.project.commodity = Commodity::LithiumCarbonate;
    d.project.time.start = QuantLib::Date(1, QuantLib::January, 2026);
    d.project.time.frequency = Frequency::Quarterly;
    d.project.construction_periods = 8;
    d.project.mine_life_years = 30;
    d.project.production_tpa = {15000.0, 30000.0, 40000.0};
    d.project.construction_capex = std::vector<double>(8, 150e6);
    d.project.sustaining_capex = {15e6};
    d.project.fixed_opex = {60e6};
    d.project.unit_opex = 7000.0 + 250.0 * k;
    d.project.inflation = 0.02;
    d.project.royalty_rate = 0.03;
    d.project.tax_rate = 0.25;
    d.price_deck.type = PriceDeck::Type::Flat;
    d.price_deck.price = 26000.0;
    d.discounting.rate = 0.08;
    Offtake a;
    a.buyer = "carmaker";
    a.volume_tpa = 8000.0;
    a.pricing.type = Pricing::Type::Collar;
    a.pricing.floor = 14000.0;
    a.pricing.cap = 32000.0;
    a.buyer_pd = 0.005;
    Offtake b;
    b.buyer = "trader";
    b.share = 0.3;
    b.priority = 2;
    b.pricing.type = Pricing::Type::Index;
    b.pricing.discount = 0.05;
    d.offtakes = {a, b};
    d.equity = {EquityInvestor{"sponsor", 0.9}, EquityInvestor{"carmaker", 0.1}};
    SeniorDebt debt;
    debt.gearing = 0.50;
    debt.tenor_years = 12;
    debt.grace_periods = 4;
    debt.profile = SeniorDebt::Profile::Annuity;
    debt.base_rate = 0.045;
    debt.margin_bps = 325;
    d.debt = debt;
    return d;
}

Portfolio eight_projects() {
    Portfolio pf;
    pf.buyer = "carmaker";
    ProductNeed need;
    need.product = Commodity::LithiumCarbonate;
    for (int y = 2028; y < 2058; ++y) need.years.push_back({y, 60000.0});
    pf.needs = {need};
    const char* countries[] = {"US", "AU", "CL", "AR", "CA", "RS", "PT", "BR"};
    for (int k = 0; k < 8; ++k) {
        PortfolioPosition p;
        p.deal_file = std::string("bench-") + countries[k];
        p.deal = quarterly_project(countries[k], k);
        p.offtakes = {"carmaker"};
        p.equity = {"carmaker"};
        p.mining_country = p.processing_country = countries[k];
        pf.positions.push_back(std::move(p));
    }
    pf.spot.max_share = 0.2;
    pf.spot.shortage_premium = 0.3;
    return pf;
}

std::string model_file() {
    const std::string path = "/tmp/bench_portfolio_model.yaml";
    std::ofstream(path) << "commodities:\n  lithium_carbonate: {model: schwartz1f, kappa: 0.8, alpha: 9.9, sigma: 0.45}\n";
    return path;
}

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

void BM_Portfolio(benchmark::State& state) {
    static const Portfolio pf = eight_projects();
    static const std::string model = model_file();
    MonteCarloOptions o;
    o.paths = static_cast<std::uint64_t>(state.range(0));
    o.threads = static_cast<int>(state.range(1));
    o.seed = 42;
    o.collect_bands = false;
    o.price_model_path = model;
    double p_short = 0.0;
    const double cpu0 = process_cpu_seconds();
    for (auto _ : state) {
        const PortfolioResult r = run_portfolio(pf, o);
        p_short = r.products.front().years.front().p_shortfall.front().value;
        benchmark::DoNotOptimize(r.capital.loss.mean);
    }
    state.counters["cpu_s"] = process_cpu_seconds() - cpu0;
    state.counters["vm_hwm_mib"] = vm_hwm_mib();
    state.counters["p_shortfall_2028"] = p_short;
}

BENCHMARK(BM_Portfolio)->Args({10000, 1})->Args({10000, 2})->Args({100000, 2})
    ->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
