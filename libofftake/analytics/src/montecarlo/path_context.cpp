#include "montecarlo/path_context.hpp"

#include <offtake/bankability.hpp>
#include <offtake/country_model.hpp>
#include <offtake/deal_file.hpp>
#include <offtake/errors.hpp>
#include <offtake/run_limits.hpp>
#include <offtake/version.h>

#include "montecarlo/inputs_hash.hpp"
#include "waterfall/prepared_deal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace offtake::montecarlo {
namespace {

std::string same_file_key(const std::string& path) {
    std::error_code ec;
    const auto c = std::filesystem::weakly_canonical(path, ec);
    return ec ? path : c.string();
}

std::string deal_name(const Deal& d) { return d.source.empty() ? d.project.name : d.source; }

// A deal's country events: its country's model from the file its export_restrictions
// section names (each file read once per run), refused with the line of project.country
// when the file does not model that country.
using LoadedCountryModels = std::vector<std::pair<std::string, std::shared_ptr<const CountryModelSpec>>>;

// The country-model file `file`, read at most once per run.
std::shared_ptr<const CountryModelSpec> country_model(const std::string& file, LoadedCountryModels& loaded) {
    for (const auto& [name, m] : loaded)
        if (name == file) return m;
    auto spec = load_country_model(file);
    loaded.emplace_back(file, spec);
    return spec;
}

void bind_country_events(const Deal& d, RunSetup& s, LoadedCountryModels& loaded) {
    if (!d.export_restrictions) return;
    const std::string& file = d.export_restrictions->model;
    const auto spec = country_model(file, loaded);
    const ExportRestrictionModel* m = spec->find(d.project.country);
    if (!m) {
        const auto at = find_field_position(d.source, "project.country");
        throw DealError(Problem{deal_name(d), at.line, at.column, "project.country",
                                fmt::format("the country model {} has no export restrictions for {} (it models: {})",
                                            file, d.project.country, spec->country_names())});
    }
    s.export_events = std::make_shared<ExportRestrictionEvents>(*m);
    s.country_model_file = file;
    s.domestic_discount = d.export_restrictions->domestic_discount.value_or(m->domestic_discount);
}

// A deal's fiscal events: its country's entry in the file its fiscal_events section
// names (each file read once per run), refused with the line of project.country when the
// file has no fiscal events for that country.
void bind_fiscal_events(const Deal& d, RunSetup& s, LoadedCountryModels& loaded) {
    if (!d.fiscal_events) return;
    const std::string& file = d.fiscal_events->model;
    const auto spec = country_model(file, loaded);
    const FiscalEventModel* m = spec->find_fiscal(d.project.country);
    if (!m) {
        const auto at = find_field_position(d.source, "project.country");
        throw DealError(Problem{deal_name(d), at.line, at.column, "project.country",
                                fmt::format("the country model {} has no fiscal events for {} (it models: {})", file,
                                            d.project.country,
                                            spec->fiscal_events.empty() ? "none" : spec->fiscal_country_names())});
    }
    auto royalty = std::make_shared<FiscalStepEvents>(m->country, "royalty_step", m->royalty);
    auto tax = std::make_shared<FiscalStepEvents>(m->country, "tax_step", m->tax);
    if (royalty->active()) s.royalty_steps = royalty;
    if (tax->active()) s.tax_steps = tax;
    s.fiscal_model_file = file;
}

std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

std::vector<RunSetup> setup_runs(const std::vector<Deal>& deals, const MonteCarloOptions& options) {
    if (deals.empty()) throw UsageError("a run needs at least one deal");
    const Deal& first = deals.front();
    // Every default and bound of the options: run_limits.hpp. One seed and path count
    // for the whole run: the options', else the first deal's.
    const std::uint64_t paths = run_paths(first, options);
    if (!threads_allowed(options.threads))
        throw UsageError("threads must be between 0 (all cores) and " + std::to_string(kMaxThreads) + ", not " +
                         std::to_string(options.threads));
    if (!(options.price_scale > 0.0)) throw UsageError("price_scale must be positive");

    std::vector<RunSetup> out(deals.size());
    LoadedCountryModels country_models;
    QuantLib::Date earliest, latest;
    for (std::size_t i = 0; i < deals.size(); ++i) {
        RunSetup& s = out[i];
        s.paths = paths;
        s.seed = run_seed(first, options);
        s.price_scale = options.price_scale;
        s.prepared = prepare(deals[i]);
        s.measure = run_measure(deals[i], options.measure);
        s.aggregation = options.price_aggregation;
        bind_country_events(deals[i], s, country_models);
        bind_fiscal_events(deals[i], s, country_models);
        s.completion = std::make_shared<CompletionDraws>(*s.prepared);
        s.production = std::make_shared<ProductionDraws>(*s.prepared);
        const auto& dates = grid(*s.prepared).dates;
        if (i == 0 || dates.front() < earliest) earliest = dates.front();
        if (i == 0 || dates.back() > latest) latest = dates.back();
    }
    if (options.price_simulator) {
        // A caller's own simulator, bound to one deal's grid: no shared scenario.
        for (auto& s : out) {
            s.simulator = options.price_simulator;
            s.origin = grid(*s.prepared).dates.front();
            s.description = options.price_simulator->description();
            s.draws = std::make_shared<PathDraws>(*s.prepared, s.origin);
        }
        return out;
    }

    auto shared = std::make_shared<SharedScenario>();
    std::shared_ptr<const PriceModelSpec> spec = options.price_model;
    if (spec) shared->price_model_file = options.price_model_path;  // loaded by the caller from it
    if (!spec) {
        std::string key;
        for (std::size_t i = 0; i < deals.size(); ++i) {
            const std::string file = price_model_path(deals[i], options.price_model_path);
            if (file.empty())
                throw UsageError("no price model: set simulation.price_model in " + deal_name(deals[i]) +
                                 " or give one in the options");
            if (i == 0) {
                shared->price_model_file = file;
                key = same_file_key(file);
            } else if (same_file_key(file) != key) {
                throw UsageError(fmt::format(
                    "the deals of one run read one market: {} names price model {}, {} names {} "
                    "(give one with --price-model)",
                    deal_name(deals[0]), shared->price_model_file, deal_name(deals[i]), file));
            }
        }
        spec = load_price_model(shared->price_model_file);
    }
    shared->origin = options.scenario_start ? *options.scenario_start : earliest;
    for (std::size_t i = 0; i < deals.size(); ++i)
        if (grid(*out[i].prepared).dates.front() < shared->origin)
            throw UsageError(fmt::format("{} starts on {}, before the scenario start {}", deal_name(deals[i]),
                                         iso_date(grid(*out[i].prepared).dates.front()), iso_date(shared->origin)));
    auto model = std::make_shared<ScenarioModel>(spec, ScenarioCalendar(shared->origin, latest), options.antithetic);
    shared->model = model;

    for (std::size_t i = 0; i < deals.size(); ++i) {
        RunSetup& s = out[i];
        const Deal& d = deals[i];
        // The real-world spot at the origin: the file's, else the deck price of the first
        // deal of the run with this commodity, on its start date.
        double origin_spot = base_prices(*s.prepared).front();
        for (std::size_t j = 0; j < i; ++j)
            if (deals[j].project.commodity == d.project.commodity) {
                origin_spot = base_prices(*out[j].prepared).front();
                break;
            }
        if (!model->models(d.project.commodity)) {
            const auto at = find_field_position(d.source, "project.commodity");
            throw DealError(Problem{d.source.empty() ? d.project.name : d.source, at.line, at.column,
                                    "project.commodity",
                                    fmt::format("the scenario has no factor for {} (price model {} models: {})",
                                                to_string(d.project.commodity), model->file(),
                                                model->commodity_names())});
        }
        s.reader = std::make_shared<DealPriceReader>(*model, d.project.commodity, grid(*s.prepared),
                                                     base_prices(*s.prepared), s.measure, s.aggregation, origin_spot);
        shared->finest = std::max(shared->finest, s.reader->finest_level());
        s.scenario = shared;
        s.price_model_file = shared->price_model_file;
        s.origin = shared->origin;
        s.description = s.reader->description();
        s.draws = std::make_shared<PathDraws>(*s.prepared, s.origin);
    }
    return out;
}

RunSetup setup_run(const Deal& deal, const MonteCarloOptions& options) {
    return std::move(setup_runs({deal}, options).front());
}

PathContext::PathContext(const RunSetup& setup, bool with_series, bool with_offtake_lines, const DealStress& stress)
    : setup_(&setup), with_series_(with_series), fail_to_complete_(stress.fail_to_complete) {
    series_.offtake_lines = with_offtake_lines;
    const int n = grid(*setup.prepared).periods();
    prices_.assign(static_cast<std::size_t>(n) + 1, 0.0);
    default_period_.assign(setup.draws->buyers(), n + 1);
    kpi_met_.assign(setup.draws->kpi_slots(), 0);
    if (setup.export_events || stress.ban) export_restricted_.assign(static_cast<std::size_t>(n) + 1, 0.0);
    if (stress.ban) {
        // The ban covers the days [from, to); period t, as the portfolio splits it over
        // calendar years (docs/portfolio.md section 3), the days [d_{t-1}, d_t). The share
        // of the period's days under the ban.
        const auto& dates = grid(*setup.prepared).dates;
        banned_.assign(static_cast<std::size_t>(n) + 1, 0.0);
        for (int t = 1; t <= n; ++t) {
            const QuantLib::Date a = dates[t - 1], b = dates[t];
            const QuantLib::Date lo = std::max(a, stress.ban_from), hi = std::min(b, stress.ban_to);
            if (hi > lo && b > a)
                banned_[t] = stress.ban_share * static_cast<double>(hi - lo) / static_cast<double>(b - a);
        }
    }
    if (setup.production && setup.production->active()) production_factor_.assign(static_cast<std::size_t>(n) + 1, 1.0);
    if (setup.royalty_steps) royalty_rate_.assign(static_cast<std::size_t>(n) + 1, 0.0);
    if (setup.tax_steps) tax_rate_.assign(static_cast<std::size_t>(n) + 1, 0.0);
}

const PathResult& PathContext::run(std::uint64_t path, const double* world) {
    const auto& s = *setup_;
    if (s.simulator) {
        s.simulator->simulate(s.seed, path, prices_.data(), world_);
    } else {
        if (!world) {
            const SharedScenario& sc = *s.scenario;
            if (world_.size() < sc.model->path_size()) world_.resize(sc.model->path_size());
            sc.model->generate(s.seed, path, sc.finest, world_.data());
            world = world_.data();
        }
        s.reader->read(world, prices_.data());
    }
    if (s.price_scale != 1.0)
        for (auto& p : prices_) p *= s.price_scale;
    PathInputs in;
    in.price = prices_.data();
    if (s.draws->has_defaults()) {
        s.draws->buyer_defaults(s.seed, path, default_period_.data());
        in.buyer_default_period = default_period_.data();
    }
    if (s.draws->has_kpis()) {
        s.draws->kpi_outcomes(s.seed, path, kpi_met_.data());
        in.kpi_met = kpi_met_.data();
    }
    if (s.export_events || !banned_.empty()) {
        if (s.export_events)
            s.export_events->restricted_share(s.seed, path, grid(*s.prepared).dates, export_restricted_.data(),
                                              events_);
        for (std::size_t t = 0; t < banned_.size(); ++t)
            export_restricted_[t] = std::max(export_restricted_[t], banned_[t]);
        in.export_restricted = export_restricted_.data();
        in.domestic_discount = s.domestic_discount;
    }
    if (s.royalty_steps) {
        s.royalty_steps->rates(s.seed, path, grid(*s.prepared).dates, s.prepared->royalty_rate, royalty_rate_.data(),
                               steps_);
        in.royalty_rate = royalty_rate_.data();
    }
    if (s.tax_steps) {
        s.tax_steps->rates(s.seed, path, grid(*s.prepared).dates, s.prepared->tax_rate, tax_rate_.data(), steps_);
        in.tax_rate = tax_rate_.data();
    }
    in.abandon_at_completion = fail_to_complete_;
    if (s.completion && s.completion->active()) s.completion->draw(s.seed, path, in.capex_factor, in.delay_periods);
    if (!production_factor_.empty()) {
        // After the completion draw: the ramp-up starts at the path's own (late) COD.
        s.production->draw(s.seed, path, in.delay_periods, production_factor_.data());
        in.production_factor = production_factor_.data();
    }
    run_path(*s.prepared, in, result_, scratch_, with_series_ || series_.offtake_lines ? &series_ : nullptr);
    return result_;
}

WorldBuffer::WorldBuffer(const SharedScenario* scenario) : scenario_(scenario) {
    if (scenario_) world_.resize(scenario_->model->path_size());
}

const double* WorldBuffer::generate(std::uint64_t seed, std::uint64_t path) {
    if (!scenario_) return nullptr;
    scenario_->model->generate(seed, path, scenario_->finest, world_.data());
    return world_.data();
}

DealShape shape_of(const RunSetup& setup, const MonteCarloOptions& options) {
    const Deal& d = deal(*setup.prepared);
    DealShape shape;
    shape.investors = d.equity.size();
    shape.buyers = d.offtakes.size();
    shape.periods = options.collect_bands ? grid(*setup.prepared).periods() : 0;
    shape.covenant_dscr = d.debt ? d.debt->covenant_dscr : 1.2;
    // The loan's life for the annualised PD: financial close (t = 0, where drawdowns start)
    // to the legal maturity (docs/credit.md section 5).
    const PreparedDeal& p = *setup.prepared;
    if (p.debt.active) shape.loan_years = p.grid.years[p.debt.maturity] - p.grid.years[0];
    for (const TranchePlan& t : p.tranches) shape.tranche_years.push_back(p.grid.years[t.plan.maturity] - p.grid.years[0]);
    shape.antithetic = options.antithetic;
    return shape;  // exact_capacity: see block_shape / total_shape
}

void describe_run(const Deal& deal, const RunSetup& setup, const MonteCarloOptions& options, int threads,
                  SimulationResult& out) {
    out.measure = to_string(setup.simulator ? setup.simulator->measure() : setup.measure);
    out.seed = setup.seed;
    out.paths_requested = setup.paths;
    out.threads = threads;
    out.antithetic = options.antithetic;
    out.price_aggregation = to_string(setup.aggregation);
    out.scenario_origin = iso_date(setup.origin);
    out.library_version = OFFTAKE_VERSION_STRING;
    out.price_model = setup.description;
    out.currency = deal.project.currency;
    // The deal and model file, plus what the simulator says of its parameters (a model
    // given in code has no file) and the stress price scale. The scenario origin enters
    // only when it is not the deal's own start, so a one-deal run hashes as before.
    const std::uint64_t base = std::stoull(inputs_hash(deal, setup.price_model_file), nullptr, 16);
    std::string extra = fmt::format("simulator:{};price_scale:{:.17g}", out.price_model, setup.price_scale);
    if (setup.origin != grid(*setup.prepared).dates.front()) extra += ";scenario_origin:" + out.scenario_origin;
    // The country model's bytes, only for a deal that reads one (others hash as before).
    if (setup.export_events) extra += fmt::format(";country_model:{:016x}", fnv1a(file_bytes(setup.country_model_file)));
    if (!setup.fiscal_model_file.empty())
        extra += fmt::format(";fiscal_model:{:016x}", fnv1a(file_bytes(setup.fiscal_model_file)));
    out.inputs_hash = fmt::format("{:016x}", fnv1a(extra, base));
    out.investors.clear();
    for (const auto& e : deal.equity) out.investors.push_back(e.name);
    out.buyers.assign(deal.offtakes.size(), BuyerStatistics{});
    for (std::size_t i = 0; i < deal.offtakes.size(); ++i) out.buyers[i].buyer = deal.offtakes[i].buyer;
    // The tranches (docs/credit.md section 7), senior first, in the waterfall's order.
    out.tranches.clear();
    const PreparedDeal& p = *setup.prepared;
    if (!p.tranches.empty()) {
        TrancheStatistics senior;
        senior.name = deal.debt->name;
        senior.priority = "senior";
        out.tranches.push_back(senior);
        for (const TranchePlan& t : p.tranches) {
            TrancheStatistics s;
            s.name = t.name;
            s.priority = t.shareholder ? "shareholder" : "subordinated";
            out.tranches.push_back(s);
        }
    }
    if (options.collect_bands) {
        const auto& dates = grid(*setup.prepared).dates;
        out.bands.dates.assign(dates.begin() + 1, dates.end());
    }
}

Scorecard scorecard_for(const MonteCarloOptions& options) {
    return options.scorecard_path.empty() ? default_scorecard() : load_scorecard(options.scorecard_path);
}

void score_run(const Deal& deal, const Scorecard& card, SimulationResult& result) {
    result.bankability = score_bankability(card, bankability_values(deal, result), has_senior_debt(deal, result));
    check_expected_loss_consistency(*result.bankability, result);
}

}  // namespace offtake::montecarlo
