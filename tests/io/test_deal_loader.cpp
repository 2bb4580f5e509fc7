// Loading deal files: every field of a complete deal, defaults, and one test per rule
// checking that the error names file, line, column, field and rule. Expected positions
// are counted by hand in the YAML text written in each test.
#include <offtake/deal_file.hpp>

#include <gtest/gtest.h>

#include <ql/time/date.hpp>

#include <filesystem>
#include <string>

using namespace offtake;
using QuantLib::Date;

namespace {

const std::string kData = std::string(OFFTAKE_SOURCE_DIR) + "/tests/io/data/";

// A minimal valid deal: only required fields. Line numbers of later tests count from
// here, so keep its shape (12 lines).
const std::string kMinimal =
    "project:\n"                              // 1
    "  commodity: copper_cathode\n"           // 2
    "  time:\n"                               // 3
    "    start: 2026-01-01\n"                 // 4
    "  construction_periods: 8\n"             // 5
    "  mine_life_years: 20\n"                 // 6
    "  production_tpa: [50000, 80000]\n"      // 7
    "  construction_capex: [100e6, 100e6, 100e6, 100e6, 100e6, 100e6, 100e6, 100e6]\n"  // 8
    "price_deck:\n"                           // 9
    "  type: flat\n"                          // 10
    "  price: 9000\n"                         // 11
    "discounting: {rate: 0.08}\n";            // 12

std::vector<Problem> problems_of(const std::string& yaml) { return validate_deal_string(yaml, "deal.yaml"); }

// The single problem of a deal expected to break exactly one rule.
Problem single_problem(const std::string& yaml) {
    auto problems = problems_of(yaml);
    EXPECT_EQ(problems.size(), 1u);
    if (problems.size() != 1)
        for (const auto& p : problems) ADD_FAILURE() << "problem: " << p.to_string();
    return problems.empty() ? Problem{} : problems.front();
}

void expect_problem(const Problem& p, int line, int column, const std::string& field, const std::string& rule_part) {
    EXPECT_EQ(p.file, "deal.yaml");
    EXPECT_EQ(p.line, line) << p.to_string();
    EXPECT_EQ(p.column, column) << p.to_string();
    EXPECT_EQ(p.field, field) << p.to_string();
    EXPECT_NE(p.rule.find(rule_part), std::string::npos) << "rule '" << p.rule << "' lacks '" << rule_part << "'";
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
    auto pos = text.find(from);
    EXPECT_NE(pos, std::string::npos) << from;
    if (pos != std::string::npos) text.replace(pos, from.size(), to);
    return text;
}

}  // namespace

