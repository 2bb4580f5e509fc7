// A buyer's portfolio of supply deals as plain data, and the portfolio file that
// describes it (YAML, docs/portfolio.md). A portfolio names the buyer, its needs per
// product and calendar year, and its positions: deal files, and within each deal which
// offtakes, prepayments, equity stakes and guarantees are the buyer's (by the
// counterparty names the deal file uses), where the project's output is mined and
// processed, and the spot market's role.
//
// Loading checks the portfolio file with the same schema-driven reader and the same
// messages as deal files (file:line:column, field path, rule) and loads every deal it
// names (their problems carry the deal file's name). Limits: 512 KiB, a regular file,
// at most 64 positions, 10 products, 60 years per product.
#pragma once

#include <offtake/country_model.hpp>
#include <offtake/deal.hpp>
#include <offtake/errors.hpp>
#include <offtake/export.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace offtake {

// Tonnes the buyer needs of one product in one calendar year.
struct YearNeed {
    int year = 0;
    double tonnes = 0.0;
};

struct ProductNeed {
    Commodity product = Commodity::LithiumCarbonate;
    std::vector<YearNeed> years;  // years increasing
};

// A project's product counted as another product (spodumene concentrate as lithium
// carbonate equivalent): `tonnes_per_tonne` tonnes of `product` per tonne delivered.
struct ProductConversion {
    Commodity product = Commodity::LithiumCarbonate;
    double tonnes_per_tonne = 1.0;
};

// A candidate's offered offtake: the volume the buyer may choose, in tonnes a year.
struct VolumeBounds {
    double min_tpa = 0.0, max_tpa = 0.0;
};

// A project's carbon intensity as the buyer counts it (docs/portfolio.md section 5e).
struct CarbonIntensity {
    double tco2e_per_tonne = 0.0;  // t CO2e per tonne of the product counted (after converts_to)
    std::string source;            // where the figure comes from (required)
    bool meets_standard = false;   // the project meets the portfolio's named standard
};

struct PortfolioPosition {
    std::string deal_file;                 // as written in the portfolio file
    Deal deal;                             // loaded from it (relative to the portfolio file)
    // Counterparty names, as the deal file writes them, whose pieces are the buyer's.
    std::vector<std::string> offtakes;     // offtakes[].buyer
    std::vector<std::string> prepayments;  // prepayment.buyer
    std::vector<std::string> equity;       // equity[].name
    std::vector<std::string> guarantees;   // guarantee.provider
    std::string mining_country;            // ISO 3166-1 alpha-2: the deal's project.country unless given
    std::string processing_country;        // default: the mining country
    std::optional<ProductConversion> converts_to;
    std::optional<CarbonIntensity> carbon;
    // Candidates only: the bounds of the one offtake on offer (its deal-file volume_tpa
    // lies within them).
    std::optional<VolumeBounds> volume;
    // The product the buyer counts these tonnes as (converts_to.product, else the deal's
    // commodity) and how many tonnes of it one delivered tonne is.
    Commodity product() const { return converts_to ? converts_to->product : deal.project.commodity; }
    double tonnes_factor() const { return converts_to ? converts_to->tonnes_per_tonne : 1.0; }
};

// Where the spot market's supply comes from: while `country` restricts exports, the
// buyable spot tonnes fall by share x its restricted share (docs/portfolio.md section 2b).
struct SpotSource {
    std::string country;  // ISO 3166-1 alpha-2, modelled in the portfolio's country_events model
    double share = 0.0;   // of spot supply, in (0, 1]; sources sum to at most 1
};

// What the buyer can buy on the spot market when its contracts fall short.
struct SpotMarket {
    double max_share = 0.0;         // share of the year's need buyable spot, in [0, 1]
    double shortage_premium = 0.0;  // spot top-ups are paid at index x (1 + premium)
    std::vector<SpotSource> sources;
};

