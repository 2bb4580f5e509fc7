// run_portfolio(): every project of a portfolio on one shared scenario, path by path, as
// compare() runs several deals (docs/scenarios.md): path i of the market is generated
// once and every project reads its prices from it by date and its counterparties'
// defaults by name. Each project runs its own waterfall (its statistics are those of a
// Monte Carlo run of the deal); the buyer's offtakes' tonnes and invoices per period are
// then spread over calendar years and summed per product (docs/portfolio.md).
#include <offtake/portfolio_run.hpp>

#include <offtake/errors.hpp>
#include <offtake/version.h>

#include "montecarlo/block_runner.hpp"
#include "montecarlo/deal_accumulator.hpp"
#include "montecarlo/inputs_hash.hpp"
#include "montecarlo/path_context.hpp"
#include "portfolio/capital_accumulator.hpp"
#include "portfolio/supply_accumulator.hpp"
#include "portfolio/supply_plan.hpp"

#include <fmt/format.h>

#include <chrono>
#include <memory>

namespace offtake {

namespace {

using namespace montecarlo;
using portfolio::CellPath;
using portfolio::SupplyAccumulator;
using portfolio::SupplyPlan;

struct PortfolioBlock {
    std::vector<DealAccumulator> projects;
    SupplyAccumulator supply;
    portfolio::CapitalAccumulator capital;
};

// A worker's buffers: one path context per project and the path's per-cell sums.
struct Worker {
    std::vector<std::unique_ptr<PathContext>> projects;
    std::vector<CellPath> cells;
    std::vector<double> mining, processing;
    std::vector<const PathResult*> results;
};

MonteCarloOptions portfolio_options(const Portfolio& pf, MonteCarloOptions o) {
    if (!o.paths && pf.paths) o.paths = static_cast<std::uint64_t>(*pf.paths);
    if (!o.seed && pf.seed) o.seed = *pf.seed;
    if (!o.price_model && o.price_model_path.empty() && !pf.price_model.empty()) o.price_model_path = pf.price_model;
    return common_random_numbers(pf.positions.front().deal, o);
}

// The buyer's tonnes, invoices and index prices of one path, spread over the cells.
void tally_path(const SupplyPlan& plan, std::size_t k, const PathSeries& lines, Worker& w) {
    const auto& pp = plan.positions[k];
    const std::size_t m = pp.periods.size();
    const std::size_t countries = plan.countries.size();
    for (std::size_t c : pp.offtakes) {
        for (std::size_t t = 1; t < m; ++t) {
            const std::size_t at = c * m + t;
            const double delivered = lines.delivered[at] * pp.factor;
            for (const auto& cs : pp.periods[t]) {
                CellPath& cell = w.cells[cs.cell];
                cell.contracted += lines.contracted[at] * pp.factor * cs.weight;
                cell.delivered += delivered * cs.weight;
                cell.invoiced += lines.invoiced[at] * cs.weight;
                w.mining[cs.cell * countries + pp.mining] += delivered * cs.weight;
                w.processing[cs.cell * countries + pp.processing] += delivered * cs.weight;
            }
        }
    }
    for (std::size_t t = 1; t < m; ++t)
        for (const auto& cs : pp.periods[t])
            if (plan.price_source[cs.cell] == static_cast<int>(k)) {
                w.cells[cs.cell].index_weighted += lines.price[t] * cs.weight;
                w.cells[cs.cell].index_weight += cs.weight;
            }
}

std::string portfolio_hash(const Portfolio& pf, const std::vector<SimulationResult>& projects) {
    // The projects' own hashes (deal, model, run), then what the portfolio adds.
    std::uint64_t h = kFnvOffsetBasis;
    for (const auto& r : projects) h = fnv1a(r.inputs_hash + ";", h);
    std::string text = fmt::format("buyer:{};currency:{};spot:{:.17g},{:.17g};limit:{:.17g}", pf.buyer, pf.currency,
                                   pf.spot.max_share, pf.spot.shortage_premium, pf.report.concentration_limit);
    for (double x : pf.report.shortfall_thresholds) text += fmt::format(";x:{:.17g}", x);
    for (const auto& n : pf.needs) {
        text += std::string(";need:") + to_string(n.product);
        for (const auto& y : n.years) text += fmt::format(",{}:{:.17g}", y.year, y.tonnes);
    }
    for (const auto& p : pf.positions) {
        text += ";position:" + p.deal_file + "|" + p.mining_country + "|" + p.processing_country +
                fmt::format("|{:.17g}|{}", p.tonnes_factor(), to_string(p.product()));
        for (const auto& n : p.offtakes) text += "|o:" + n;
        for (const auto& n : p.prepayments) text += "|p:" + n;
        for (const auto& n : p.equity) text += "|e:" + n;
        for (const auto& n : p.guarantees) text += "|g:" + n;
    }
    return fmt::format("{:016x}", fnv1a(text, h));
}

}  // namespace

PortfolioResult run_portfolio(const Portfolio& pf, const MonteCarloOptions& options_in) {
    if (pf.positions.empty()) throw UsageError("a portfolio needs at least one position");
    const auto started = std::chrono::steady_clock::now();
    const MonteCarloOptions options = portfolio_options(pf, options_in);
    std::vector<Deal> deals;
    for (const auto& p : pf.positions) deals.push_back(p.deal);
    const std::vector<RunSetup> setups = setup_runs(deals, options);
    std::vector<const PreparedDeal*> prepared;
    for (const auto& s : setups) prepared.push_back(s.prepared.get());
    const SupplyPlan plan = portfolio::plan_supply(pf, prepared);

    std::vector<DealShape> shapes;
    for (const auto& s : setups) shapes.push_back(block_shape(shape_of(s, options), s.paths));
    const std::uint64_t paths = setups.front().paths;
    const int threads = resolve_threads(options.threads, paths);
    const DealShape block = block_shape(DealShape{}, paths), total_cells = total_shape(DealShape{}, paths);

    auto make = [&] {
        PortfolioBlock b{{}, SupplyAccumulator(plan, pf, block.exact_capacity, block.bin_blocks),
                         portfolio::CapitalAccumulator(block.exact_capacity, block.bin_blocks)};
        for (const auto& s : shapes) b.projects.emplace_back(s);
        return b;
    };
    std::vector<Worker> workers(static_cast<std::size_t>(threads));
    for (auto& w : workers) {
        for (const auto& s : setups)
            w.projects.push_back(std::make_unique<PathContext>(s, options.collect_bands, true));
        w.cells.assign(plan.cells(), CellPath{});
        w.mining.assign(plan.cells() * plan.countries.size(), 0.0);
        w.processing.assign(w.mining.size(), 0.0);
        w.results.assign(setups.size(), nullptr);
    }
    std::vector<WorldBuffer> worlds;
    for (int w = 0; w < threads; ++w) worlds.emplace_back(setups.front().scenario.get());

    PortfolioBlock total{{}, SupplyAccumulator(plan, pf, total_cells.exact_capacity, false),
                         portfolio::CapitalAccumulator(total_cells.exact_capacity, false)};
    for (const auto& s : shapes) total.projects.emplace_back(total_shape(s, paths));
    const auto status = run_in_blocks<PortfolioBlock>(
        paths, threads, make,
        [&](int wi, PortfolioBlock& acc, std::uint64_t first, std::uint64_t end) {
            Worker& w = workers[static_cast<std::size_t>(wi)];
            for (std::uint64_t path = first; path < end; ++path) {
                const double* world = worlds[static_cast<std::size_t>(wi)].generate(setups.front().seed, path);
                std::fill(w.cells.begin(), w.cells.end(), CellPath{});
                std::fill(w.mining.begin(), w.mining.end(), 0.0);
                std::fill(w.processing.begin(), w.processing.end(), 0.0);
                for (std::size_t k = 0; k < w.projects.size(); ++k) {
                    const PathResult& r = w.projects[k]->run(path, world);
                    acc.projects[k].add(r, w.projects[k]->series(), path);
                    tally_path(plan, k, *w.projects[k]->lines(), w);
                    w.results[k] = &r;  // valid until context k runs the next path
                }
                acc.supply.add(w.cells, w.mining, w.processing);
                acc.capital.add(plan, w.results);
            }
            for (auto& d : acc.projects) d.finish_block();
            acc.supply.finish_block();
            acc.capital.finish_block();
        },
        [&](PortfolioBlock&& b) {
            for (std::size_t k = 0; k < total.projects.size(); ++k) total.projects[k].merge(b.projects[k]);
            total.supply.merge(b.supply);
            total.capital.merge(b.capital);
        },
        options.progress);

    PortfolioResult out;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const Scorecard card = options.score ? scorecard_for(options) : Scorecard{};
    for (std::size_t k = 0; k < deals.size(); ++k) {
        SimulationResult r;
        describe_run(deals[k], setups[k], options, threads, r);
        r.paths = status.paths_done;
        r.cancelled = status.cancelled;
        total.projects[k].summarize_into(r);
        if (options.score && r.paths > 0) score_run(deals[k], card, r);
        r.seconds = seconds;
        out.projects.push_back(std::move(r));
    }
    out.buyer = pf.buyer;
    out.source = pf.source;
    out.currency = pf.currency;
    out.seed = setups.front().seed;
    out.paths = status.paths_done;
    out.paths_requested = paths;
    out.threads = threads;
    out.measure = out.projects.front().measure;
    out.scenario_origin = out.projects.front().scenario_origin;
    out.price_model = out.projects.front().price_model;
    out.library_version = OFFTAKE_VERSION_STRING;
    out.inputs_hash = portfolio_hash(pf, out.projects);
    out.cancelled = status.cancelled;
    out.seconds = seconds;
    out.spot = pf.spot;
    out.report = pf.report;
    out.positions = pf.positions;
    out.products = total.supply.summarize(pf);
    double committed = 0.0;
    for (std::size_t k = 0; k < pf.positions.size(); ++k)
        if (plan.positions[k].prepayment) committed += pf.positions[k].deal.prepayment->amount;
    out.capital = total.capital.summarize(committed);
    return out;
}

}  // namespace offtake