TEST(DealLoader, CompleteDealReadsEveryField) {
    const std::string path = kData + "complete_deal.yaml";
    Deal d = load_deal_file(path);
    EXPECT_EQ(d.source, path);

    const Project& p = d.project;
    EXPECT_EQ(p.name, "Example Lithium Carbonate Project");
    EXPECT_EQ(p.commodity, Commodity::LithiumCarbonate);
    EXPECT_EQ(p.time.start, Date(1, QuantLib::January, 2026));
    EXPECT_EQ(p.time.frequency, Frequency::Semiannual);
    EXPECT_EQ(p.time.calendar, "united_states");
    EXPECT_EQ(p.time.business_day_convention, "following");
    EXPECT_EQ(p.time.day_counter, "actual360");
    EXPECT_EQ(p.construction_periods, 6);
    EXPECT_EQ(p.mine_life_years, 20);
    EXPECT_EQ(p.production_tpa, (std::vector<double>{10000, 30000, 40000}));
    EXPECT_EQ(p.construction_capex, (std::vector<double>{150e6, 300e6, 450e6, 450e6, 300e6, 150e6}));
    EXPECT_EQ(p.sustaining_capex, (std::vector<double>{20e6, 35e6}));
    EXPECT_EQ(p.fixed_opex, (std::vector<double>{60e6, 80e6}));
    EXPECT_EQ(p.unit_opex, 6200);
    EXPECT_EQ(p.inflation, 0.025);
    EXPECT_EQ(p.royalty_rate, 0.04);
    EXPECT_EQ(p.tax_rate, 0.21);
    EXPECT_EQ(p.depreciation_years, 15);
    EXPECT_EQ(p.working_capital_days, 45);
    EXPECT_EQ(p.closure_cost, 120e6);

    EXPECT_EQ(d.price_deck.type, PriceDeck::Type::Table);
    ASSERT_EQ(d.price_deck.table.size(), 3u);
    EXPECT_EQ(d.price_deck.table[2].year, 2030);
    EXPECT_EQ(d.price_deck.table[2].price, 22000);
    EXPECT_EQ(d.price_deck.table[0].price, 14000);
    EXPECT_TRUE(d.price_deck.curve.empty());
    EXPECT_EQ(d.price_deck.spot_discount, 0.05);

    ASSERT_TRUE(d.discounting.rate.has_value());
    EXPECT_EQ(*d.discounting.rate, 0.08);
    EXPECT_TRUE(d.discounting.zero_curve.empty());
    EXPECT_EQ(d.discounting.cost_of_equity, 0.12);

    ASSERT_EQ(d.offtakes.size(), 3u);
    const Offtake& a = d.offtakes[0];
    EXPECT_EQ(a.buyer, "Automaker A");
    EXPECT_EQ(a.volume_tpa, 20000.0);
    EXPECT_FALSE(a.share.has_value());
    EXPECT_EQ(a.start, Date(1, QuantLib::January, 2029));
    EXPECT_EQ(a.end, Date(31, QuantLib::December, 2039));
    EXPECT_EQ(a.priority, 1);
    EXPECT_EQ(a.pricing.type, Pricing::Type::Collar);
    EXPECT_EQ(a.pricing.discount, 0.02);
    EXPECT_EQ(a.pricing.floor, 12000.0);
    EXPECT_EQ(a.pricing.cap, 30000.0);
    EXPECT_TRUE(a.pricing.escalate_floor_cap);
    EXPECT_EQ(a.take_or_pay, 0.8);
    EXPECT_EQ(a.shortfall_penalty, 0.1);
    EXPECT_EQ(a.buyer_rating, std::string("BBB+"));
    // models/ratings.yaml: BBB+ takes the BBB category's one-year rate, 0.18 %.
    ASSERT_TRUE(a.buyer_pd.has_value());
    EXPECT_DOUBLE_EQ(*a.buyer_pd, 0.0018);
    EXPECT_EQ(a.recovery, 0.35);

    const Offtake& b = d.offtakes[1];
    EXPECT_EQ(b.buyer, "Trader B");
    EXPECT_EQ(b.share, 0.25);
    EXPECT_FALSE(b.volume_tpa.has_value());
    EXPECT_FALSE(b.start.has_value());
    EXPECT_EQ(b.pricing.type, Pricing::Type::Fixed);
    EXPECT_EQ(b.pricing.price, 18000);
    EXPECT_EQ(b.pricing.escalation, 0.02);
    EXPECT_EQ(b.buyer_pd, 0.015);
    EXPECT_FALSE(b.buyer_rating.has_value());
    EXPECT_EQ(b.recovery, 0.4);  // default

    const Offtake& c = d.offtakes[2];
    EXPECT_EQ(c.pricing.type, Pricing::Type::Index);
    EXPECT_EQ(c.pricing.discount, 0.03);
    EXPECT_EQ(c.pricing.discount_abs, 250);
    EXPECT_EQ(c.priority, 3);

    ASSERT_TRUE(d.prepayment.has_value());
    EXPECT_EQ(d.prepayment->buyer, "Trader B");
    EXPECT_EQ(d.prepayment->amount, 150e6);
    EXPECT_EQ(d.prepayment->draw_date, Date(1, QuantLib::July, 2026));
    EXPECT_EQ(d.prepayment->rate, 0.07);
    EXPECT_EQ(d.prepayment->deduction_share, 0.5);
    EXPECT_FALSE(d.prepayment->counts_as_debt_service);

    ASSERT_EQ(d.equity.size(), 2u);
    EXPECT_EQ(d.equity[0].name, "Sponsor");
    EXPECT_EQ(d.equity[0].share, 0.62);
    EXPECT_EQ(d.equity[1].name, "Automaker A");
    EXPECT_EQ(d.equity[1].share, 0.38);

    ASSERT_TRUE(d.debt.has_value());
    const SeniorDebt& debt = *d.debt;
    EXPECT_EQ(debt.gearing, 0.6);
    EXPECT_EQ(debt.tenor_years, 15);
    EXPECT_EQ(debt.grace_periods, 2);
    EXPECT_EQ(debt.profile, SeniorDebt::Profile::Sculpted);
    EXPECT_EQ(debt.target_dscr, 1.4);
    EXPECT_EQ(debt.base_rate, 0.04);
    EXPECT_EQ(debt.margin_bps, 350);
    EXPECT_EQ(debt.upfront_fee_bps, 150);
    EXPECT_EQ(debt.commitment_fee_bps, 75);
    EXPECT_EQ(debt.idc, SeniorDebt::Idc::Equity);
    EXPECT_EQ(debt.dsra_months, 9);
    EXPECT_EQ(debt.lockup_dscr, 1.15);
    EXPECT_EQ(debt.covenant_dscr, 1.25);

    ASSERT_TRUE(d.guarantee.has_value());
    EXPECT_EQ(d.guarantee->provider, "Export Credit Agency");
    EXPECT_EQ(d.guarantee->cover, 0.8);
    EXPECT_EQ(d.guarantee->fee_bps, 120);
    EXPECT_EQ(d.guarantee->margin_bps, 90);

    ASSERT_TRUE(d.sustainability_linked_margin.has_value());
    ASSERT_EQ(d.sustainability_linked_margin->kpis.size(), 1u);
    const Kpi& k = d.sustainability_linked_margin->kpis[0];
    EXPECT_EQ(k.name, "water_use_m3_per_t");
    EXPECT_FALSE(k.higher_is_better);
    ASSERT_EQ(k.targets.size(), 2u);
    EXPECT_EQ(k.targets[1].year, 5);
    EXPECT_EQ(k.targets[1].value, 50);
    ASSERT_EQ(k.planned.size(), 2u);
    EXPECT_EQ(k.planned[0].year, 3);
    EXPECT_EQ(k.planned[0].value, 58);
    EXPECT_EQ(k.probability_met, 0.7);
    EXPECT_EQ(k.step_up_bps, 10);
    EXPECT_EQ(k.step_down_bps, 5);

    EXPECT_EQ(d.assessment.country_risk, 80.0);
    EXPECT_EQ(d.assessment.sponsor_strength, 65.0);
    EXPECT_EQ(d.assessment.esg_standing, 70.0);

    // Relative to the deal file's folder: tests/io/data/../models = tests/io/models.
    EXPECT_EQ(d.simulation.price_model, std::string(OFFTAKE_SOURCE_DIR) + "/tests/io/models/li2co3.yaml");
    EXPECT_EQ(d.simulation.paths, 2000);
    EXPECT_EQ(d.simulation.seed, 42u);
    EXPECT_EQ(d.simulation.measure, "risk_neutral");
}