struct PortfolioReport {
    std::vector<double> shortfall_thresholds{0.0, 0.05, 0.10, 0.25};  // x: P(unmet > x need)
    double concentration_limit = 0.65;  // the CRMA benchmark's single-third-country share
    double carbon_price = 0.0;          // currency per t CO2e, an internal or border price
    std::string carbon_standard;        // the standard positions' meets_standard refers to
};

// A named stress for what-if (docs/portfolio.md, "What-if"): an export ban by a country
// for a while, or a project that never completes.
struct ExportBanStress {
    std::string country;   // ISO 3166-1 alpha-2: projects mined there
    int from_year = 0;     // from 1 January of that year
    double years = 1.0;    // 365 days a year
    double share = 1.0;    // of output, not exportable while it lasts
};

struct PortfolioStress {
    std::string name;
    std::optional<ExportBanStress> export_ban;
    std::string fails_to_complete;  // a position's or candidate's deal_file; "" for none
};

// The optimiser's problem (docs/portfolio.md section 5d): choose the candidates' volumes
// within their bounds to minimise the expected cost of supply subject to one risk
// constraint, as a sample-average problem on `paths` simulated paths.
enum class OptimiseMeasure {
    PShortfall,   // P(unmet > x of need) <= max, x the first report.shortfall_thresholds
    Cvar95Unmet,  // CVaR 95 % of unmet tonnes <= max
};
enum class OptimiseScope {
    EachYear,  // the constraint holds in every (product, year) cell
    AllYears,  // P: averaged over the cells (the what-if headline); CVaR: of the path's sum over cells
};
OFFTAKE_API const char* to_string(OptimiseMeasure m);
OFFTAKE_API const char* to_string(OptimiseScope s);

struct OptimiseSpec {
    OptimiseMeasure measure = OptimiseMeasure::PShortfall;
    double max = 0.0;                  // probability, or tonnes
    OptimiseScope over = OptimiseScope::EachYear;
    long paths = 500;                  // the sample of the sample-average problem
    double volume_step = 0.0;          // t/yr: volumes min + k x step; 0 = any volume in the bounds
    double time_limit_s = 60.0;        // the solver's limit (wall seconds)
};

struct Portfolio {
    std::string source;                    // the portfolio file ("" if built in code)
    std::string buyer;
    std::string currency = "USD";          // every position's deal must be in it
    std::string price_model;               // "" = the deals' own; else relative to the portfolio file
    std::vector<ProductNeed> needs;
    std::vector<PortfolioPosition> positions;
    std::vector<PortfolioPosition> candidates;  // on offer, not signed (each with `volume`)
    std::vector<PortfolioStress> stresses;
    std::optional<OptimiseSpec> optimise;  // the optimiser's problem, if the file states one
    // Export restrictions by country (country_events.model): a position processed outside
    // its mining country loses the processing country's restricted share of its tonnes,
    // and spot supply from a restricting country is lost in that share (section 2b).
    std::shared_ptr<const CountryModelSpec> countries;
    SpotMarket spot;
    PortfolioReport report;
    std::optional<long> paths;             // simulation.paths; default the first deal's
    std::optional<unsigned long long> seed;
};

// Loads and validates a portfolio file and every deal file it names; throws DealError
// listing every problem (the portfolio's with its own file name, a deal's with the deal
// file's).
OFFTAKE_API Portfolio load_portfolio_file(const std::string& path);
// The problems of a portfolio file (empty: valid), deals included.
OFFTAKE_API std::vector<Problem> validate_portfolio_file(const std::string& path);
// Whether an ISO 3166-1 alpha-2 code is an EU member state (models/eu_member_states.yaml,
// compiled in): every other country is a third country in the sense of Regulation (EU)
// 2024/1252.
OFFTAKE_API bool is_eu_member_state(const std::string& code);
OFFTAKE_API std::vector<std::string> eu_member_states();

// The portfolio file's schema as a Markdown table (docs/portfolio.md embeds it).
OFFTAKE_API std::string portfolio_schema_markdown();

}  // namespace offtake
