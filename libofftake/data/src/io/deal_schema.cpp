#include "io/deal_schema.hpp"
#include "io/schema_builders.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace offtake::io {

const char* kind_name(Kind k) {
    switch (k) {
        case Kind::Number: return "number";
        case Kind::Integer: return "integer";
        case Kind::String: return "string";
        case Kind::Bool: return "boolean";
        case Kind::Date: return "date";
        case Kind::Enum: return "choice";
        case Kind::Map: return "map";
        case Kind::List: return "list";
    }
    return "value";
}

const Field* Field::child(std::string_view key) const {
    for (const auto& f : fields)
        if (f.name == key) return &f;
    return nullptr;
}

namespace {
std::string num(double v) {
    if (std::fabs(v) >= 1e6 && std::fabs(v) == std::floor(std::fabs(v))) {
        // 1000000000000 reads better as 1e12
        int e = static_cast<int>(std::floor(std::log10(std::fabs(v))));
        if (std::pow(10.0, e) == std::fabs(v)) return fmt::format("{}1e{}", v < 0 ? "-" : "", e);
    }
    return fmt::format("{}", v);
}
}  // namespace

std::string Field::range_text() const {
    bool lo = std::isfinite(min), hi = std::isfinite(max);
    if (lo && hi)
        return fmt::format("in {}{}, {}{}", min_open ? "(" : "[", num(min), num(max), max_open ? ")" : "]");
    if (lo) return fmt::format("{} {}", min_open ? ">" : ">=", num(min));
    if (hi) return fmt::format("{} {}", max_open ? "<" : "<=", num(max));
    return "";
}

bool Field::in_range(double v) const {
    if (min_open ? !(v > min) : !(v >= min)) return false;
    if (max_open ? !(v < max) : !(v <= max)) return false;
    return true;
}