TEST(DealLoader, MinimalDealTakesDocumentedDefaults) {
    Deal d = load_deal_string(kMinimal, "deal.yaml");
    EXPECT_EQ(d.source, "deal.yaml");
    EXPECT_EQ(d.project.commodity, Commodity::CopperCathode);
    EXPECT_EQ(d.project.time.frequency, Frequency::Quarterly);
    EXPECT_EQ(d.project.time.calendar, "null");
    EXPECT_EQ(d.project.time.business_day_convention, "unadjusted");
    EXPECT_EQ(d.project.time.day_counter, "actual365fixed");
    EXPECT_EQ(d.project.depreciation_years, 10.0);
    EXPECT_EQ(d.price_deck.price, 9000);
    EXPECT_EQ(d.discounting.cost_of_equity, 0.10);
    EXPECT_TRUE(d.offtakes.empty());
    EXPECT_FALSE(d.prepayment || d.debt || d.guarantee || d.sustainability_linked_margin);
    // No equity section: one investor holds everything.
    ASSERT_EQ(d.equity.size(), 1u);
    EXPECT_EQ(d.equity[0].name, "sponsor");
    EXPECT_EQ(d.equity[0].share, 1.0);
    EXPECT_EQ(d.simulation.paths, 10000);
    EXPECT_EQ(d.simulation.seed, 1u);
    EXPECT_EQ(d.simulation.measure, "real_world");
}

// Plain scalars may hold quotes and commas in block context (YAML 1.2 section 7.3.3):
// names such as these must load as written, not be taken for broken flow lists.
TEST(DealLoader, PlainScalarsMayHoldQuotesAndCommas) {
    for (const std::string name : {"Mine \"Alpha\", phase 2", "Rio, Tinto JV", "say 'hi', ok"}) {
        const Deal d = load_deal_string("project:\n  name: " + name + "\n" + kMinimal.substr(9), "deal.yaml");
        EXPECT_EQ(d.project.name, name);
    }
}

