// Path-periods per second of run_path on a 30-year quarterly deal (120 operating
// periods after 8 construction quarters) with the full waterfall: two offtakes (fixed
// and collar), a prepayment, sculpted senior debt with a guarantee and an SLL margin,
// tax with losses, DSRA and lock-up; prices vary by path so that lock-up, DSRA draws and
// defaults occur. Metrics include the project and equity IRRs.
#include <offtake/engine.hpp>

#include <benchmark/benchmark.h>

#include <ql/time/date.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace offtake;

namespace {

Deal bench_deal() {
    Deal d;
    d.project.time.start = QuantLib::Date(1, QuantLib::January, 2026);
    d.project.time.frequency = Frequency::Quarterly;
    d.project.construction_periods = 8;
    d.project.mine_life_years = 30;
    d.project.production_tpa = {10000, 20000, 25000};
    d.project.construction_capex = std::vector<double>(8, 150e6);
    d.project.fixed_opex = {60e6};
    d.project.unit_opex = 6000;
    d.project.sustaining_capex = {10e6};
    d.project.inflation = 0.02;
    d.project.royalty_rate = 0.03;
    d.project.tax_rate = 0.30;
    d.project.depreciation_years = 10;
    d.project.working_capital_days = 45;
    d.project.closure_cost = 30e6;
    d.price_deck.price = 20000;
    d.price_deck.spot_discount = 0.02;
    d.discounting.rate = 0.08;
    Offtake a;
    a.buyer = "Buyer A"; a.volume_tpa = 8000; a.pricing.type = Pricing::Type::Fixed;
    a.pricing.price = 18000; a.pricing.escalation = 0.02; a.shortfall_penalty = 0.1;
    Offtake b;
    b.buyer = "Buyer B"; b.share = 0.4; b.priority = 2; b.pricing.type = Pricing::Type::Collar;
    b.pricing.floor = 15000; b.pricing.cap = 30000; b.pricing.discount = 0.03;
    d.offtakes = {a, b};
    Prepayment pp; pp.buyer = "Buyer A"; pp.amount = 40e6; pp.rate = 0.06; pp.deduction_share = 0.3;
    d.prepayment = pp;
    d.equity = {{"Sponsor", 0.8}, {"Buyer B", 0.2}};
    SeniorDebt debt; debt.gearing = 0.75; debt.tenor_years = 12; debt.grace_periods = 2;
    debt.profile = SeniorDebt::Profile::Sculpted; debt.target_dscr = 1.4; debt.margin_bps = 350;
    debt.upfront_fee_bps = 150; debt.commitment_fee_bps = 50;
    d.debt = debt;
    Guarantee g; g.cover = 0.5; g.fee_bps = 80; g.margin_bps = 150;
    d.guarantee = g;
    SustainabilityLinkedMargin sll;
    Kpi k; k.name = "water"; k.step_up_bps = 10; k.step_down_bps = 10;
    for (int y = 1; y <= 12; ++y) { k.targets.push_back({y, 1.0}); k.planned.push_back({y, y % 3 ? 1.2 : 0.8}); }
    sll.kpis = {k};
    d.sustainability_linked_margin = sll;
    return d;
}

void BM_RunPath(benchmark::State& state) {
    const auto prepared = prepare(bench_deal());
    const int n = grid(*prepared).periods();
    // 64 price paths: a deterministic wave around the deck, some deep enough to default.
    const int npaths = 64;
    std::vector<std::vector<double>> prices(npaths, base_prices(*prepared));
    for (int k = 0; k < npaths; ++k)
        for (int t = 0; t <= n; ++t)
            prices[k][t] *= std::exp(0.5 * std::sin(0.3 * t + k) * (0.2 + 0.8 * k / npaths) -
                                     0.004 * t * (k % 4));  // a quarter of paths hold, the rest decline
    PathResult result;
    PathScratch scratch;
    long paths = 0, defaults = 0, lockups = 0, irrs = 0;
    for (auto _ : state) {
        PathInputs in;
        in.price = prices[paths % npaths].data();
        run_path(*prepared, in, result, scratch);
        benchmark::DoNotOptimize(result.npv);
        defaults += result.payment_default;
        lockups += result.lockup;
        irrs += result.irr.has_value() + result.equity_irr[0].has_value();
        ++paths;
    }
    state.counters["path_periods_per_s"] =
        benchmark::Counter(static_cast<double>(paths) * n, benchmark::Counter::kIsRate);
    state.counters["ns_per_period"] = benchmark::Counter(
        static_cast<double>(paths) * n, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
    // What the paths exercised: shares of paths with a payment default, a lock-up, and
    // the number of IRRs found per path (project + equity).
    state.counters["default_share"] = static_cast<double>(defaults) / std::max(1L, paths);
    state.counters["lockup_share"] = static_cast<double>(lockups) / std::max(1L, paths);
    state.counters["irrs_per_path"] = static_cast<double>(irrs) / std::max(1L, paths);
}
BENCHMARK(BM_RunPath)->Unit(benchmark::kMicrosecond);

void BM_Prepare(benchmark::State& state) {
    const Deal d = bench_deal();
    for (auto _ : state) benchmark::DoNotOptimize(prepare(d));
}
BENCHMARK(BM_Prepare)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