namespace {

using namespace schema;

constexpr double kMoney = 1e12;     // one trillion in the deal's currency
constexpr double kTonnes = 1e9;     // per year
constexpr double kPrice = 1e7;      // per tonne
constexpr double kMaxBps = 5000;    // 50 %

Field money_item() { return number("").range(0, kMoney).unit("money").doc("amount"); }

Field year_values(std::string name, std::string unit, std::string doc, double max) {
    return list(std::move(name), number("").range(0, max).unit(unit), 100)
        .unit(std::move(unit)).doc(std::move(doc)).def("[]").sec("3");
}

Field build_schema() {
    Field time = map("time", {
        date("start").req().doc("financial close; period 1 starts here").sec("1"),
        choice("frequency", {"annual", "semiannual", "quarterly", "monthly"}).def("quarterly")
            .doc("periods per year").sec("1"),
        // The calendars time/conventions.cpp builds (keep the two lists equal).
        choice("calendar", {"null", "weekends_only", "target", "united_states", "united_kingdom", "australia",
                            "canada", "chile", "china", "germany", "japan", "south_africa"})
            .def("null").doc("holiday calendar for date adjustment").sec("1"),
        choice("business_day_convention",
               {"unadjusted", "following", "modified_following", "preceding", "modified_preceding"})
            .def("unadjusted").doc("how period end dates roll off holidays").sec("1"),
        choice("day_counter", {"actual365fixed", "actual360", "thirty360", "actualactual"})
            .def("actual365fixed").doc("year fraction of each period").sec("1"),
    }).req().doc("period grid");

    Field project = map("project", {
        text("name").def("").doc("project name, echoed in reports"),
        text("currency").def("USD")
            .doc("ISO 4217 code (three capital letters) of every amount in the file; labels the outputs, never converted"),
        text("country").def("")
            .doc("ISO 3166-1 alpha-2 code (two capital letters, an assigned code such as AU, CL, US) of the mine's country; "
                 "country events are keyed by it"),
        choice("commodity", {"lithium_carbonate", "lithium_hydroxide", "spodumene_concentrate",
                             "copper_cathode", "copper_concentrate"})
            .req().doc("saleable product; prices and tonnes refer to it"),
        time,
        integer("construction_periods").req().range(1, 240).unit("periods")
            .doc("periods before COD (commercial operation date)").sec("1"),
        integer("mine_life_years").req().range(1, 100).unit("years").doc("operating years after COD").sec("1"),
        list("production_tpa", number("").range(0, kTonnes).unit("t/yr"), 100, 1).req().unit("t/yr")
            .doc("saleable tonnes per operating year, ramp-up included; the last value holds").sec("3"),
        list("construction_capex", money_item(), 240, 1).req().unit("money")
            .doc("capex per construction period, start-date money; one value per construction period")
            .sec("3"),
        year_values("sustaining_capex", "money", "per operating year, start-date money; last value holds; [] = none", kMoney),
        year_values("fixed_opex", "money", "per operating year, start-date money; last value holds; [] = none", kMoney),
        number("unit_opex").range(0, kPrice).def("0").unit("money/t").doc("per tonne produced, start-date money").sec("3"),
        number("inflation").range(-0.1, 0.5).def("0").unit("fraction/yr").doc("cost escalation").sec("1"),
        number("royalty_rate").range(0, 1).open_hi().def("0").unit("fraction").doc("gross-revenue royalty").sec("3"),
        number("tax_rate").range(0, 1).open_hi().def("0").unit("fraction")
            .doc("income tax; losses carried forward").sec("3"),
        number("depreciation_years").range(1, 100).def("10").unit("years")
            .doc("straight-line depreciation of construction capex from COD").sec("3"),
        number("working_capital_days").range(0, 365).def("0").unit("days").doc("receivables, days of revenue").sec("3"),
        number("closure_cost").range(0, kMoney).def("0").unit("money")
            .doc("start-date money, paid in the last period").sec("3"),
    }).req().doc("the mine");

    Field price_deck = map("price_deck", {
        choice("type", {"flat", "table", "curve"}).req().doc("which of price, table or curve is given").sec("3"),
        number("price").range(0, kPrice).unit("money/t").doc("flat: price for every period"),
        list("table", map("", {
                 integer("year").req().range(1950, 2200).doc("calendar year"),
                 number("price").req().range(0, kPrice).unit("money/t"),
             }), 200).doc("table: price by calendar year, years increasing; the last one holds"),
        list("curve", map("", {
                 date("date").req(),
                 number("price").req().range(0, kPrice).unit("money/t"),
             }), kMaxPeriods).doc("curve: forward points, dates increasing; linear between, flat outside"),
        number("spot_discount").range(0, 1).open_hi().def("0").unit("fraction")
            .doc("marketing discount on spot sales").sec("3"),
    }).req().doc("base-case price deck").sec("3");

    Field discounting = map("discounting", {
        number("rate").range(-0.1, 1).unit("fraction/yr")
            .doc("flat rate, annual compounding, Actual/365F; give rate or zero_curve").sec("2"),
        list("zero_curve", map("", {
                 number("tenor_years").req().range(0, 100).open_lo().unit("years"),
                 number("rate").req().range(-0.1, 1).unit("fraction/yr"),
             }), 200).doc("annual-compounded zero rates, tenors increasing; give rate or zero_curve").sec("2"),
        number("cost_of_equity").range(0, 1).def("0.1").unit("fraction/yr").doc("equity NPV discount rate").sec("6"),
    }).req().doc("discount rate or curve").sec("2");

    Field pricing = map("pricing", {
        choice("type", {"fixed", "index", "collar"}).req().doc("price formula").sec("4"),
        number("price").range(0, kPrice).unit("money/t").doc("fixed: K_0, the price at start").sec("4"),
        number("discount").range(0, 1).open_hi().def("0").unit("fraction")
            .doc("index and collar: share off the index").sec("4"),
        number("discount_abs").range(0, kPrice).def("0").unit("money/t").doc("index: amount off the index").sec("4"),
        number("floor").range(0, kPrice).unit("money/t").doc("collar: lower bound; absent = open").sec("4"),
        number("cap").range(0, kPrice).unit("money/t").doc("collar: upper bound; absent = open").sec("4"),
        number("escalation").range(-0.5, 0.5).def("0").unit("fraction/yr").doc("fixed price escalation").sec("4"),
        boolean("escalate_floor_cap").def("false").doc("collar bounds escalate too").sec("4"),
    }).req().doc("how the contract price is set").sec("4");

    Field offtake = map("", {
        text("buyer").req().doc("buyer's name; prepayment and equity refer to it"),
        number("volume_tpa").range(0, kTonnes).open_lo().unit("t/yr")
            .doc("contracted tonnes per year; give volume_tpa or share").sec("4"),
        number("share").range(0, 1).open_lo().unit("fraction")
            .doc("contracted share of production; give volume_tpa or share").sec("4"),
        date("start").doc("first delivery; default COD").sec("4"),
        date("end").doc("last delivery; default end of mine life").sec("4"),
        integer("priority").range(1, 100).def("1").doc("lower is served first").sec("4"),
        pricing,
        number("take_or_pay").range(0, 1).def("0").unit("fraction").doc("theta, share the buyer pays for").sec("4"),
        number("shortfall_penalty").range(0, 10).def("0").unit("x price")
            .doc("seller's penalty per undelivered tonne, times price").sec("4"),
        number("buyer_pd").range(0, 1).open_hi().unit("fraction/yr")
            .doc("buyer's annual default probability; or buyer_rating").sec("4"),
        choice("buyer_rating", {"AAA", "AA+", "AA", "AA-", "A+", "A", "A-", "BBB+", "BBB", "BBB-", "BB+", "BB",
                                "BB-", "B+", "B", "B-", "CCC+", "CCC", "CCC-", "CC", "C"})
            .doc("S&P-style rating mapped to buyer_pd through models/ratings.yaml").sec("4"),
        number("recovery").range(0, 1).def("0.4").unit("fraction")
            .doc("share of the default period's receivable recovered").sec("4"),
    });

    Field prepayment = map("prepayment", {
        text("buyer").req().doc("must be the buyer of an offtake").sec("5"),
        number("amount").req().range(0, kMoney).open_lo().unit("money").doc("paid to the project at draw_date").sec("5"),
        date("draw_date").doc("default project.time.start").sec("5"),
        number("rate").range(0, 1).def("0").unit("fraction/yr").doc("simple accrual rate on the balance").sec("5"),
        number("deduction_share").range(0, 1).open_lo().def("1").unit("fraction")
            .doc("share of the buyer's invoices deducted").sec("5"),
        boolean("counts_as_debt_service").def("true").doc("deductions count in DSCR").sec("5"),
    }).doc("buyer prepayment repaid by invoice deductions").sec("5");

    Field equity = list("equity", map("", {
        text("name").req().doc("investor (a buyer may be one)").sec("6"),
        number("share").req().range(0, 1).unit("fraction").doc("shares sum to 1").sec("6"),
    }), 50).doc("equity investors; absent: one investor `sponsor` with share 1").sec("6");

    Field debt = map("debt", {
        number("gearing").req().range(0, 1).unit("fraction").doc("share of each construction period's capex the loan draws; a cap when sculpted (achieved debt / total funding: `gearing_achieved`)").sec("7"),
        number("tenor_years").req().range(0, 50).open_lo().unit("years").doc("COD to final maturity").sec("7"),
        integer("grace_periods").range(0, 1200).def("0").unit("periods").doc("interest-only periods after COD").sec("7"),
        choice("profile", {"annuity", "straight_line", "sculpted"}).def("annuity").doc("repayment profile").sec("7"),
        number("target_dscr").range(1, 10).def("1.35").doc("sculpted: debt service = CFADS / target").sec("7"),
        number("base_rate").range(-0.05, 0.5).unit("fraction/yr")
            .doc("fixed base rate; absent: forward from the discount curve").sec("7"),
        number("margin_bps").range(0, kMaxBps).def("0").unit("bps").sec("7").doc("loan margin over base"),
        number("upfront_fee_bps").range(0, 1000).def("0").unit("bps").doc("on the commitment, at close").sec("7"),
        number("commitment_fee_bps").range(0, 1000).def("0").unit("bps/yr")
            .doc("on the undrawn commitment during construction").sec("7"),
        choice("idc", {"capitalised", "equity"}).def("capitalised").doc("who pays interest during construction").sec("7"),
        number("dsra_months").range(0, 24).def("6").unit("months").doc("DSRA target, months of debt service").sec("8"),
        number("lockup_dscr").range(0, 10).def("1.1").doc("distributions locked up below this DSCR").sec("8"),
        number("covenant_dscr").range(0, 10).def("1.2").doc("reported as P(min DSCR < covenant)").sec("11"),
        map("on_default", {
            number("cure_days").range(0, 3650).def("3").unit("days")
                .doc("a payment shortfall not cured within this is an event of default").sec("8"),
            choice("response", {"restructure", "enforce", "best"}).def("best")
                .doc("lenders' rule at an event of default; best: whichever recovers more").sec("8"),
            number("max_extension_years").range(0, 50).def("3").unit("years")
                .doc("restructure: sweep at most this long past legal maturity, then the rest is lost").sec("8"),
            number("distressed_discount_rate").range(0, 1).open_lo().def("0.15").unit("fraction/yr")
                .doc("enforce: discount rate of the going-concern value").sec("8"),
            number("enforcement_cost").range(0, 1).def("0.1").unit("fraction")
                .doc("enforce: share of the going-concern value spent on the sale").sec("8"),
            number("recovery_discount_rate").range(0, 1).unit("fraction/yr")
                .doc("recoveries discounted to the default date; absent: the loan's base rate + 0.05").sec("8"),
        }).doc("events of default and the lenders' remedies (docs/credit.md)").sec("8"),
        text("name").def("senior").doc("the senior tranche's name in per-tranche outputs").sec("7"),
        list("tranches", map("", {
            text("name").req().doc("unique among the tranches and debt.name").sec("7"),
            choice("priority", {"senior", "subordinated", "shareholder"}).req()
                .doc("subordinated: paid after senior service and the DSRA, before the lock-up; "
                     "shareholder: last, the sponsors' loan (docs/credit.md section 7)").sec("7"),
            number("gearing").range(0, 1).open_lo().unit("fraction")
                .doc("share of each construction period's capex the tranche draws; give gearing or amount").sec("7"),
            number("amount").range(0, kMoney).open_lo().unit("money")
                .doc("commitment, drawn pro rata with construction capex; give gearing or amount").sec("7"),
            number("tenor_years").req().range(0, 50).open_lo().unit("years").doc("COD to final maturity").sec("7"),
            integer("grace_periods").range(0, 1200).def("0").unit("periods").doc("interest-only periods after COD").sec("7"),
            choice("profile", {"annuity", "straight_line", "bullet"}).def("annuity").doc("repayment profile").sec("7"),
            number("base_rate").range(-0.05, 0.5).unit("fraction/yr")
                .doc("fixed base rate; absent: forward from the discount curve").sec("7"),
            number("margin_bps").range(0, kMaxBps).def("0").unit("bps").doc("margin over base").sec("7"),
            number("upfront_fee_bps").range(0, 1000).def("0").unit("bps").doc("on the commitment, at close").sec("7"),
            number("commitment_fee_bps").range(0, 1000).def("0").unit("bps/yr")
                .doc("on the undrawn commitment during construction").sec("7"),
        }), 7).doc("tranches ranked below the senior debt (docs/credit.md section 7)").sec("7"),
    }).doc("senior debt").sec("7");

    Field sponsor_support = map("sponsor_support", {
        number("amount").req().range(0, kMoney).unit("money").doc("cap on total draws (not revolving)").sec("8"),
        number("term_years").req().range(0, 100).unit("years").doc("available from COD for this long").sec("8"),
        choice("ranking", {"subordinated", "senior"}).def("subordinated")
            .doc("draws repaid after (subordinated) or before (senior) senior debt service").sec("8"),
    }).doc("sponsors' cash deficiency support after COD; needs debt; absent: non-recourse").sec("8");

    Field guarantee = map("guarantee", {
        text("provider").def("").doc("ECA, government or development bank").sec("7"),
        number("cover").req().range(0, 1).unit("fraction").doc("share g of scheduled debt service covered").sec("7"),
        number("fee_bps").range(0, 1000).def("0").unit("bps/yr").doc("on the guaranteed balance").sec("7"),
        number("margin_bps").range(0, kMaxBps).def("0").unit("bps").doc("margin on the covered share").sec("7"),
    }).doc("guarantee of the senior debt; needs debt").sec("7");

    Field year_target = map("", {
        integer("year").req().range(1, 100).doc("operating year"),
        number("value").req().range(-1e12, 1e12).doc("KPI value"),
    });
    Field kpi = map("", {
        text("name").req().doc("KPI name, unique").sec("7"),
        boolean("higher_is_better").def("true").doc("met when value >= target (else <=)").sec("7"),
        list("targets", year_target, 100, 1).req().doc("SPTs by operating year, years increasing").sec("7"),
        list("planned", year_target, 100, 1).req().doc("planned KPI values by operating year").sec("7"),
        number("probability_met").range(0, 1).unit("fraction").doc("stochastic: P(meeting each SPT)").sec("7"),
        number("step_up_bps").range(0, 500).def("0").unit("bps").doc("added to the margin when missed").sec("7"),
        number("step_down_bps").range(0, 500).def("0").unit("bps").doc("taken off the margin when met").sec("7"),
    });
    Field slm = map("sustainability_linked_margin", {
        list("kpis", kpi, 50, 1).req().doc("key performance indicators").sec("7"),
    }).doc("margin steps on KPIs; needs debt").sec("7");

    Field export_restrictions = map("export_restrictions", {
        text("model").req().doc("country model file (models/country/*.yaml), relative to the deal file's folder; "
                                 "it must model project.country").sec("10b"),
        choice("response", {"domestic_sale", "stockpile", "stop"}).def("domestic_sale")
            .doc("what the project does with the tonnes it cannot export (docs/risks.md)").sec("10b"),
        number("domestic_discount").range(0, 1).unit("fraction")
            .doc("domestic_sale: share off the index in the home market; absent: the country model's").sec("10b"),
    }).doc("country export-restriction events (docs/risks.md); needs project.country").sec("10b");

    Field completion_risk = map("completion_risk", {
        map("capex_overrun", {
            number("mean").range(-0.5, 5).def("0").unit("fraction")
                .doc("E[F] - 1, F the lognormal factor on construction capex").sec("10b"),
            number("sigma").range(0, 3).def("0").doc("sd of ln F").sec("10b"),
        }).doc("construction capex overrun (docs/risks.md)").sec("10b"),
        map("delay", {
            number("probability").range(0, 1).def("0").unit("fraction").doc("P(construction is late)").sec("10b"),
            number("mean_share").range(0, 5).def("0").unit("fraction")
                .doc("if late: mean delay as a share of the planned construction periods (lognormal)").sec("10b"),
            number("sigma").range(0, 3).def("0").doc("sd of the log of the delay share").sec("10b"),
            number("max_share").range(0, 5).def("1").unit("fraction").doc("cap on the delay share").sec("10b"),
        }).doc("construction delay; COD and the debt schedule move with it (docs/risks.md)").sec("10b"),
        number("completion_support").range(0, kMoney).def("0").unit("money")
            .doc("sponsors' completion support: funds overruns up to this until COD").sec("10b"),
        number("overrun_facility").range(0, kMoney).def("0").unit("money")
            .doc("cost-overrun facility: senior standby, drawn after the support").sec("10b"),
    }).doc("completion risk: capex overrun and delay per path (docs/risks.md)").sec("10b");

    Field production_risk = map("production_risk", {
        map("rampup", {
            number("probability").range(0, 1).def("0").unit("fraction")
                .doc("P(the ramp-up falls short of plan)").sec("10b"),
            number("shortfall_mean").range(0, 1).def("0").unit("fraction")
                .doc("if short: mean depth D of the shortfall at COD, a share of plan (lognormal, capped at 1)").sec("10b"),
            number("shortfall_sigma").range(0, 3).def("0").doc("sd of ln D").sec("10b"),
            number("years").range(0, 20).def("0").unit("years")
                .doc("the shortfall closes linearly over this many years after COD (0: at once)").sec("10b"),
            number("permanent_share").range(0, 1).def("0").unit("fraction")
                .doc("share of D never caught up (0: full catch-up, 1: none)").sec("10b"),
        }).doc("ramp-up shortfall per path (docs/risks.md section 3)").sec("10b"),
        map("operating", {
            number("sigma").range(0, 2).def("0").doc("stationary sd of the log operating factor").sec("10b"),
            number("autocorrelation").range(0, 0.999).def("0").unit("fraction")
                .doc("one-year autocorrelation of the log operating factor (AR(1))").sec("10b"),
        }).doc("persistent operating shocks after COD (docs/risks.md section 3)").sec("10b"),
    }).doc("production risk: production = plan x ramp-up x operating factor per path (docs/risks.md)").sec("10b");

    Field counterparty_dependence = map("counterparty_dependence", {
        text("factor").def("credit_cycle")
            .doc("name of the systematic factor M; deals naming the same factor share it on a path").sec("10b"),
        number("asset_correlation").range(0, 0.999).def("0").unit("fraction")
            .doc("rho: weight of M in each buyer's latent variable, sqrt(rho) M + sqrt(1 - rho) Z_i").sec("10b"),
    }).doc("buyers' defaults coupled by a one-factor Gaussian copula (docs/risks.md section 3b)").sec("10b");

    Field assessment = map("assessment", {
        number("country_risk").range(0, 100).unit("score").doc("user's standing of the host country, 100 = lowest risk; absent = neutral"),
        number("sponsor_strength").range(0, 100).unit("score").doc("user's score, 100 = strongest sponsor; absent = neutral"),
        number("esg_standing").range(0, 100).unit("score").doc("user's score, 100 = best ESG and traceability standing; absent = neutral"),
    }).doc("scorecard inputs no model measures");

    Field simulation = map("simulation", {
        text("price_model").doc("path to a models/ file, relative to the deal file's folder"),
        integer("paths").range(1, 100000000).def("10000").doc("Monte Carlo paths"),
        integer("seed").range(0, 9007199254740991.0).def("1").doc("random seed (at most 2^53 - 1)"),
        choice("measure", {"real_world", "risk_neutral", "lenders_case"}).def("real_world").doc("price measure").sec("10"),
    }).doc("Monte Carlo settings; the command line may override them");

    return map("", {project, price_deck, discounting,
                    list("offtakes", offtake, 100).doc("offtake agreements").sec("4"),
                    prepayment, equity, debt, guarantee, sponsor_support, slm, export_restrictions, completion_risk, production_risk,
                    counterparty_dependence,
                    assessment,
                    simulation});
}

}  // namespace