TEST(DealLoader, DebtDefaultsMatchDealHpp) {
    Deal d = load_deal_string(kMinimal + "debt: {gearing: 0.5, tenor_years: 10}\n", "deal.yaml");
    ASSERT_TRUE(d.debt);
    EXPECT_EQ(d.debt->profile, SeniorDebt::Profile::Annuity);
    EXPECT_EQ(d.debt->target_dscr, 1.35);
    EXPECT_EQ(d.debt->dsra_months, 6.0);
    EXPECT_EQ(d.debt->lockup_dscr, 1.10);
    EXPECT_EQ(d.debt->covenant_dscr, 1.20);
    EXPECT_EQ(d.debt->idc, SeniorDebt::Idc::Capitalised);
    EXPECT_FALSE(d.debt->base_rate.has_value());
}

TEST(DealLoader, UnknownKeySuggestsClosest) {
    Problem p = single_problem(replace(kMinimal, "  mine_life_years: 20\n", "  mine_life_years: 20\n  royalty_rte: 0.05\n"));
    expect_problem(p, 7, 3, "project.royalty_rte", "unknown key 'royalty_rte' (did you mean 'royalty_rate'?)");
}

TEST(DealLoader, WrongTypeSaysExpectedType) {
    Problem p = single_problem(replace(kMinimal, "price: 9000", "price: high"));
    expect_problem(p, 11, 10, "price_deck.price", "expected a number, got 'high'");
    p = single_problem(replace(kMinimal, "construction_periods: 8", "construction_periods: 8.5"));
    expect_problem(p, 5, 25, "project.construction_periods", "expected a whole number");
    p = single_problem(replace(kMinimal, "price: 9000", "price: \"9000\""));
    expect_problem(p, 11, 10, "price_deck.price", "quoted string");
}

TEST(DealLoader, MissingRequiredFieldPointsAtItsMap) {
    Problem p = single_problem(replace(kMinimal, "  mine_life_years: 20\n", ""));
    // The project map starts at line 2, column 3 (its first key).
    expect_problem(p, 2, 3, "project.mine_life_years", "missing required field 'mine_life_years'");
}

TEST(DealLoader, OutOfRangeNumbers) {
    Problem p = single_problem(replace(kMinimal, "[50000, 80000]", "[50000, -80000]"));
    expect_problem(p, 7, 27, "project.production_tpa[1]", "must be in [0, 1e9], got -80000");
    p = single_problem(kMinimal + "debt: {gearing: 1.2, tenor_years: 10}\n");
    expect_problem(p, 13, 17, "debt.gearing", "must be in [0, 1], got 1.2");
}

TEST(DealLoader, NanInfAndHugeValues) {
    Problem p = single_problem(replace(kMinimal, "price: 9000", "price: .nan"));
    expect_problem(p, 11, 10, "price_deck.price", "must be a finite number, got '.nan'");
    p = single_problem(replace(kMinimal, "price: 9000", "price: -.inf"));
    expect_problem(p, 11, 10, "price_deck.price", "finite number");
    p = single_problem(replace(kMinimal, "price: 9000", "price: 1e308"));
    expect_problem(p, 11, 10, "price_deck.price", "must be in [0, 1e7], got 1e308");
    p = single_problem(replace(kMinimal, "price: 9000", "price: 1e999"));
    expect_problem(p, 11, 10, "price_deck.price", "too large");
}

TEST(DealLoader, YesNoAreNotBooleans) {
    Problem p = single_problem(kMinimal +
                               "offtakes:\n"
                               "  - buyer: X\n"
                               "    share: 0.5\n"
                               "    pricing: {type: collar, floor: 8000, escalate_floor_cap: yes}\n");
    expect_problem(p, 16, 62, "offtakes[0].pricing.escalate_floor_cap", "expected true or false, got 'yes'");
}

TEST(DealLoader, DuplicateKeysAreRejected) {
    Problem p = single_problem(replace(kMinimal, "  price: 9000\n", "  price: 9000\n  price: 9500\n"));
    expect_problem(p, 12, 3, "price_deck.price", "duplicate key 'price' (first given at line 11)");
}

TEST(DealLoader, FloorAboveCap) {
    Problem p = single_problem(kMinimal +
                               "offtakes:\n"
                               "  - buyer: X\n"
                               "    volume_tpa: 10000\n"
                               "    pricing: {type: collar, floor: 20000, cap: 15000}\n");
    expect_problem(p, 16, 36, "offtakes[0].pricing.floor", "floor must not exceed cap (floor 20000 > cap 15000)");
}

