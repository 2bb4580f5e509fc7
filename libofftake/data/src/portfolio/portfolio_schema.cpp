#include "portfolio/portfolio_schema.hpp"

#include "io/schema_builders.hpp"

namespace offtake::io {

namespace {

using namespace schema;

constexpr double kTonnes = 1e9;  // per year

// The products a need or a conversion may name: the deal file's commodities.
std::vector<std::string> products() {
    return {"lithium_carbonate", "lithium_hydroxide", "spodumene_concentrate", "copper_cathode", "copper_concentrate"};
}

Field counterparty_list(std::string key, std::string doc) {
    return list(std::move(key), text("").doc("counterparty name"), 100).def("[]").doc(std::move(doc));
}

Field build() {
    Field need = map("", {
        choice("product", products()).req().doc("the product needed; tonnes of it"),
        list("years", map("", {
                 integer("year").req().range(1950, 2150).doc("calendar year"),
                 number("tonnes").req().range(0, kTonnes).unit("t").doc("tonnes needed in that year"),
             }), kMaxNeedYears, 1).req().doc("need per calendar year, years increasing"),
    });
    // A signed position and a candidate share their fields; a candidate adds the volume
    // bounds of the offtake on offer.
    std::vector<Field> position_fields = {
        text("deal").req().doc("deal file, relative to the portfolio file's folder"),
        counterparty_list("offtakes", "buyers (offtakes[].buyer in the deal) whose offtakes are this buyer's"),
        counterparty_list("prepayments", "buyer of the deal's prepayment, if the buyer made it"),
        counterparty_list("equity", "equity investors (equity[].name) that are the buyer's stakes"),
        counterparty_list("guarantees", "guarantee provider (guarantee.provider) if the buyer stands behind it"),
        text("mining_country").doc("ISO 3166-1 alpha-2 code of the mine's country; only when the deal "
                                   "states no project.country, and then required"),
        text("processing_country").doc("ISO 3166-1 alpha-2 code of where the product is processed; "
                                       "default the mining country"),
        map("converts_to", {
            choice("product", products()).req().doc("the product the buyer counts these tonnes as"),
            number("tonnes_per_tonne").req().range(0, 100).open_lo().unit("t/t")
                .doc("tonnes of that product per tonne delivered"),
        }).doc("counts the deal's product as another (e.g. spodumene as lithium carbonate equivalent)"),
        map("carbon", {
            number("intensity").req().range(0, 1000).unit("t CO2e/t")
                .doc("t CO2e per tonne of the product counted (after converts_to)"),
            text("source").req().doc("where the figure comes from"),
            boolean("meets_standard").def("false").doc("the project meets report.carbon_standard"),
        }).doc("the project's carbon intensity (docs/portfolio.md section 5e)"),
    };
    Field position = map("", position_fields);
    std::vector<Field> candidate_fields = position_fields;
    candidate_fields.push_back(map("volume_tpa", {
        number("min").req().range(0, kTonnes).unit("t/yr").doc("the least volume the seller would sign"),
        number("max").req().range(0, kTonnes).open_lo().unit("t/yr").doc("the most volume on offer"),
    }).req().doc("bounds of the offered offtake's volume_tpa (the deal file's volume lies within them)"));
    Field candidate = map("", candidate_fields);
    Field stress = map("", {
        text("name").req().doc("the stress's name in the what-if table"),
        map("export_ban", {
            text("country").req().doc("ISO 3166-1 alpha-2 code: every project mined there is banned"),
            integer("from_year").req().range(1950, 2150).doc("the ban starts on 1 January of this year"),
            number("years").req().range(0, 50).open_lo().unit("years").doc("how long it lasts (365 days a year)"),
            number("share").range(0, 1).open_lo().def("1").unit("fraction")
                .doc("share of each project's output that cannot be exported while it lasts"),
        }).doc("an export ban by a country for a while"),
        text("fails_to_complete").doc("a position's or candidate's deal (as written under deal): the project is "
                                      "abandoned at its completion date on every path"),
    });
    Field spot = map("spot", {
        number("max_share").range(0, 1).def("0").unit("fraction")
            .doc("share of each year's need the buyer can buy spot"),
        number("shortage_premium").range(0, 10).def("0").unit("fraction")
            .doc("spot top-ups paid at the index x (1 + premium)"),
        list("sources", map("", {
                 text("country").req().doc("ISO 3166-1 alpha-2 code, modelled in country_events.model"),
                 number("share").req().range(0, 1).open_lo().unit("fraction").doc("share of spot supply from it"),
             }), 20).def("[]")
            .doc("where spot supply comes from: lost in a country's restricted share while it restricts exports"),
    }).doc("the spot market's role; absent: no spot top-ups");
    Field country_events = map("country_events", {
        text("model").req().doc("country model file (models/country/*.yaml), relative to the portfolio file's folder"),
    }).doc("export restrictions of processing countries and spot sources (docs/portfolio.md section 2b)");
    Field report = map("report", {
        list("shortfall_thresholds", number("").range(0, 1).open_hi().unit("fraction"), 10, 1)
            .def("[0, 0.05, 0.1, 0.25]").unit("fraction")
            .doc("x of P(unmet tonnes > x of need), one row each"),
        number("concentration_limit").range(0, 1).open_lo().def("0.65").unit("fraction")
            .doc("single-third-country share tested (the CRMA benchmark, Regulation (EU) 2024/1252)"),
        number("carbon_price").range(0, 1e5).def("0").unit("money/t CO2e")
            .doc("an internal or border carbon price on the contracted supply's emissions"),
        text("carbon_standard").doc("the standard (or the buyer's own list) that carbon.meets_standard refers to"),
    }).doc("what is reported");
    Field simulation = map("simulation", {
        text("price_model").doc("one price model for every deal, relative to the portfolio file's folder; "
                                "absent: the deals' own (they must name one file)"),
        integer("paths").range(1, 100000000).doc("Monte Carlo paths; default the first deal's"),
        integer("seed").range(0, 9007199254740991.0).doc("random seed; default the first deal's"),
    }).doc("Monte Carlo settings; the command line may override them");
    // The optimiser's problem (docs/portfolio.md section 5d): exactly one constraint.
    auto scope = [] {
        return choice("over", {"each_year", "all_years"}).def("each_year")
            .doc("each_year: in every need year; all_years: P averaged over the need years, CVaR of their sum");
    };
    Field optimise = map("optimise", {
        map("p_shortfall", {
            number("max").req().range(0, 1).open_hi().unit("fraction")
                .doc("the most P(unmet > x of need) allowed, x the first report.shortfall_thresholds"),
            scope(),
        }).doc("constraint: P(shortfall) at most max (a MIP: one binary per path and need year)"),
        map("cvar95_unmet", {
            number("max").req().range(0, kTonnes).unit("t").doc("the most CVaR 95 % of unmet tonnes allowed"),
            scope(),
        }).doc("constraint: CVaR 95 % of unmet tonnes at most max (Rockafellar-Uryasev)"),
        integer("paths").range(1, 20000).def("500").doc("paths of the sample-average problem (seed as the run's)"),
        number("volume_step").range(0, kTonnes).def("0").unit("t/yr")
            .doc("volumes are min + k x step (k whole); 0: any volume within the bounds"),
        number("time_limit").range(1, 3600).def("60").unit("s").doc("the solver's time limit"),
    }).doc("the optimiser (--optimise): candidate volumes minimising expected cost of supply under one constraint");
    return map("", {
        text("buyer").req().doc("the buyer whose supply this is"),
        text("currency").def("USD").doc("ISO 4217 code; every position's deal must be in it"),
        list("needs", need, kMaxProducts, 1).req().doc("tonnes needed per product and year; one entry per product"),
        list("positions", position, kMaxPositions, 1).req().doc("the buyer's signed positions"),
        spot, report, simulation, country_events,
        list("candidates", candidate, kMaxPositions).def("[]")
            .doc("positions on offer, not signed: what-if adds each; each names one offtake and its volume bounds"),
        list("stresses", stress, kMaxStresses).def("[]")
            .doc("named stresses for what-if: each gives export_ban or fails_to_complete"),
        optimise,
    });
}

}  // namespace

const Field& portfolio_schema() {
    static const Field schema = build();  // immutable after first use
    return schema;
}

}  // namespace offtake::io