const Field& deal_schema() {
    static const Field schema = build_schema();  // immutable after first use
    return schema;
}

std::string closest_key(std::string_view key, const std::vector<std::string>& candidates) {
    auto distance = [](std::string_view a, std::string_view b) {
        std::vector<std::size_t> row(b.size() + 1);
        for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
        for (std::size_t i = 1; i <= a.size(); ++i) {
            std::size_t diag = row[0];
            row[0] = i;
            for (std::size_t j = 1; j <= b.size(); ++j) {
                std::size_t up = row[j];
                char ca = static_cast<char>(std::tolower(static_cast<unsigned char>(a[i - 1])));
                char cb = static_cast<char>(std::tolower(static_cast<unsigned char>(b[j - 1])));
                row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (ca == cb ? 0 : 1)});
                diag = up;
            }
        }
        return row[b.size()];
    };
    if (key.size() > 100) return "";
    std::string best;
    std::size_t best_d = std::max<std::size_t>(2, key.size() / 3) + 1;
    for (const auto& c : candidates) {
        // `volume` for `volume_tpa`: a key that starts another is a likely truncation.
        if (key.size() >= 3 && c.size() > key.size() && c.compare(0, key.size(), key) == 0) return c;
    }
    for (const auto& c : candidates) {
        std::size_t d = distance(key, c);
        if (d < best_d) { best_d = d; best = c; }
    }
    return best;
}