TEST(DealLoader, VolumeAndShareBothOrNeither) {
    Problem p = single_problem(kMinimal + "offtakes:\n  - buyer: X\n    pricing: {type: index}\n");
    expect_problem(p, 14, 5, "offtakes[0].volume_tpa", "give volume_tpa (t/yr) or share");
    p = single_problem(kMinimal + "offtakes:\n  - {buyer: X, volume_tpa: 100, share: 0.2, pricing: {type: index}}\n");
    expect_problem(p, 14, 40, "offtakes[0].share", "give either volume_tpa or share, not both");
}

TEST(DealLoader, EquitySharesMustSumToOne) {
    Problem p = single_problem(kMinimal + "equity:\n  - {name: A, share: 0.6}\n  - {name: B, share: 0.3}\n");
    expect_problem(p, 14, 3, "equity", "equity shares must sum to 1 (within 1e-9), they sum to 0.9");
    // 0.1 + 0.2 + 0.7 is 1 within 1e-9 though not exactly in binary.
    EXPECT_TRUE(problems_of(kMinimal + "equity: [{name: A, share: 0.1}, {name: B, share: 0.2}, {name: C, share: 0.7}]\n")
                    .empty());
}

TEST(DealLoader, PrepaymentBuyerMustBeAnOfftakeBuyer) {
    Problem p = single_problem(kMinimal +
                               "offtakes: [{buyer: Trafigura, share: 0.2, pricing: {type: index}}]\n"
                               "prepayment: {buyer: Glencore, amount: 200e6}\n");
    expect_problem(p, 14, 21, "prepayment.buyer", "prepayment buyer 'Glencore' is not the buyer of any offtake");
}

TEST(DealLoader, DatesOutOfOrder) {
    Problem p = single_problem(kMinimal + "offtakes: [{buyer: X, share: 0.2, start: 2031-01-01, end: 2030-01-01, "
                                          "pricing: {type: index}}]\n");
    expect_problem(p, 13, 59, "offtakes[0].end", "end 2030-01-01 must be after start 2031-01-01");
    p = single_problem(kMinimal +
                       "offtakes: [{buyer: X, share: 0.2, pricing: {type: index}}]\n"
                       "prepayment: {buyer: X, amount: 1e6, draw_date: 2025-06-30}\n");
    expect_problem(p, 14, 48, "prepayment.draw_date", "draw_date 2025-06-30 is before the project start 2026-01-01");
}

TEST(DealLoader, ListLimitsAreCheckedBeforeItems) {
    std::string many = "[";
    for (int i = 0; i < 5000; ++i) many += "1000, ";
    many += "1000]";
    Problem p = single_problem(replace(kMinimal, "[50000, 80000]", many));
    expect_problem(p, 7, 19, "project.production_tpa", "list has 5001 items; at most 100 allowed");
}

TEST(DealLoader, ReportsEveryProblemNotOnlyTheFirst) {
    std::string yaml = replace(kMinimal, "price: 9000", "price: -1");
    yaml = replace(yaml, "  construction_periods: 8\n", "  construction_periods: 8\n  colour: blue\n");
    yaml += "debt: {gearing: 0.5, tenor_years: 10, profile: bullet}\n";
    auto problems = problems_of(yaml);
    ASSERT_EQ(problems.size(), 3u);
    EXPECT_EQ(problems[0].field, "project.colour");
    EXPECT_EQ(problems[1].field, "price_deck.price");
    EXPECT_EQ(problems[2].field, "debt.profile");
    try {
        load_deal_string(yaml, "deal.yaml");
        FAIL() << "expected DealError";
    } catch (const DealError& e) {
        EXPECT_EQ(e.problems().size(), 3u);
        EXPECT_NE(std::string(e.what()).find("deal.yaml:12:10: price_deck.price: must be in [0, 1e7], got -1"),
                  std::string::npos)
            << e.what();
    }
}

TEST(DealLoader, ConstructionCapexMatchesConstructionPeriods) {
    Problem p = single_problem(replace(kMinimal, "construction_periods: 8", "construction_periods: 6"));
    expect_problem(p, 8, 23, "project.construction_capex", "gives 8 values but construction_periods is 6");
}

