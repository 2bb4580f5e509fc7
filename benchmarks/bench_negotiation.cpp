// The negotiation search on the procurement deal (issue 15's performance requirement:
// a two-term search of about 50 evaluations of 5,000 paths each in under 60 s on
// 2 cores). The design is 7 x 7 = 49 points over the collar's floor and the
// prepayment of examples/procurement/collar-prepay.yaml, each a full run plus the
// buyer's cost pass on the same paths; results in docs/negotiation.md section 6.
#include <offtake/deal_file.hpp>
#include <offtake/negotiation.hpp>

#include <benchmark/benchmark.h>

using namespace offtake;

namespace {

// The procurement deal, the lenders' target and the run options every benchmark here shares.
const char* const kDeal = OFFTAKE_SOURCE_DIR "/examples/procurement/collar-prepay.yaml";

std::vector<NegotiationTerm> floor_and_prepayment() {
    return {parse_negotiation_term("offtakes[0].pricing.floor=6000..8500"),
            parse_negotiation_term("prepayment.amount=1e6..100e6")};
}

MonteCarloOptions lenders_case_runs() {
    MonteCarloOptions o;
    o.paths = 5000;
    o.threads = 2;
    o.measure = Measure::LendersCase;
    return o;
}

}  // namespace

static void BM_NegotiateTwoTermsOnTheProcurementDeal(benchmark::State& state) {
    const DealDocument doc = DealDocument::from_file(kDeal);
    const std::vector<NegotiationTerm> terms = floor_and_prepayment();
    const auto target = parse_target("p_default<=0.02,category>=Good");
    const MonteCarloOptions o = lenders_case_runs();
    for (auto _ : state) {
        DesignSearch d = search_design(doc, terms, target, 7, 0, BuyerPreference::Cheapest, std::nullopt, {}, o);
        benchmark::DoNotOptimize(d.points.size());
    }
    state.counters["evaluations"] = 49;
}
BENCHMARK(BM_NegotiateTwoTermsOnTheProcurementDeal)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1);

// The same two terms by NLopt's COBYLA (docs/negotiation.md section 11): as many runs as
// it takes to reach the tolerance, within the default budget of 60.
static void BM_NegotiateTwoTermsByNloptOnTheProcurementDeal(benchmark::State& state) {
    const DealDocument doc = DealDocument::from_file(kDeal);
    const std::vector<NegotiationTerm> terms = floor_and_prepayment();
    const auto target = parse_target("p_default<=0.02,category>=Good");
    const MonteCarloOptions o = lenders_case_runs();
    int runs = 0;
    for (auto _ : state) {
        DesignSearch d = search_optimised(doc, terms, target, 0, BuyerPreference::Cheapest, std::nullopt, {}, {}, o);
        runs = d.optimiser ? d.optimiser->evaluations : 0;
        benchmark::DoNotOptimize(d.points.size());
    }
    state.counters["evaluations"] = runs;
}
BENCHMARK(BM_NegotiateTwoTermsByNloptOnTheProcurementDeal)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1);

static void BM_NegotiateOneTermThreshold(benchmark::State& state) {
    const DealDocument doc = DealDocument::from_file(kDeal);
    const auto term = parse_negotiation_term("prepayment.amount=1e6..100e6");
    const auto target = parse_target("p_default<=0.02,category>=Good");
    const MonteCarloOptions o = lenders_case_runs();
    int runs = 0;
    for (auto _ : state) {
        const ThresholdSearch s = find_threshold(doc, term, target, {}, o);
        runs = s.runs;
        benchmark::DoNotOptimize(s.threshold);
    }
    state.counters["evaluations"] = runs;
}
BENCHMARK(BM_NegotiateOneTermThreshold)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1);

BENCHMARK_MAIN();
