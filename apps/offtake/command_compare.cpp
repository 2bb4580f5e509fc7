// offtake compare DEAL...: deals side by side on common random numbers, with each
// deal's difference to the first one and the standard error of that difference.
#include "command.hpp"
#include "deal_label.hpp"
#include "exit_codes.hpp"
#include "number_format.hpp"
#include "output_file.hpp"
#include "simulation_args.hpp"
#include "simulation_tables.hpp"
#include "text_table.hpp"

#include <offtake/deal_file.hpp>
#include <offtake/montecarlo.hpp>
#include <offtake/result_json.hpp>

#include <fmt/format.h>

#include <memory>

namespace offtake::cli {

namespace {

struct CompareArgs {
    std::vector<std::string> deals;
    SimulationArgs sim;
    Format format = Format::Table;
    std::optional<std::string> out;
};

std::string diff_cell(Unit unit, const Estimate& e) {
    if (e.paths == 0) return kAbsent;
    if (unit == Unit::Rate)
        return fmt::format("{} ± {}", thousands(e.value * 100, 2), thousands(e.standard_error * 100, 2));
    if (unit == Unit::Money)
        return fmt::format("{} ± {}", millions(e.value, 1), millions(e.standard_error, 1));
    return fmt::format("{} ± {}", thousands(e.value, 3), thousands(e.standard_error, 3));
}

std::string render_table(const CompareArgs& args, const DealComparison& c) {
    std::vector<std::string> header{"metric", "unit"};
    for (const auto& d : args.deals) header.push_back(deal_label(d));
    TextTable t(header);
    t.set_align(1, TextTable::Align::Left);
    auto row = [&](const std::string& name, Unit unit, auto get) {
        std::vector<std::string> cells{name, unit_label(unit)};
        for (const auto& r : c.results) cells.push_back(format_value(unit, get(r)));
        t.add_row(cells);
    };
    auto prob_row = [&](const std::string& name, auto get) {
        std::vector<std::string> cells{name, "%"};
        for (const auto& r : c.results) {
            const Estimate& e = get(r);
            cells.push_back(e.paths ? percent(e.value, 2) : kAbsent);
        }
        t.add_row(cells);
    };
    using R = SimulationResult;
    row("Project NPV, mean", Unit::Money, [](const R& r) { return r.npv.mean; });
    row("Project NPV, P10", Unit::Money, [](const R& r) { return r.npv.p10; });
    row("Project IRR, P50", Unit::Rate, [](const R& r) { return r.irr.p50; });
    row("Sponsor equity NPV, mean", Unit::Money, [](const R& r) {
        return r.equity_npv.empty() ? std::optional<double>() : r.equity_npv[0].mean;
    });
    row("Sponsor equity IRR, P50", Unit::Rate, [](const R& r) {
        return r.equity_irr.empty() ? std::optional<double>() : r.equity_irr[0].p50;
    });
    row("Min DSCR, P10", Unit::Ratio, [](const R& r) { return r.dscr_min.p10; });
    row("Min DSCR, P50", Unit::Ratio, [](const R& r) { return r.dscr_min.p50; });
    row("LLCR at COD, P50", Unit::Ratio, [](const R& r) { return r.llcr.p50; });
    row("Peak senior debt, mean", Unit::Money, [](const R& r) { return r.peak_debt.mean; });
    prob_row("P(min DSCR < 1.00x)", [](const R& r) -> const Estimate& { return r.p_dscr_below_1; });
    prob_row("P(payment default)", [](const R& r) -> const Estimate& { return r.p_default; });
    prob_row("Expected lender loss, net", [](const R& r) -> const Estimate& { return r.expected_loss_net; });
    row("Buyer price paid, mean", Unit::PricePerTonne, [](const R& r) {
        return r.buyers.empty() ? std::optional<double>() : r.buyers[0].price_paid.mean;
    });
    row("Buyer premium over spot, mean", Unit::PricePerTonne, [](const R& r) {
        return r.buyers.empty() ? std::optional<double>() : r.buyers[0].price_premium.mean;
    });
    {
        std::vector<std::string> cells{"Bankability score", "/100"};
        for (const auto& r : c.results)
            cells.push_back(r.bankability ? fmt::format("{} {}", thousands(r.bankability->score, 1),
                                                        r.bankability->category)
                                          : kAbsent);
        t.add_row(cells);
    }

    std::string out = simulation_header(c.results.front()) +
                      "All deals use the same seed and path indices (common random numbers).\n\n" +
                      t.render();

    if (c.results.size() > 1) {
        std::vector<std::string> dh{"difference to " + deal_label(args.deals[0]), "unit"};
        for (std::size_t k = 1; k < args.deals.size(); ++k) dh.push_back(deal_label(args.deals[k]));
        TextTable d(dh);
        d.set_align(1, TextTable::Align::Left);
        auto drow = [&](const std::string& name, const std::string& unit, Unit u, auto get) {
            std::vector<std::string> cells{name, unit};
            for (std::size_t k = 1; k < c.differences.size(); ++k)
                cells.push_back(diff_cell(u, get(c.differences[k])));
            d.add_row(cells);
        };
        using D = PairedDifferences;
        drow("Project NPV, mean", "USD m", Unit::Money, [](const D& x) -> const Estimate& { return x.npv; });
        drow("Project IRR, mean", "pts", Unit::Rate, [](const D& x) -> const Estimate& { return x.irr; });
        drow("Min DSCR, mean", "x", Unit::Ratio, [](const D& x) -> const Estimate& { return x.dscr_min; });
        drow("P(payment default)", "pts", Unit::Rate, [](const D& x) -> const Estimate& { return x.p_default; });
        drow("Expected lender loss, net", "pts", Unit::Rate, [](const D& x) -> const Estimate& { return x.expected_loss_net; });
        out += "\nPaired differences (mean ± standard error over the same paths):\n" + d.render();
    }
    return out;
}

std::string render_csv(const CompareArgs& args, const DealComparison& c) {
    std::string out;
    for (std::size_t k = 0; k < c.results.size(); ++k) {
        std::string body = simulation_csv(c.results[k]);
        // Prefix each line with the deal's label; the header once.
        std::size_t pos = 0;
        bool first = true;
        while (pos < body.size()) {
            std::size_t end = body.find('\n', pos);
            std::string line = body.substr(pos, end - pos);
            if (first) {
                if (k == 0) out += "deal," + line + "\n";
            } else {
                out += csv_field(deal_label(args.deals[k])) + "," + line + "\n";
            }
            first = false;
            pos = end + 1;
        }
    }
    return out;
}

int run_compare(const CompareArgs& args) {
    std::vector<Deal> deals;
    for (const auto& path : args.deals) deals.push_back(load_deal_file(path));
    std::uint64_t paths = planned_paths(args.sim, deals.front());
    ProgressBar bar(static_cast<long>(paths * deals.size()), "paths");
    // compare() reports progress per deal; scale it to the whole job. All deals share
    // the first one's price model: common random numbers need one model.
    MonteCarloOptions options = to_options(args.sim, deals.front(), nullptr);
    track_successive_runs(options, bar);
    DealComparison c = compare(deals, options);
    bar.finish();
    for (const auto& r : c.results) check_not_cancelled(r);
    std::string body;
    if (args.format == Format::Json) {
        std::vector<const Deal*> pointers;
        for (const auto& d : deals) pointers.push_back(&d);
        body = to_json(c, pointers) + "\n";
    } else {
        body = args.format == Format::Csv ? render_csv(args, c) : render_table(args, c);
    }
    emit(args.out, body);
    return kSuccess;
}

}  // namespace

void add_compare_command(CLI::App& app, CommandAction& action) {
    auto args = std::make_shared<CompareArgs>();
    CLI::App* cmd = app.add_subcommand(
        "compare", "Compare deals (term sheets) side by side on common random numbers");
    cmd->add_option("deal", args->deals, "Two or more deal files; the first is the baseline")
        ->required()
        ->expected(2, 64);
    add_simulation_options(*cmd, args->sim, "Simulated price paths (default: the first deal's simulation.paths)");
    add_format_option(*cmd, args->format, {Format::Table, Format::Json, Format::Csv});
    cmd->add_option("--out", args->out, "Write the result to this file (atomically)");
    cmd->footer(examples_footer({"offtake compare examples/procurement/fixed.yaml "
                                 "examples/procurement/collar-prepay.yaml "
                                 "examples/procurement/index-equity-eca.yaml --paths 2000"}));
    cmd->callback([args, &action] { action = [args] { return run_compare(*args); }; });
}

}  // namespace offtake::cli