TEST(DealLoader, RatingsMapToPd) {
    Deal d = load_deal_string(kMinimal + "offtakes: [{buyer: X, share: 0.2, buyer_rating: CCC, pricing: {type: index}}]\n",
                              "deal.yaml");
    // models/ratings.yaml: CCC takes the CCC/C category, 26.78 %.
    EXPECT_DOUBLE_EQ(*d.offtakes[0].buyer_pd, 0.2678);
    Problem p = single_problem(kMinimal +
                               "offtakes: [{buyer: X, share: 0.2, buyer_rating: BBBB, pricing: {type: index}}]\n");
    expect_problem(p, 13, 49, "offtakes[0].buyer_rating", "must be one of AAA, AA+");
}

TEST(DealLoader, StructuralFailuresOfTheWholeFile) {
    auto one = [](const std::string& yaml) {
        auto problems = problems_of(yaml);
        EXPECT_EQ(problems.size(), 1u);
        return problems.empty() ? Problem{} : problems[0];
    };
    EXPECT_NE(one("").rule.find("file is empty"), std::string::npos);
    EXPECT_NE(one("# only a comment\n").rule.find("file is empty"), std::string::npos);
    EXPECT_NE(one("- a\n- b\n").rule.find("the top level must be a map"), std::string::npos);
    Problem bin = one(std::string("project:\n  name: a\x01\x02\n", 22));
    EXPECT_EQ(bin.line, 2);
    EXPECT_NE(bin.rule.find("not text"), std::string::npos);
    EXPECT_NE(one(std::string(100, '[') + std::string(100, ']')).rule.find("nested deeper than 64"), std::string::npos);
    std::string block;
    for (int i = 0; i < 3000; ++i) block += "- ";
    block += "x\n";
    EXPECT_NE(one(block).rule.find("nested too deeply"), std::string::npos);
    EXPECT_NE(one("a: [1, 2\n").rule.find("YAML syntax error"), std::string::npos);
    // yaml-cpp 0.7 loops allocating memory on these; libyaml's syntax check refuses them
    // first, with a position, and says so in words when the error sits on the comma.
    for (const char* text : {"- a\n,\n", ",", "# c\n, a\n", "  - x\n, y]\n  z: w\n", "\"a\",", "\"\"\"a\" ,\n"}) {
        Problem p = one(text);
        EXPECT_NE(p.rule.find("YAML syntax error"), std::string::npos) << text;
        EXPECT_GT(p.line, 0) << text;
    }
    for (const char* text : {"- a\n,\n", ",", "\"a\","}) {
        Problem p = one(text);
        EXPECT_NE(p.rule.find("(a ',' outside a [...] or {...} list?)"), std::string::npos) << text << p.rule;
    }
    // Commas inside values and flow lists stay legal.
    EXPECT_TRUE(problems_of(replace(kMinimal, "  commodity:", "  name: Smith, Jones and Co\n  commodity:")).empty());
    EXPECT_TRUE(problems_of(replace(kMinimal, "[50000, 80000]", "[50000\n    , 80000]")).empty());
    EXPECT_TRUE(problems_of(replace(kMinimal, "  commodity:", "  name: \"Smith\"\n  commodity:")).empty());
    EXPECT_TRUE(problems_of(kMinimal + "equity: [{name: \"A, B\", share: 0.5}, {name: 'C', share: 0.5}]\n").empty());
    EXPECT_NE(one(kMinimal + "---\n" + kMinimal).rule.find("2 YAML documents"), std::string::npos);
}

TEST(DealLoader, OversizedTextIsRefusedBeforeParsing) {
    std::string huge = "a: [" + std::string(600 * 1024, '1') + "]\n";
    auto problems = problems_of(huge);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_NE(problems[0].rule.find("at most 524288 bytes"), std::string::npos) << problems[0].rule;
}

TEST(DealLoader, MissingFileIsAProblemNotACrash) {
    auto problems = validate_deal_file(kData + "no-such-file.yaml");
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_NE(problems[0].rule.find("cannot open"), std::string::npos);
    EXPECT_THROW(load_deal_file(kData + "no-such-file.yaml"), DealError);
}

TEST(DealLoader, EveryBundledExampleIsValid) {
    namespace fs = std::filesystem;
    int count = 0;
    for (const auto& entry : fs::recursive_directory_iterator(std::string(OFFTAKE_SOURCE_DIR) + "/examples")) {
        if (entry.path().extension() != ".yaml") continue;
        if (entry.path().stem().extension() == ".portfolio") continue;  // a portfolio, not a deal
        ++count;
        auto problems = validate_deal_file(entry.path().string());
        for (const auto& p : problems) ADD_FAILURE() << p.to_string();
    }
    EXPECT_GT(count, 0);
}
