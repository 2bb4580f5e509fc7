// A deal as plain data: the project, its price deck, its financing and its offtakes.
//
// This is the contract between the deal-file loader (io/), the engines (waterfall/,
// montecarlo/) and the C API. Field names are the deal file's YAML keys, so that
// `offtakes[0].pricing.floor` in a file, an error message and the C API's parameter
// paths all say the same thing. Units: money in the deal's currency (USD unless
// stated), tonnes of saleable product, prices per tonne, rates as fractions
// (0.08 = 8 %), margins and fees in basis points where the name says `_bps`.
// Meanings follow docs/conventions.md (sections cited below).
#pragma once

#include <offtake/export.h>
#include <offtake/time_grid.hpp>

#include <ql/time/date.hpp>

#include <optional>
#include <string>
#include <vector>

namespace offtake {

enum class Commodity {
    LithiumCarbonate,      // lithium_carbonate
    LithiumHydroxide,      // lithium_hydroxide
    SpodumeneConcentrate,  // spodumene_concentrate
    CopperCathode,         // copper_cathode
    CopperConcentrate      // copper_concentrate
};

// A value that may change by operating year: `values[k]` applies to operating year
// k+1; past the end of the list the last value holds. Empty means zero.
using YearlyValues = std::vector<double>;

struct Project {
    std::string name;
    // ISO 4217 code of every amount in the deal (three capital letters); the engine never
    // converts currencies, it labels its outputs with this.
    std::string currency = "USD";
    // ISO 3166-1 alpha-2 code of the country the mine is in ("" when not stated). Country
    // events (docs/risks.md) are keyed by it, so projects in one country share them.
    std::string country;
    Commodity commodity = Commodity::LithiumCarbonate;
    TimeConventions time;
    int construction_periods = 0;         // periods before COD
    int mine_life_years = 0;              // operating years after COD
    YearlyValues production_tpa;          // saleable tonnes per operating year (ramp-up included)
    std::vector<double> construction_capex;  // per construction period, in start-date money
    YearlyValues sustaining_capex;        // per operating year, start-date money
    YearlyValues fixed_opex;              // per operating year, start-date money
    double unit_opex = 0.0;               // per tonne produced, start-date money
    double inflation = 0.0;               // cost escalation per year (section 1)
    double royalty_rate = 0.0;            // gross-revenue royalty (section 3)
    double tax_rate = 0.0;                // income tax with losses carried forward
    double depreciation_years = 10.0;     // straight line from COD (construction capex)
    double working_capital_days = 0.0;    // receivables, days of revenue
    double closure_cost = 0.0;            // start-date money, paid in the last period
};

// The base-case price deck (section 3); the stochastic models start from it.
struct PriceDeck {
    enum class Type { Flat, Table, Curve };
    struct YearPrice { int year = 0; double price = 0.0; };            // calendar year
    struct DatePrice { QuantLib::Date date; double price = 0.0; };    // forward curve point
    Type type = Type::Flat;
    double price = 0.0;                    // flat
    std::vector<YearPrice> table;          // price by calendar year, last one holds
    std::vector<DatePrice> curve;          // forward curve, linear in time between points, flat outside
    double spot_discount = 0.0;            // marketing discount on spot sales
};

// Section 2.
struct Discounting {
    struct ZeroPoint { double tenor_years = 0.0; double rate = 0.0; };
    std::optional<double> rate;            // flat, annual compounding, Actual/365F
    std::vector<ZeroPoint> zero_curve;     // alternative to rate: annual-compounded zero rates
    double cost_of_equity = 0.10;          // equity NPV discount rate (annual)
};

// Section 4.
struct Pricing {
    enum class Type { Fixed, Index, Collar };
    Type type = Type::Index;
    double price = 0.0;                    // fixed: K_0
    double discount = 0.0;                 // index and collar: share off the index
    double discount_abs = 0.0;             // index: amount per tonne off the index
    std::optional<double> floor;           // collar: either side may be open
    std::optional<double> cap;
    double escalation = 0.0;               // per year; applies to fixed price
    bool escalate_floor_cap = false;       // collar bounds escalate too
};

struct Offtake {
    std::string buyer;
    std::optional<double> volume_tpa;      // either tonnes per year...
    std::optional<double> share;           // ...or a share of production
    std::optional<QuantLib::Date> start;   // default: COD
    std::optional<QuantLib::Date> end;     // default: end of mine life
    int priority = 1;                      // lower is served first
    Pricing pricing;
    double take_or_pay = 0.0;              // theta
    double shortfall_penalty = 0.0;        // times price times undelivered tonnes
    std::optional<double> buyer_pd;        // annual default probability
    std::optional<std::string> buyer_rating;  // alternative: mapped through models/ratings.yaml
    double recovery = 0.4;                 // share of the default period's receivable recovered
};

// Section 5.
struct Prepayment {
    std::string buyer;                     // must name an offtake's buyer
    double amount = 0.0;
    std::optional<QuantLib::Date> draw_date;  // default: start
    double rate = 0.0;                     // simple per period
    double deduction_share = 1.0;          // share of that buyer's invoices deducted
    bool counts_as_debt_service = true;
};

// Section 6.
struct EquityInvestor {
    std::string name;
    double share = 0.0;                    // shares sum to 1
};

// A deal that names no equity investors has one, holding all the equity, under this
// name: the loader (a file without `equity`) and prepare() (a Deal built in code with
// none) both give it, so a deal reads the same however it was made (docs/deal-file.md).
inline constexpr const char* kDefaultEquityInvestor = "sponsor";
inline EquityInvestor default_equity_investor() { return EquityInvestor{kDefaultEquityInvestor, 1.0}; }

// Section 8 and docs/credit.md: what happens when the project cannot pay. Every field has
// a default (docs/credit.md gives each one's source, or says it is an assumption).
struct DefaultRemedies {
    enum class Response { Restructure, Enforce, Best };
    double cure_days = 3.0;                // a payment shortfall not cured within this is an event of default
    Response response = Response::Best;    // the lenders' rule at an event of default
    double max_extension_years = 3.0;      // restructure: the sweep may run this long past legal maturity
    double distressed_discount_rate = 0.15;  // enforce: the going-concern value's discount rate, per year
    double enforcement_cost = 0.10;        // enforce: share of that value spent on the sale
    std::optional<double> recovery_discount_rate;  // recoveries to the default date; absent: base rate + 5 %
};

// Section 8: the sponsors' cash deficiency support after completion. Without it the
// senior debt is non-recourse: no sponsor money covers an operating deficit.
struct SponsorSupport {
    enum class Ranking { Subordinated, Senior };
    double amount = 0.0;                   // total draws allowed (not revolving)
    double term_years = 0.0;               // available from COD for this long
    Ranking ranking = Ranking::Subordinated;  // repaid after (subordinated) or before (senior) senior debt service
};

// docs/credit.md section 7: a debt tranche ranked below the senior debt (the `debt`
// section itself is the senior tranche). Drawn pro rata with construction capex beside the
// senior loan, interest capitalised during construction; in operations paid after senior
// debt service and the DSRA top-up (subordinated: before the lock-up test; shareholder
// loans: after it, last before distributions).
struct DebtTranche {
    enum class Priority { Senior, Subordinated, Shareholder };
    enum class Profile { Annuity, StraightLine, Bullet };
    std::string name;
    Priority priority = Priority::Subordinated;
    std::optional<double> gearing;         // share of each construction period's capex drawn...
    std::optional<double> amount;          // ...or a commitment drawn pro rata with construction capex
    double tenor_years = 0.0;              // from COD to final maturity
    int grace_periods = 0;                 // interest-only periods after COD
    Profile profile = Profile::Annuity;
    std::optional<double> base_rate;       // fixed; absent: forward from the discount curve
    double margin_bps = 0.0;
    double upfront_fee_bps = 0.0;          // on the commitment, at financial close
    double commitment_fee_bps = 0.0;       // per year on the undrawn commitment during construction
};

// At most this many tranches below the senior debt (the waterfall keeps their state on
// the stack).
inline constexpr int kMaxJuniorTranches = 7;

// Section 7.
struct SeniorDebt {
    enum class Profile { Annuity, StraightLine, Sculpted };
    enum class Idc { Capitalised, Equity };
    double gearing = 0.0;                  // share of construction capex drawn; a cap when sculpted (section 7)
    double tenor_years = 0.0;              // from COD to final maturity
    int grace_periods = 0;                 // interest-only periods after COD
    Profile profile = Profile::Annuity;
    double target_dscr = 1.35;             // sculpted
    std::optional<double> base_rate;       // fixed base rate; absent: forward from the discount curve
    double margin_bps = 0.0;
    double upfront_fee_bps = 0.0;          // on the commitment, paid at financial close
    double commitment_fee_bps = 0.0;       // per year on the undrawn commitment during construction
    Idc idc = Idc::Capitalised;
    double dsra_months = 6.0;
    double lockup_dscr = 1.10;
    double covenant_dscr = 1.20;           // reported as P(min DSCR < covenant)
    std::optional<DefaultRemedies> on_default;  // absent: DefaultRemedies{} (the defaults)
    std::string name = "senior";           // the senior tranche's name in per-tranche outputs
    std::vector<DebtTranche> tranches;     // ranked below this senior debt (docs/credit.md section 7)
};

// Section 7: export-credit agency, government or development-bank cover.
struct Guarantee {
    std::string provider;
    double cover = 0.0;                    // share g of scheduled debt service
    double fee_bps = 0.0;                  // per year on the guaranteed balance
    double margin_bps = 0.0;               // margin on the covered share (replaces the loan margin there)
};

// Section 7: sustainability-linked margin.
struct Kpi {
    struct YearTarget { int year = 0; double value = 0.0; };  // operating year
    std::string name;
    bool higher_is_better = true;
    std::vector<YearTarget> targets;       // SPTs by operating year
    std::vector<YearTarget> planned;       // the plan
    std::optional<double> probability_met; // stochastic: P(meeting each SPT)
    double step_up_bps = 0.0;              // added to the margin when missed
    double step_down_bps = 0.0;            // taken off the margin when met
};

struct SustainabilityLinkedMargin {
    std::vector<Kpi> kpis;
};

// What the user states for the bankability scorecard (no model measures these).
// Scores 0-100; absent means the scorecard's neutral value.
struct Assessment {
    std::optional<double> country_risk;
    std::optional<double> sponsor_strength;
    std::optional<double> esg_standing;
};

// docs/risks.md section 1: the mine's country may stop part of its exports for a while.
// The events (arrivals, durations, the share of output that cannot be exported) are the
// country's, from a models/country file; what the project does with the tonnes it cannot
// export is the deal's.
struct ExportRestrictions {
    enum class Response {
        DomesticSale,  // sold in the country at the index less the domestic discount
        Stockpile,     // mined and held; sold spot in the first period without a restriction
        Stop           // not mined: no revenue and no unit opex on those tonnes
    };
    std::string model;                         // path to a models/country file, relative to the deal file
    Response response = Response::DomesticSale;
    std::optional<double> domestic_discount;   // absent: the country model's
};

// docs/risks.md section 2: construction cost overrun and delay, and who funds the overrun.
// The overrun factor F on construction capex is lognormal with E[F] = 1 + overrun_mean
// and sd(ln F) = overrun_sigma; with probability delay_probability construction takes
// longer by a share of its planned periods (lognormal with mean delay_mean_share and
// sd(ln) delay_sigma, capped at delay_max_share). Overruns are funded by the sponsors'
// completion support up to its cap, then by the cost-overrun facility up to its, and an
// overrun left unfunded is a default before completion.
struct CompletionRisk {
    double overrun_mean = 0.0;
    double overrun_sigma = 0.0;
    double delay_probability = 0.0;
    double delay_mean_share = 0.0;
    double delay_sigma = 0.0;
    double delay_max_share = 1.0;
    double completion_support = 0.0;       // sponsors' cap on overrun funding, until the (delayed) COD
    double overrun_facility = 0.0;         // senior standby facility drawn after the support
};

// docs/risks.md section 3: production = plan x a per-path factor, the product of a
// ramp-up shortfall and a persistent operating shock. With probability
// rampup_probability the ramp-up falls short: depth D = min(1, m e^{s Z - s^2 / 2})
// (lognormal, mean m = rampup_shortfall_mean, sd(ln) s = rampup_shortfall_sigma) at COD,
// caught up linearly over rampup_years but for the share rampup_permanent_share of D,
// which stays for the mine's life. The operating shock is e^{x_t - v / 2} with x an
// AR(1) in the operating periods, stationary sd(x) = operating_sigma and autocorrelation
// operating_autocorrelation over one year, so E[shock] = 1.
struct ProductionRisk {
    double rampup_probability = 0.0;
    double rampup_shortfall_mean = 0.0;
    double rampup_shortfall_sigma = 0.0;
    double rampup_years = 0.0;
    double rampup_permanent_share = 0.0;
    double operating_sigma = 0.0;
    double operating_autocorrelation = 0.0;
};

// docs/risks.md section 3b: buyers' default times coupled by a one-factor Gaussian
// copula (Li 2000; Vasicek 2002). Buyer i's latent variable X_i = sqrt(rho) M +
// sqrt(1 - rho) Z_i, M the path's systematic factor named `factor` (deals and portfolio
// projects naming the same factor share it), Z_i the buyer's own, both standard normal;
// default time tau_i = -ln(Phi(-X_i)) / h_i, so P(tau_i <= T) = 1 - e^{-h_i T} as without
// the section and P(tau_i <= T, tau_j <= T) = Phi_2(Phi^-1(p_i), Phi^-1(p_j); rho).
struct CounterpartyDependence {
    std::string factor = "credit_cycle";
    double asset_correlation = 0.0;        // rho in [0, 1)
};

// Monte Carlo settings carried by the deal file; the command line may override them.
struct SimulationSettings {
    std::string price_model;               // path to a models/ file, relative to the deal file
    long paths = 10000;
    unsigned long long seed = 1;
    std::string measure = "real_world";    // real_world | risk_neutral | lenders_case
};

struct Deal {
    std::string source;                    // the file it was read from ("" if built in code)
    Project project;
    PriceDeck price_deck;
    Discounting discounting;
    std::vector<Offtake> offtakes;
    std::optional<Prepayment> prepayment;
    std::vector<EquityInvestor> equity;
    std::optional<SeniorDebt> debt;
    std::optional<Guarantee> guarantee;
    std::optional<SponsorSupport> sponsor_support;
    std::optional<SustainabilityLinkedMargin> sustainability_linked_margin;
    std::optional<ExportRestrictions> export_restrictions;
    std::optional<CompletionRisk> completion_risk;
    std::optional<ProductionRisk> production_risk;
    std::optional<CounterpartyDependence> counterparty_dependence;
    Assessment assessment;
    SimulationSettings simulation;
};

OFFTAKE_API const char* to_string(Commodity c);

}  // namespace offtake
