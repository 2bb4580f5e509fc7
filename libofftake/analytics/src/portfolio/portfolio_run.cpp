// run_portfolio(): every project of a portfolio on one shared scenario, path by path, as
// compare() runs several deals (docs/scenarios.md): path i of the market is generated
// once and every project reads its prices from it by date and its counterparties'
// defaults by name. Each project runs its own waterfall (its statistics are those of a
// Monte Carlo run of the deal); the buyer's offtakes' tonnes and invoices per period are
// then spread over calendar years and summed per product (docs/portfolio.md).
#include <offtake/portfolio_run.hpp>

#include <offtake/errors.hpp>
#include <offtake/version.h>

#include "montecarlo/inputs_hash.hpp"
#include "portfolio/portfolio_views.hpp"

#include <fmt/format.h>

namespace offtake {

namespace {

using namespace montecarlo;

std::string portfolio_hash(const Portfolio& pf, const std::vector<SimulationResult>& projects) {
    // The projects' own hashes (deal, model, run), then what the portfolio adds.
    std::uint64_t h = kFnvOffsetBasis;
    for (const auto& r : projects) h = fnv1a(r.inputs_hash + ";", h);
    std::string text = fmt::format("buyer:{};currency:{};spot:{:.17g},{:.17g};limit:{:.17g}", pf.buyer, pf.currency,
                                   pf.spot.max_share, pf.spot.shortage_premium, pf.report.concentration_limit);
    for (double x : pf.report.shortfall_thresholds) text += fmt::format(";x:{:.17g}", x);
    if (pf.countries) text += ";countries:" + pf.countries->file;
    for (const auto& src : pf.spot.sources) text += fmt::format(";spot_source:{}:{:.17g}", src.country, src.share);
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

MonteCarloOptions portfolio_options(const Portfolio& pf, MonteCarloOptions o) {
    if (!o.paths && pf.paths) o.paths = static_cast<std::uint64_t>(*pf.paths);
    if (!o.seed && pf.seed) o.seed = *pf.seed;
    if (!o.price_model && o.price_model_path.empty() && !pf.price_model.empty()) o.price_model_path = pf.price_model;
    return common_random_numbers(pf.positions.front().deal, o);
}

PortfolioResult portfolio_result(const Portfolio& pf, const portfolio::ViewsRun& run, std::size_t view,
                                 const std::vector<std::size_t>& members) {
    PortfolioResult out;
    for (std::size_t k : members) out.projects.push_back(run.projects[k]);
    out.buyer = pf.buyer;
    out.source = pf.source;
    out.currency = pf.currency;
    out.seed = run.seed;
    out.paths = run.paths;
    out.paths_requested = run.paths_requested;
    out.threads = run.threads;
    out.measure = out.projects.front().measure;
    out.scenario_origin = out.projects.front().scenario_origin;
    out.price_model = out.projects.front().price_model;
    out.library_version = OFFTAKE_VERSION_STRING;
    out.cancelled = run.cancelled;
    out.seconds = run.seconds;
    out.spot = pf.spot;
    out.report = pf.report;
    out.positions = pf.positions;
    out.inputs_hash = portfolio_hash(pf, out.projects);
    out.products = run.views[view].products;
    out.capital = run.views[view].capital;
    return out;
}

PortfolioResult run_portfolio(const Portfolio& pf, const MonteCarloOptions& options_in) {
    if (pf.positions.empty()) throw UsageError("a portfolio needs at least one position");
    const MonteCarloOptions options = portfolio_options(pf, options_in);
    std::vector<std::size_t> members(pf.positions.size());
    for (std::size_t k = 0; k < members.size(); ++k) members[k] = k;
    const portfolio::ViewsRun run = portfolio::run_views(pf, pf.positions, {{members, -1}}, {}, options);
    return portfolio_result(pf, run, 0, members);
}

}  // namespace offtake
