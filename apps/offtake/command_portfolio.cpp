// offtake portfolio FILE: a buyer's supply deals on one simulated market, each project
// through its own waterfall, and the buyer's supply per product and year against its
// need: contracted, delivered, topped up spot, unmet; the cost; the concentration by
// mining and processing country (docs/portfolio.md).
#include "command.hpp"
#include "deal_label.hpp"
#include "exit_codes.hpp"
#include "interrupt.hpp"
#include "number_format.hpp"
#include "output_file.hpp"
#include "portfolio_optimise_view.hpp"
#include "portfolio_what_if_view.hpp"
#include "simulation_args.hpp"
#include "simulation_tables.hpp"
#include "text_table.hpp"

#include <offtake/errors.hpp>
#include <offtake/portfolio.hpp>
#include <offtake/portfolio_optimise.hpp>
#include <offtake/portfolio_run.hpp>
#include <offtake/portfolio_what_if.hpp>

#include <fmt/format.h>

#include <cstdio>
#include <memory>

namespace offtake::cli {

namespace {

struct PortfolioArgs {
    std::string file;
    SimulationArgs sim;
    Format format = Format::Table;
    std::optional<std::string> out;
    bool what_if = false;
    bool optimise = false;
};

std::string csv_value(const std::optional<double>& v) { return csv_number(v); }

std::string header(const PortfolioResult& r) {
    return fmt::format(
        "Portfolio of {}: {} positions, {} paths (seed {}, {}), scenario from {}, {:.1f} s\n"
        "Every project reads one simulated market: the same price on the same date, each counterparty's "
        "default by name.\nSpot: up to {} of each year's need at the index + {} in a shortage. "
        "Concentration limit: {} from one third country (the CRMA benchmark, set for the Union's consumption).\n",
        r.buyer, r.positions.size(), r.paths, r.seed, r.measure, r.scenario_origin, r.seconds,
        percent(r.spot.max_share, 0), percent(r.spot.shortage_premium, 0), percent(r.report.concentration_limit, 0));
}

std::string supply_table(const PortfolioResult& r, const ProductSupply& p) {
    std::vector<std::string> h{"year", "need t", "contracted t", "delivered P5", "P50", "P95", "spot t mean",
                               "unmet t mean", "CVaR95 unmet t"};
    for (double x : r.report.shortfall_thresholds)
        h.push_back(x > 0 ? fmt::format("P(unmet>{})", percent(x, 0)) : std::string("P(unmet>0)"));
    h.push_back(fmt::format("cost {}/t", r.currency));
    TextTable t(h);
    for (const auto& y : p.years) {
        std::vector<std::string> c{std::to_string(y.year), thousands(y.need, 0),
                                   format_value(UnitKind::Tonnes, y.contracted.mean),
                                   format_value(UnitKind::Tonnes, y.delivered.p5),
                                   format_value(UnitKind::Tonnes, y.delivered.p50),
                                   format_value(UnitKind::Tonnes, y.delivered.p95),
                                   format_value(UnitKind::Tonnes, y.spot_tonnes.mean),
                                   format_value(UnitKind::Tonnes, y.unmet.mean),
                                   format_value(UnitKind::Tonnes, y.cvar95_unmet)};
        for (const auto& e : y.p_shortfall) c.push_back(e.paths ? percent(e.value, 1) : kAbsent);
        c.push_back(format_value(UnitKind::MoneyPerTonne, y.unit_cost.mean));
        t.add_row(c);
    }
    return t.render();
}

std::string country_list(const std::vector<CountryShare>& shares) {
    std::string out;
    for (const auto& s : shares)
        if (s.share.paths && s.share.value > 0)
            out += (out.empty() ? "" : ", ") + s.country + " " + percent(s.share.value, 0);
    return out.empty() ? kAbsent : out;
}

// The HHI as a plain number in [0, 1] (10,000 x this on the antitrust scale).
std::string hhi(const std::optional<double>& v) { return v ? thousands(*v, 2) : std::string(kAbsent); }

std::string concentration_table(const PortfolioResult& r, const ProductSupply& p) {
    TextTable t({"year", "mining shares (mean)", "HHI", "P(>limit)", "processing shares (mean)", "HHI", "P(>limit)"});
    t.set_align(1, TextTable::Align::Left);
    t.set_align(4, TextTable::Align::Left);
    for (const auto& y : p.years) {
        auto prob = [](const Estimate& e) { return e.paths ? percent(e.value, 1) : kAbsent; };
        t.add_row({std::to_string(y.year), country_list(y.mining), hhi(y.hhi_mining.mean),
                   prob(y.p_concentration_mining), country_list(y.processing),
                   hhi(y.hhi_processing.mean), prob(y.p_concentration_processing)});
    }
    (void)r;
    return t.render();
}

std::string projects_table(const PortfolioResult& r) {
    TextTable t({"project", "mined", "processed", "product", "NPV mean " + table_unit(UnitKind::Money, r.currency),
                 "P(payment default)", "bankability"});
    for (std::size_t k = 0; k < r.positions.size(); ++k) {
        const auto& p = r.positions[k];
        const auto& s = r.projects[k];
        t.add_row({p.deal.project.name.empty() ? p.deal_file : p.deal.project.name, p.mining_country,
                   p.processing_country,
                   p.converts_to ? fmt::format("{} as {}", to_string(p.deal.project.commodity), to_string(p.product()))
                                 : std::string(to_string(p.product())),
                   format_value(UnitKind::Money, s.npv.mean),
                   s.p_default.paths ? percent(s.p_default.value, 2) : kAbsent,
                   s.bankability ? fmt::format("{} {}", thousands(s.bankability->score, 1), s.bankability->category)
                                 : kAbsent});
    }
    return t.render();
}

std::string render_table(const PortfolioResult& r) {
    std::string out = header(r);
    for (const auto& p : r.products) {
        out += fmt::format("\nSupply of {} (tonnes; delivered = under the buyer's contracts):\n", to_string(p.product));
        out += supply_table(r, p);
        out += fmt::format("\nConcentration of {} supplied under contracts, by country:\n", to_string(p.product));
        out += concentration_table(r, p);
    }
    {
        const CapitalAtRisk& c = r.capital;
        TextTable t({"capital at risk", "unit", "mean", "P5", "P95"});
        t.set_align(1, TextTable::Align::Left);
        const std::string money = table_unit(UnitKind::Money, r.currency);
        t.add_row({"Prepayments committed", money, format_value(UnitKind::Money, c.prepayments_committed), "", ""});
        auto row = [&](const char* name, const MetricSummary& m) {
            t.add_row({name, money, format_value(UnitKind::Money, m.mean), format_value(UnitKind::Money, m.p5),
                       format_value(UnitKind::Money, m.p95)});
        };
        row("Prepayments lost", c.prepayment_lost);
        row("Equity NPV of the buyer's stakes", c.equity_npv);
        row("Guarantees paid", c.guarantee_paid);
        row("Loss (prepayments lost + guarantees paid)", c.loss);
        out += "\nCapital at risk over all positions (per path, summed):\n" + t.render();
    }
    out += "\nProjects (each its own waterfall on the same paths):\n" + projects_table(r);
    return out;
}

// One line per product, year and metric; the keys are the JSON document's.
std::string render_csv(const PortfolioResult& r) {
    std::string out = csv_line({"product", "year", "need", "metric", "unit", "mean", "sd", "standard_error", "p5",
                                "p50", "p95", "paths", "key"});
    for (const auto& p : r.products)
        for (const auto& y : p.years) {
            auto line = [&](const std::string& label, UnitKind unit, const MetricStatistics& m, const std::string& key) {
                out += csv_line({to_string(p.product), std::to_string(y.year), csv_value(y.need), label,
                                 plain_unit(unit, r.currency), csv_value(m.mean), csv_value(m.sd),
                                 csv_value(m.std_error), csv_value(m.p5), csv_value(m.p50), csv_value(m.p95),
                                 std::to_string(m.count), key});
            };
            for (const auto& m : supply_metrics())
                line(m.label, m.unit, m.summary ? statistics_of(y.*(m.summary)) : statistics_of(y.*(m.estimate)), m.key);
            for (std::size_t k = 0; k < y.p_shortfall.size(); ++k)
                line(fmt::format("P(unmet > {} of need)", percent(r.report.shortfall_thresholds[k], 0)),
                     UnitKind::Probability, statistics_of(y.p_shortfall[k]), fmt::format("p_shortfall[{}]", k));
            MetricStatistics cvar;
            cvar.distribution = false;
            cvar.mean = y.cvar95_unmet;
            cvar.count = y.unmet.count;
            line("CVaR 95 % of unmet tonnes", UnitKind::Tonnes, cvar, "cvar95_unmet_tonnes");
            for (const auto& c : y.mining)
                line("Mining share, " + c.country, UnitKind::Percent, statistics_of(c.share),
                     "mining_shares." + c.country);
            for (const auto& c : y.processing)
                line("Processing share, " + c.country, UnitKind::Percent, statistics_of(c.share),
                     "processing_shares." + c.country);
        }
    return out;
}

int run_portfolio_command(const PortfolioArgs& args) {
    const Portfolio pf = load_portfolio_file(args.file);
    const Deal& first = pf.positions.front().deal;
    std::vector<std::string> inputs{args.file};
    for (const auto* list : {&pf.positions, &pf.candidates})
        for (const auto& p : *list)
            for (auto& f : input_files(args.sim, p.deal)) inputs.push_back(std::move(f));
    if (!pf.price_model.empty()) inputs.push_back(pf.price_model);
    check_output_target(args.out, inputs);
    std::uint64_t paths = args.sim.paths ? *args.sim.paths
                          : pf.paths     ? static_cast<std::uint64_t>(*pf.paths)
                                         : planned_paths(args.sim, first);
    ProgressBar bar(static_cast<long>(paths), "paths");
    MonteCarloOptions options = to_options(args.sim, first, &bar);
    // The portfolio's price model, unless the command line names one.
    if (!args.sim.price_model && !pf.price_model.empty()) options.price_model_path = pf.price_model;
    if (args.optimise) {
        if (!pf.optimise)
            throw UsageError(args.file + ": --optimise needs an optimise section in the portfolio file "
                                         "(docs/portfolio.md section 5d)");
        OptimiseResult o;
        try {
            // The exact re-run on independent paths uses the run's path count.
            o = optimise_portfolio(pf, options, paths);
        } catch (const OptimiseInfeasible& e) {
            bar.finish();
            std::fprintf(stderr, "offtake: %s: %s\n", args.file.c_str(), e.what());
            return kTargetNotReached;
        }
        bar.finish();
        if (interrupted()) throw Cancelled();
        const std::string body = args.format == Format::Json  ? to_json(o) + "\n"
                                 : args.format == Format::Csv ? render_optimise_csv(o)
                                                              : render_optimise_table(o);
        emit(args.out, body);
        return kSuccess;
    }
    if (args.what_if) {
        const WhatIfResult w = run_what_if(pf, options);
        bar.finish();
        if (w.base.cancelled || interrupted()) throw Cancelled();
        const std::string body = args.format == Format::Json  ? to_json(w) + "\n"
                                 : args.format == Format::Csv ? render_what_if_csv(w)
                                                              : render_what_if_table(w);
        emit(args.out, body);
        return kSuccess;
    }
    const PortfolioResult r = run_portfolio(pf, options);
    bar.finish();
    if (r.cancelled || interrupted()) throw Cancelled();
    const std::string body = args.format == Format::Json  ? to_json(r) + "\n"
                             : args.format == Format::Csv ? render_csv(r)
                                                          : render_table(r);
    emit(args.out, body);
    return kSuccess;
}

}  // namespace

void add_portfolio_command(CLI::App& app, CommandAction& action) {
    auto args = std::make_shared<PortfolioArgs>();
    CLI::App* cmd = app.add_subcommand(
        "portfolio", "A buyer's supply portfolio: supply, cost and concentration per product and year");
    cmd->add_option("file", args->file, "Portfolio file (docs/portfolio.md)")->required();
    add_simulation_options(*cmd, args->sim, "Simulated paths (default: the portfolio's simulation.paths)");
    add_format_option(*cmd, args->format, {Format::Table, Format::Json, Format::Csv});
    cmd->add_option("--out", args->out, "Write the result to this file (atomically)");
    cmd->add_flag("--what-if", args->what_if,
                  "Remove each signed position, add each candidate, apply each named stress, on the same paths, "
                  "and rank the changes (docs/portfolio.md, What-if)");
    CLI::Option* optimise = cmd->add_flag("--optimise", args->optimise,
                  "Choose the candidates' volumes minimising expected cost of supply under the file's optimise "
                  "constraint, solved by GLPK on the sample, re-run exactly (docs/portfolio.md 5d)");
    optimise->excludes(cmd->get_option("--what-if"));
    cmd->footer(examples_footer({"offtake portfolio examples/portfolio/carmaker-lithium.portfolio.yaml --paths 2000",
                                 "offtake portfolio examples/portfolio/carmaker-lithium.portfolio.yaml --what-if"}));
    cmd->callback([args, &action] { action = [args] { return run_portfolio_command(*args); }; });
}

}  // namespace offtake::cli