namespace {
void markdown_rows(const Field& f, const std::string& path, std::string& out) {
    for (const auto& c : f.fields) {
        std::string p = path.empty() ? c.name : path + "." + c.name;
        std::string type = kind_name(c.kind);
        std::string range = c.range_text();
        const Field* shown = &c;
        if (c.kind == Kind::List) {
            type = fmt::format("list of {} (at most {}{})", kind_name(c.item->kind), c.max_items,
                               c.min_items ? fmt::format(", at least {}", c.min_items) : "");
            if (c.item->kind != Kind::Map) { range = c.item->range_text(); shown = c.item.get(); }
        }
        if (shown->kind == Kind::Enum) {
            range.clear();
            for (const auto& ch : shown->choices) range += (range.empty() ? "`" : ", `") + ch + "`";
        }
        std::string def = c.required ? "**required**" : !c.has_default ? "absent" : c.default_text.empty() ? "`\"\"`" : "`" + c.default_text + "`";
        out += fmt::format("| `{}` | {} | {} | {} | {} | {} | {} |\n", p, type, c.unit.empty() ? "" : c.unit, def,
                           range, c.section.empty() ? "" : "§" + c.section, c.doc);
        if (c.kind == Kind::Map) markdown_rows(c, p, out);
        if (c.kind == Kind::List && c.item->kind == Kind::Map) markdown_rows(*c.item, p + "[i]", out);
    }
}
}  // namespace

std::string schema_markdown() { return schema_markdown(deal_schema()); }

std::string schema_markdown(const Field& root) {
    std::string out =
        "| Path | Type | Unit | Default | Allowed | Conventions | Meaning |\n"
        "|---|---|---|---|---|---|---|\n";
    markdown_rows(root, "", out);
    return out;
}

}  // namespace offtake::io
