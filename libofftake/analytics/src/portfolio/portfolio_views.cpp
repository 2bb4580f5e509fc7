// run_views(): the projects of a portfolio (and its candidates) on one shared scenario,
// path by path, as compare() runs several deals (docs/scenarios.md): path i of the market
// is generated once and every project reads its prices from it by date and its
// counterparties' defaults by name. Each project runs its own waterfall once per path
// (its statistics are those of a Monte Carlo run of the deal); a stress re-runs only the
// projects it touches. Each view then spreads its members' offtake tonnes and invoices
// per period over calendar years and sums them per product (docs/portfolio.md).
#include "portfolio/portfolio_views.hpp"

#include <offtake/errors.hpp>

#include "montecarlo/block_runner.hpp"
#include "montecarlo/deal_accumulator.hpp"
#include "portfolio/capital_accumulator.hpp"
#include "portfolio/supply_accumulator.hpp"
#include "portfolio/supply_plan.hpp"

#include <offtake/country_events.hpp>

#include <algorithm>
#include <chrono>
#include <memory>

namespace offtake::portfolio {

namespace {

using namespace montecarlo;

// A view's statistics over one block of paths (or, merged, over all).
struct ViewBlock {
    SupplyAccumulator supply;
    CapitalAccumulator capital;
    RunningMoments short_share, unmet, cost, loss;
    RunningMoments d_short, d_unmet, d_cost, d_loss;  // minus view 0, per path
    MetricAccumulator unmet_total;                    // for its CVaR 95 %
    void merge(const ViewBlock& o) {
        unmet_total.merge(o.unmet_total);
        supply.merge(o.supply);
        capital.merge(o.capital);
        for (auto [m, t] : {std::pair{&short_share, &o.short_share}, {&unmet, &o.unmet}, {&cost, &o.cost}, {&loss, &o.loss}, {&d_short, &o.d_short},
                            {&d_unmet, &o.d_unmet}, {&d_cost, &o.d_cost}, {&d_loss, &o.d_loss}})
            m->merge(*t);
    }
};

struct Block {
    std::vector<DealAccumulator> projects;
    std::vector<ViewBlock> views;
    std::vector<RunningMoments> payments;  // per project
};

// The path's restricted share of each modelled country in each calendar year of the
// needs: [e * years + (year - first_year)] (docs/portfolio.md section 2b).
struct CountryShares {
    int first_year = 0;
    std::size_t years = 0;
    std::vector<double> share;
    double at(int e, int year) const { return share[static_cast<std::size_t>(e) * years + static_cast<std::size_t>(year - first_year)]; }
};

// A view's buffers for one path.
struct ViewPath {
    std::vector<CellPath> cells;
    std::vector<double> mining, processing;
    std::vector<const PathResult*> results;
};

// A worker's buffers: a path context per project (and per stressed project), a view's
// per-cell sums.
struct Worker {
    std::vector<std::unique_ptr<PathContext>> projects;
    std::vector<std::vector<std::unique_ptr<PathContext>>> stressed;  // [stress][project], null if untouched
    std::vector<ViewPath> views;
    ViewPath single;  // one project's cells of the plan of all projects (the sample capture)
    CountryShares bans;
    std::vector<double> calendar_share;
    std::vector<ExportRestrictionEvents::Event> scratch;
};

// Each cell's share of the spot limit still buyable: 1 - sum of source share x the
// source country's restricted share in the cell's year.
void spot_availability(const SupplyPlan& plan, const CountryShares& bans, std::vector<CellPath>& cells) {
    if (plan.spot_sources.empty()) return;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        double lost = 0.0;
        for (const auto& [e, share] : plan.spot_sources) lost += share * bans.at(e, plan.year[i]);
        cells[i].spot_available = std::max(0.0, 1.0 - lost);
    }
}

// Position `k` of `plan`: its buyer's tonnes, invoices and index prices of one path,
// spread over the cells; a processing country's ban keeps 1 - its share of the tonnes
// and their invoices (ASSUMPTION: the buyer pays for what it receives).
void tally_path(const SupplyPlan& plan, std::size_t k, const PathSeries& lines, ViewPath& w,
                const CountryShares* bans) {
    const auto& pp = plan.positions[k];
    const std::size_t m = pp.periods.size();
    const std::size_t countries = plan.countries.size();
    const bool banned = bans && pp.processing_ban >= 0;
    for (std::size_t c : pp.offtakes) {
        for (std::size_t t = 1; t < m; ++t) {
            const std::size_t at = c * m + t;
            for (const auto& cs : pp.periods[t]) {
                const double keep = banned ? 1.0 - bans->at(pp.processing_ban, plan.year[cs.cell]) : 1.0;
                const double delivered = lines.delivered[at] * pp.factor * keep;
                CellPath& cell = w.cells[cs.cell];
                cell.contracted += lines.contracted[at] * pp.factor * cs.weight;
                cell.delivered += delivered * cs.weight;
                cell.invoiced += lines.invoiced[at] * keep * cs.weight;
                if (pp.has_carbon) {
                    cell.carbon_covered += delivered * cs.weight;
                    cell.carbon += delivered * pp.carbon * cs.weight;
                }
                if (pp.compliant) cell.compliant += delivered * cs.weight;
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

// The buyer's invoices of position k in the need years on one path.
double payments_of(const PositionPlan& pp, const PathSeries& lines) {
    const std::size_t m = pp.periods.size();
    double sum = 0.0;
    for (std::size_t c : pp.offtakes)
        for (std::size_t t = 1; t < m; ++t)
            for (const auto& cs : pp.periods[t]) sum += lines.invoiced[c * m + t] * cs.weight;
    return sum;
}

PortfolioHeadline headline_of(const ViewBlock& b) {
    PortfolioHeadline h;
    h.p_shortfall = mean_estimate(b.short_share);
    h.unmet_tonnes = mean_estimate(b.unmet);
    h.total_cost = mean_estimate(b.cost);
    h.capital_loss = mean_estimate(b.loss);
    return h;
}

PortfolioHeadline difference_of(const ViewBlock& b) {
    PortfolioHeadline h;
    h.p_shortfall = mean_estimate(b.d_short);
    h.unmet_tonnes = mean_estimate(b.d_unmet);
    h.total_cost = mean_estimate(b.d_cost);
    h.capital_loss = mean_estimate(b.d_loss);
    return h;
}

}  // namespace

Portfolio view_portfolio(const Portfolio& pf, const std::vector<PortfolioPosition>& projects,
                         const std::vector<std::size_t>& members) {
    Portfolio out;
    out.source = pf.source;
    out.buyer = pf.buyer;
    out.currency = pf.currency;
    out.price_model = pf.price_model;
    out.needs = pf.needs;
    out.spot = pf.spot;
    out.report = pf.report;
    out.paths = pf.paths;
    out.seed = pf.seed;
    out.countries = pf.countries;
    for (std::size_t k : members) out.positions.push_back(projects[k]);
    return out;
}

ViewsRun run_views(const Portfolio& pf, const std::vector<PortfolioPosition>& projects,
                   const std::vector<ViewSpec>& views, const std::vector<StressPlan>& stresses,
                   const MonteCarloOptions& options, SampleCapture* capture) {
    if (projects.empty()) throw UsageError("a portfolio needs at least one position");
    const auto started = std::chrono::steady_clock::now();
    std::vector<Deal> deals;
    for (const auto& p : projects) deals.push_back(p.deal);
    const std::vector<RunSetup> setups = setup_runs(deals, options);
    std::vector<const PreparedDeal*> prepared;
    for (const auto& s : setups) prepared.push_back(s.prepared.get());
    // Every project's plan (for its payments) and each view's own (its countries, cells
    // and price sources are those of a run of its members alone).
    const Portfolio everyone = view_portfolio(pf, projects, [&] {
        std::vector<std::size_t> all(projects.size());
        for (std::size_t k = 0; k < all.size(); ++k) all[k] = k;
        return all;
    }());
    const SupplyPlan all_plan = plan_supply(everyone, prepared);
    std::vector<Portfolio> view_pf;
    std::vector<SupplyPlan> plans;
    for (const auto& v : views) {
        view_pf.push_back(view_portfolio(pf, projects, v.members));
        std::vector<const PreparedDeal*> members;
        for (std::size_t k : v.members) members.push_back(prepared[k]);
        plans.push_back(plan_supply(view_pf.back(), members));
    }

    std::vector<DealShape> shapes;
    for (const auto& s : setups) shapes.push_back(block_shape(shape_of(s, options), s.paths));
    const std::uint64_t paths = setups.front().paths;
    const int threads = resolve_threads(options.threads, paths);
    const DealShape block = block_shape(DealShape{}, paths), total_cells = total_shape(DealShape{}, paths);

    auto fresh = [&](const DealShape& shape, bool bin) {
        Block b;
        for (std::size_t v = 0; v < views.size(); ++v)
            b.views.push_back(ViewBlock{SupplyAccumulator(plans[v], view_pf[v], shape.exact_capacity, bin),
                                        CapitalAccumulator(shape.exact_capacity, bin), {}, {}, {}, {}, {}, {}, {}, {},
                                        MetricAccumulator(shape.exact_capacity)});
        b.payments.assign(projects.size(), RunningMoments{});
        return b;
    };
    auto make = [&] {
        Block b = fresh(block, block.bin_blocks);
        for (const auto& s : shapes) b.projects.emplace_back(s);
        return b;
    };
    // The modelled countries' restrictions, read per calendar year of the needs.
    std::vector<ExportRestrictionEvents> country_events;
    std::vector<QuantLib::Date> calendar;
    int first_year = 0;
    if (pf.countries && !pf.countries->export_restrictions.empty() && !all_plan.year.empty()) {
        for (const auto& model : pf.countries->export_restrictions) country_events.emplace_back(model);
        first_year = *std::min_element(all_plan.year.begin(), all_plan.year.end());
        const int last_year = *std::max_element(all_plan.year.begin(), all_plan.year.end());
        for (int y = first_year; y <= last_year + 1; ++y) calendar.emplace_back(1, QuantLib::January, y);
    }
    const bool with_bans = !country_events.empty();
    std::vector<Worker> workers(static_cast<std::size_t>(threads));
    for (auto& w : workers) {
        for (const auto& s : setups)
            w.projects.push_back(std::make_unique<PathContext>(s, options.collect_bands, true));
        w.stressed.resize(stresses.size());
        for (std::size_t s = 0; s < stresses.size(); ++s)
            for (std::size_t k = 0; k < setups.size(); ++k)
                w.stressed[s].push_back(stresses[s].active[k]
                                            ? std::make_unique<PathContext>(setups[k], false, true, stresses[s].deals[k])
                                            : nullptr);
        for (const auto& plan : plans) {
            ViewPath vp;
            vp.cells.assign(plan.cells(), CellPath{});
            vp.mining.assign(plan.cells() * plan.countries.size(), 0.0);
            vp.processing.assign(vp.mining.size(), 0.0);
            vp.results.assign(plan.positions.size(), nullptr);
            w.views.push_back(std::move(vp));
        }
        w.single.cells.assign(all_plan.cells(), CellPath{});
        w.single.mining.assign(all_plan.cells() * all_plan.countries.size(), 0.0);
        w.single.processing.assign(w.single.mining.size(), 0.0);
        if (with_bans) {
            w.bans.first_year = first_year;
            w.bans.years = calendar.size() - 1;
            w.bans.share.assign(country_events.size() * w.bans.years, 0.0);
            w.calendar_share.assign(calendar.size(), 0.0);
        }
    }
    if (capture) {
        capture->paths = std::min<std::uint64_t>(capture->paths, setups.front().paths);
        capture->projects = projects.size();
        capture->cells = all_plan.cells();
        capture->values.assign(capture->paths * capture->projects * capture->cells, CellPath{});
    }
    std::vector<WorldBuffer> worlds;
    for (int w = 0; w < threads; ++w) worlds.emplace_back(setups.front().scenario.get());

    Block total = fresh(total_cells, false);
    for (const auto& s : shapes) total.projects.emplace_back(total_shape(s, paths));
    const auto status = run_in_blocks<Block>(
        paths, threads, make,
        [&](int wi, Block& acc, std::uint64_t first, std::uint64_t end) {
            Worker& w = workers[static_cast<std::size_t>(wi)];
            std::vector<PathTotals> totals(views.size());
            std::vector<double> losses(views.size());
            for (std::uint64_t path = first; path < end; ++path) {
                const double* world = worlds[static_cast<std::size_t>(wi)].generate(setups.front().seed, path);
                const CountryShares* bans = nullptr;
                if (with_bans) {
                    // The same keys as the projects' own country events: one world.
                    for (std::size_t e = 0; e < country_events.size(); ++e) {
                        country_events[e].restricted_share(setups.front().seed, path, calendar, w.calendar_share.data(),
                                                           w.scratch);
                        for (std::size_t y = 0; y < w.bans.years; ++y)
                            w.bans.share[e * w.bans.years + y] = w.calendar_share[y + 1];
                    }
                    bans = &w.bans;
                }
                std::vector<const PathResult*> base(projects.size());
                for (std::size_t k = 0; k < projects.size(); ++k) {
                    base[k] = &w.projects[k]->run(path, world);  // valid until context k runs the next path
                    acc.projects[k].add(*base[k], w.projects[k]->series(), path);
                    acc.payments[k].add(payments_of(all_plan.positions[k], *w.projects[k]->lines()));
                    if (capture && path < capture->paths) {
                        // Each path writes its own slots: no two threads touch one.
                        std::fill(w.single.cells.begin(), w.single.cells.end(), CellPath{});
                        tally_path(all_plan, k, *w.projects[k]->lines(), w.single, bans);
                        if (bans) spot_availability(all_plan, *bans, w.single.cells);
                        std::copy(w.single.cells.begin(), w.single.cells.end(),
                                  capture->values.begin() +
                                      static_cast<std::ptrdiff_t>((path * projects.size() + k) * all_plan.cells()));
                    }
                }
                for (std::size_t s = 0; s < stresses.size(); ++s)
                    for (std::size_t k = 0; k < projects.size(); ++k)
                        if (w.stressed[s][k]) w.stressed[s][k]->run(path, world);
                for (std::size_t v = 0; v < views.size(); ++v) {
                    ViewPath& vp = w.views[v];
                    std::fill(vp.cells.begin(), vp.cells.end(), CellPath{});
                    std::fill(vp.mining.begin(), vp.mining.end(), 0.0);
                    std::fill(vp.processing.begin(), vp.processing.end(), 0.0);
                    const int s = views[v].stress;
                    for (std::size_t j = 0; j < views[v].members.size(); ++j) {
                        const std::size_t k = views[v].members[j];
                        const PathContext* ctx =
                            s >= 0 && w.stressed[static_cast<std::size_t>(s)][k]
                                ? w.stressed[static_cast<std::size_t>(s)][k].get()
                                : w.projects[k].get();
                        tally_path(plans[v], j, *ctx->lines(), vp, bans);
                        vp.results[j] = ctx == w.projects[k].get() ? base[k] : &ctx->last();
                    }
                    if (bans) spot_availability(plans[v], *bans, vp.cells);
                    ViewBlock& vb = acc.views[v];
                    totals[v] = vb.supply.add(vp.cells, vp.mining, vp.processing);
                    losses[v] = vb.capital.add(plans[v], vp.results);
                    vb.short_share.add(totals[v].short_share);
                    vb.unmet.add(totals[v].unmet);
                    vb.unmet_total.add(totals[v].unmet);
                    if (totals[v].cost_present) vb.cost.add(totals[v].cost);
                    vb.loss.add(losses[v]);
                    if (v == 0) continue;
                    vb.d_short.add(totals[v].short_share - totals[0].short_share);
                    vb.d_unmet.add(totals[v].unmet - totals[0].unmet);
                    if (totals[v].cost_present && totals[0].cost_present) vb.d_cost.add(totals[v].cost - totals[0].cost);
                    vb.d_loss.add(losses[v] - losses[0]);
                }
            }
            for (auto& d : acc.projects) d.finish_block();
            for (auto& vb : acc.views) {
                vb.supply.finish_block();
                vb.capital.finish_block();
                if (block.bin_blocks) vb.unmet_total.bin_now();
            }
        },
        [&](Block&& b) {
            for (std::size_t k = 0; k < total.projects.size(); ++k) total.projects[k].merge(b.projects[k]);
            for (std::size_t v = 0; v < views.size(); ++v) total.views[v].merge(b.views[v]);
            for (std::size_t k = 0; k < projects.size(); ++k) total.payments[k].merge(b.payments[k]);
        },
        options.progress);

    ViewsRun out;
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    out.seed = setups.front().seed;
    out.paths = status.paths_done;
    out.paths_requested = paths;
    out.threads = threads;
    out.cancelled = status.cancelled;
    const Scorecard card = options.score ? scorecard_for(options) : Scorecard{};
    for (std::size_t k = 0; k < deals.size(); ++k) {
        SimulationResult r;
        describe_run(deals[k], setups[k], options, threads, r);
        r.paths = status.paths_done;
        r.cancelled = status.cancelled;
        total.projects[k].summarize_into(r);
        if (options.score && r.paths > 0) score_run(deals[k], card, r);
        r.seconds = out.seconds;
        out.projects.push_back(std::move(r));
        out.contract_payments.push_back(total.payments[k].mean());
    }
    for (std::size_t v = 0; v < views.size(); ++v) {
        ViewOutcome o;
        const ViewBlock& vb = total.views[v];
        o.products = vb.supply.summarize(view_pf[v]);
        double committed = 0.0;
        for (std::size_t j = 0; j < views[v].members.size(); ++j)
            if (plans[v].positions[j].prepayment) committed += view_pf[v].positions[j].deal.prepayment->amount;
        o.capital = vb.capital.summarize(committed);
        o.headline = headline_of(vb);
        o.cvar95_unmet_total = tail_mean(vb.unmet_total.sketch());
        if (v > 0) o.difference = difference_of(vb);
        out.views.push_back(std::move(o));
    }
    return out;
}

}  // namespace offtake::portfolio
