// DealDocument: typed get/set by parameter path, defaults, errors naming path and
// rule, round trips through to_yaml, and the Deal it yields.
#include <offtake/deal_file.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <iterator>
#include <limits>
#include <string>

using namespace offtake;

namespace {

const std::string kComplete = std::string(OFFTAKE_SOURCE_DIR) + "/tests/io/data/complete_deal.yaml";

// The DealError's single problem, for checking its path and rule.
template <class F>
Problem error_of(F&& f) {
    try {
        f();
    } catch (const DealError& e) {
        EXPECT_GE(e.problems().size(), 1u);
        return e.problems().front();
    }
    ADD_FAILURE() << "expected a DealError";
    return {};
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST(DealDocument, GetsTypedValuesByPath) {
    DealDocument doc = DealDocument::from_file(kComplete);
    EXPECT_EQ(doc.source(), kComplete);
    EXPECT_EQ(doc.get_number("debt.margin_bps"), 350);
    EXPECT_EQ(doc.get_number("offtakes[0].pricing.floor"), 12000);
    EXPECT_EQ(doc.get_number("project.construction_periods"), 6);
    EXPECT_EQ(doc.get_number("project.production_tpa[2]"), 40000);
    EXPECT_EQ(doc.get_number("price_deck.table[1].price"), 17000);
    EXPECT_EQ(doc.get_string("project.time.start"), "2026-01-01");
    EXPECT_EQ(doc.get_string("project.time.frequency"), "semiannual");
    EXPECT_EQ(doc.get_string("offtakes[1].buyer"), "Trader B");
    EXPECT_TRUE(doc.get_bool("offtakes[0].pricing.escalate_floor_cap"));
    EXPECT_FALSE(doc.get_bool("prepayment.counts_as_debt_service"));
}

TEST(DealDocument, AbsentFieldsGiveTheirDocumentedDefault) {
    DealDocument doc = DealDocument::from_file(kComplete);
    // offtakes[1] gives no recovery: default 0.4 (deal.hpp).
    EXPECT_FALSE(doc.has("offtakes[1].recovery"));
    EXPECT_EQ(doc.get_number("offtakes[1].recovery"), 0.4);
    EXPECT_EQ(doc.get_number("offtakes[1].pricing.discount"), 0.0);
    EXPECT_FALSE(doc.get_bool("offtakes[1].pricing.escalate_floor_cap"));
    // No default: absent floor is an open collar side, not a number.
    Problem p = error_of([&] { doc.get_number("offtakes[1].pricing.floor"); });
    EXPECT_EQ(p.field, "offtakes[1].pricing.floor");
    EXPECT_TRUE(contains(p.rule, "not set in the deal and has no default"));
}

TEST(DealDocument, KindNamesWhatAPathHolds) {
    DealDocument doc = DealDocument::from_file(kComplete);
    EXPECT_EQ(doc.kind("debt.margin_bps"), ParamKind::Number);
    EXPECT_EQ(doc.kind("debt.grace_periods"), ParamKind::Integer);
    EXPECT_EQ(doc.kind("project.time.start"), ParamKind::Date);
    EXPECT_EQ(doc.kind("debt.profile"), ParamKind::Choice);
    EXPECT_EQ(doc.kind("offtakes"), ParamKind::List);
    EXPECT_EQ(doc.kind("offtakes[0].pricing"), ParamKind::Map);
    EXPECT_EQ(doc.kind("offtakes[7].pricing.cap"), ParamKind::Number);  // schema only: no index check
    EXPECT_EQ(doc.kind("prepayment.counts_as_debt_service"), ParamKind::Boolean);
    EXPECT_EQ(doc.kind("guarantee.provider"), ParamKind::String);
}

TEST(DealDocument, SetThenGetRoundTripsAndReachesTheDeal) {
    DealDocument doc = DealDocument::from_file(kComplete);
    doc.set_number("debt.margin_bps", 412.5);
    doc.set_number("offtakes[0].take_or_pay", 0.1 + 0.2);  // not exactly 0.3: must survive as text
    doc.set_string("debt.profile", "annuity");
    doc.set_string("offtakes[0].end", "2040-06-30");
    doc.set_bool("prepayment.counts_as_debt_service", true);
    doc.set_number("project.production_tpa[0]", 12345);
    EXPECT_EQ(doc.get_number("debt.margin_bps"), 412.5);
    EXPECT_EQ(doc.get_number("offtakes[0].take_or_pay"), 0.1 + 0.2);
    Deal changed = doc.to_deal();
    EXPECT_EQ(changed.debt->margin_bps, 412.5);
    EXPECT_EQ(changed.offtakes[0].take_or_pay, 0.1 + 0.2);
    EXPECT_EQ(changed.debt->profile, SeniorDebt::Profile::Annuity);
    EXPECT_EQ(changed.offtakes[0].end, QuantLib::Date(30, QuantLib::June, 2040));
    EXPECT_TRUE(changed.prepayment->counts_as_debt_service);
    EXPECT_EQ(changed.project.production_tpa[0], 12345);
    Deal d = DealDocument::from_file(kComplete).to_deal();
    EXPECT_EQ(d.debt->margin_bps, 350);  // the file is unchanged
}

TEST(DealDocument, SetRefusesValuesBreakingRelations) {
    DealDocument doc = DealDocument::from_file(kComplete);
    Problem p = error_of([&] { doc.set_number("offtakes[0].pricing.floor", 35000); });  // cap is 30000
    EXPECT_EQ(p.field, "offtakes[0].pricing.floor");
    EXPECT_TRUE(contains(p.rule, "floor must not exceed cap (floor 35000 > cap 30000)")) << p.rule;
    EXPECT_EQ(doc.get_number("offtakes[0].pricing.floor"), 12000);  // unchanged
    p = error_of([&] { doc.set_number("equity[0].share", 0.7); });
    EXPECT_EQ(p.field, "equity");
    EXPECT_TRUE(contains(p.rule, "sum to 1.08")) << p.rule;
    p = error_of([&] { doc.set_string("prepayment.buyer", "Nobody"); });
    EXPECT_TRUE(contains(p.rule, "not the buyer of any offtake")) << p.rule;
}

TEST(DealDocument, RoundTripPreservesValuesExactly) {
    DealDocument doc = DealDocument::from_file(kComplete);
    doc.set_number("debt.margin_bps", 1.0 / 3.0 * 1000);
    doc.set_number("discounting.rate", 0.0812345678901234);
    doc.set_string("project.name", "123");  // a name that looks like a number stays a name
    DealDocument again = DealDocument::from_string(doc.to_yaml(), "again.yaml");
    EXPECT_EQ(again.get_number("debt.margin_bps"), 1.0 / 3.0 * 1000);
    EXPECT_EQ(again.get_number("discounting.rate"), 0.0812345678901234);
    EXPECT_EQ(again.get_string("project.name"), "123");
    Deal a = doc.to_deal(), b = again.to_deal();
    EXPECT_EQ(a.debt->margin_bps, b.debt->margin_bps);
    EXPECT_EQ(a.project.construction_capex, b.project.construction_capex);
    EXPECT_EQ(a.offtakes[0].pricing.floor, b.offtakes[0].pricing.floor);
    EXPECT_EQ(b.project.name, "123");
}

TEST(DealDocument, SettingAbsentOptionalFieldsCreatesThem) {
    DealDocument doc = DealDocument::from_file(kComplete);
    // Index -> collar takes two steps inconsistent in between (a collar needs a bound,
    // and discount_abs is index-only): with relation checks on, the first is refused.
    Problem refused = error_of([&] { doc.set_string("offtakes[2].pricing.type", "collar"); });
    EXPECT_TRUE(contains(refused.rule, "collar pricing needs a floor, a cap or both")) << refused.rule;
    EXPECT_EQ(refused.line, 0);  // pricing.floor is absent from the file: no position
    doc.set_relation_checks(false);
    doc.set_string("offtakes[2].pricing.type", "collar");
    doc.set_number("offtakes[2].pricing.floor", 9000);
    EXPECT_THROW(doc.set_number("offtakes[2].pricing.floor", -1), DealError);  // own rule still checked
    doc.set_relation_checks(true);
    doc.set_number("offtakes[2].recovery", 0.25);
    auto problems = doc.validate();  // discount_abs is still given, and index-only
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].field, "offtakes[2].pricing.discount_abs");
    EXPECT_GT(problems[0].line, 0);  // an existing node keeps its file position
    EXPECT_THROW(doc.to_deal(), DealError);
    doc.unset("offtakes[2].pricing.discount_abs");
    EXPECT_FALSE(doc.has("offtakes[2].pricing.discount_abs"));
    EXPECT_TRUE(doc.validate().empty());
    Deal d = doc.to_deal();
    EXPECT_EQ(d.offtakes[2].pricing.type, Pricing::Type::Collar);
    EXPECT_EQ(d.offtakes[2].pricing.floor, 9000.0);
    EXPECT_FALSE(d.offtakes[2].pricing.cap.has_value());
    EXPECT_EQ(d.offtakes[2].pricing.discount_abs, 0.0);
    EXPECT_EQ(d.offtakes[2].recovery, 0.25);  // absent before: created

    // A whole absent section: assessment exists, simulation too; use a minimal deal.
    DealDocument minimal = DealDocument::from_string(
        "project: {commodity: copper_cathode, time: {start: 2026-01-01}, construction_periods: 1,\n"
        "          mine_life_years: 10, production_tpa: [1000], construction_capex: [1e6]}\n"
        "price_deck: {type: flat, price: 9000}\n"
        "discounting: {rate: 0.08}\n"
        "offtakes: [{buyer: X, share: 0.5, pricing: {type: collar, cap: 12000}}]\n",
        "minimal.yaml");
    EXPECT_FALSE(minimal.has("offtakes[0].pricing.floor"));
    minimal.set_number("offtakes[0].pricing.floor", 8000);  // absent optional field
    EXPECT_EQ(minimal.to_deal().offtakes[0].pricing.floor, 8000.0);
    EXPECT_THROW(minimal.set_number("offtakes[0].pricing.floor", 12500), DealError);  // above the cap
    minimal.set_number("assessment.country_risk", 55);
    EXPECT_EQ(minimal.to_deal().assessment.country_risk, 55.0);
    // debt.margin_bps alone creates a debt section lacking its required gearing: refused.
    Problem p = error_of([&] { minimal.set_number("debt.margin_bps", 300); });
    EXPECT_TRUE(contains(p.rule, "missing required field 'gearing'")) << p.rule;
    EXPECT_FALSE(minimal.has("debt"));
}

TEST(DealDocument, ErrorsNamePathAndRule) {
    DealDocument doc = DealDocument::from_file(kComplete);
    Problem p = error_of([&] { doc.get_number("debt.margin_bp"); });
    EXPECT_EQ(p.field, "debt.margin_bp");
    EXPECT_TRUE(contains(p.rule, "unknown parameter path")) << p.rule;
    EXPECT_TRUE(contains(p.rule, "did you mean 'margin_bps'")) << p.rule;

    p = error_of([&] { doc.get_number("offtakes[3].buyer_pd"); });
    EXPECT_TRUE(contains(p.rule, "index 3 out of range (the list has 3 items)")) << p.rule;
    p = error_of([&] { doc.set_number("offtakes[9].pricing.floor", 1); });
    EXPECT_TRUE(contains(p.rule, "index 9 out of range")) << p.rule;

    p = error_of([&] { doc.get_string("debt.margin_bps"); });
    EXPECT_TRUE(contains(p.rule, "is a number, not readable or writable with get_string")) << p.rule;
    p = error_of([&] { doc.get_number("offtakes[0].pricing"); });
    EXPECT_TRUE(contains(p.rule, "is a map")) << p.rule;

    p = error_of([&] { doc.set_number("debt.gearing", 1.5); });
    EXPECT_EQ(p.field, "debt.gearing");
    EXPECT_TRUE(contains(p.rule, "must be in [0, 1], got 1.5")) << p.rule;
    p = error_of([&] { doc.set_number("debt.gearing", std::nan("")); });
    EXPECT_TRUE(contains(p.rule, "finite")) << p.rule;
    p = error_of([&] { doc.set_number("debt.grace_periods", 2.5); });
    EXPECT_TRUE(contains(p.rule, "whole number")) << p.rule;
    p = error_of([&] { doc.set_string("debt.profile", "bullet"); });
    EXPECT_TRUE(contains(p.rule, "must be one of annuity, straight_line, sculpted")) << p.rule;
    p = error_of([&] { doc.set_string("project.time.start", "01/01/2026"); });
    EXPECT_TRUE(contains(p.rule, "expected a date YYYY-MM-DD")) << p.rule;
    p = error_of([&] { doc.set_number("offtakes", 1); });
    EXPECT_TRUE(contains(p.rule, "is a list")) << p.rule;
    p = error_of([&] { doc.get_number("offtakes.buyer"); });
    EXPECT_TRUE(contains(p.rule, "give an index")) << p.rule;
    p = error_of([&] { doc.get_number("debt..margin_bps"); });
    EXPECT_TRUE(contains(p.rule, "malformed parameter path")) << p.rule;
}

TEST(DealDocument, WrongTypeInTheFileIsReportedWithItsPosition) {
    DealDocument doc = DealDocument::from_string(
        "project:\n"
        "  unit_opex: cheap\n",
        "bad.yaml");
    Problem p = error_of([&] { doc.get_number("project.unit_opex"); });
    EXPECT_EQ(p.file, "bad.yaml");
    EXPECT_EQ(p.line, 2);
    EXPECT_EQ(p.column, 14);
    EXPECT_TRUE(contains(p.rule, "expected a number, got 'cheap'")) << p.rule;
    EXPECT_THROW(doc.to_deal(), DealError);
    EXPECT_FALSE(doc.validate().empty());
}

TEST(DealDocument, CopiesAreIndependent) {
    DealDocument a = DealDocument::from_file(kComplete);
    DealDocument b = a;
    b.set_number("debt.margin_bps", 500);
    EXPECT_EQ(a.get_number("debt.margin_bps"), 350);
    EXPECT_EQ(b.get_number("debt.margin_bps"), 500);
}

TEST(DealDocument, UnreadableTextThrowsAtConstruction) {
    EXPECT_THROW(DealDocument::from_string("", "empty.yaml"), DealError);
    EXPECT_THROW(DealDocument::from_string("[1, 2]", "list.yaml"), DealError);
    EXPECT_THROW(DealDocument::from_file("/nonexistent/deal.yaml"), DealError);
}

TEST(DealDocument, CopiesKeepFilePositionsAndEdits) {
    DealDocument a = DealDocument::from_string("project:\n  unit_opex: cheap\n", "bad.yaml");
    a.set_number("project.inflation", 0.02);
    DealDocument b = a;
    EXPECT_EQ(b.get_number("project.inflation"), 0.02);
    EXPECT_THROW(b.unset("project.time.start"), DealError);  // required
    Problem p = error_of([&] { b.get_number("project.unit_opex"); });
    EXPECT_EQ(p.line, 2);
    EXPECT_EQ(p.column, 14);
}

// --- Issue 12, defect 10: YAML aliases share nodes --------------------------------------
// yaml-cpp gives an alias the anchored node itself, so an edit through one path changed
// every field that used the alias. An edit now changes its own path only.
namespace {
std::string aliased_deal() {
    std::ifstream in(kComplete);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto replace = [&](const std::string& key, const std::string& value) {
        const auto at = text.find("  " + key + ":");
        EXPECT_NE(at, std::string::npos) << key;
        const auto end = text.find('\n', at);
        text.replace(at, end - at, "  " + key + ": " + value);
    };
    replace("production_tpa", "[&tonnes 30000, 40000, *tonnes]");
    replace("sustaining_capex", "&costs [*tonnes, 45000]");
    replace("fixed_opex", "*costs");
    return text;
}
}  // namespace

TEST(DealDocument, AnEditThroughAnAliasChangesOnlyItsOwnPath) {
    DealDocument doc = DealDocument::from_string(aliased_deal(), "aliased.yaml");
    ASSERT_EQ(doc.get_number("project.sustaining_capex[0]"), 30000);
    ASSERT_EQ(doc.get_number("project.fixed_opex[1]"), 45000);
    doc.set_number("project.production_tpa[0]", 35000);
    EXPECT_EQ(doc.get_number("project.production_tpa[0]"), 35000);
    EXPECT_EQ(doc.get_number("project.production_tpa[2]"), 30000);
    EXPECT_EQ(doc.get_number("project.sustaining_capex[0]"), 30000);
    EXPECT_EQ(doc.get_number("project.fixed_opex[0]"), 30000);
    doc.set_number("project.fixed_opex[1]", 50000);  // a whole list shared by alias
    EXPECT_EQ(doc.get_number("project.fixed_opex[1]"), 50000);
    EXPECT_EQ(doc.get_number("project.sustaining_capex[1]"), 45000);
    doc.set_number("project.sustaining_capex[0]", 31000);  // inside the shared list
    EXPECT_EQ(doc.get_number("project.fixed_opex[0]"), 30000);
    EXPECT_EQ(doc.get_number("project.production_tpa[2]"), 30000);
    // The order of keys and items is kept, and the export reads back the same values.
    DealDocument back = DealDocument::from_string(doc.to_yaml(), "back.yaml");
    for (const char* path : {"project.production_tpa[0]", "project.production_tpa[1]", "project.production_tpa[2]",
                             "project.sustaining_capex[0]", "project.sustaining_capex[1]",
                             "project.fixed_opex[0]", "project.fixed_opex[1]"})
        EXPECT_EQ(back.get_number(path), doc.get_number(path)) << path;
    const std::string yaml = doc.to_yaml();
    EXPECT_LT(yaml.find("production_tpa"), yaml.find("sustaining_capex"));
    EXPECT_LT(yaml.find("sustaining_capex"), yaml.find("fixed_opex"));
    // A copy replays the edits on its own tree the same way.
    DealDocument copy(doc);
    EXPECT_EQ(copy.get_number("project.sustaining_capex[0]"), 31000);
    EXPECT_EQ(copy.get_number("project.fixed_opex[0]"), 30000);
    EXPECT_EQ(copy.get_number("project.production_tpa[0]"), 35000);
}

// --- Issue 12, defect 9: setters accept only what the loader accepts ---------------------
TEST(DealDocument, SetStringRefusesTextTheLoaderWouldRefuse) {
    DealDocument doc = DealDocument::from_file(kComplete);
    const std::string before = doc.get_string("project.name");
    const char* bad[] = {"\xff\xfe",            // not UTF-8
                         "\xc0\xaf",            // overlong '/'
                         "\xed\xa0\x80",        // a UTF-16 surrogate
                         "\xf4\x90\x80\x80",    // U+110000, past Unicode
                         "Mine\x7f",            // DEL
                         "Mine\x01", "A\nB",    // control characters
                         "\xc2\x85"};           // U+0085, a C1 control
    for (const char* text : bad) {
        SCOPED_TRACE(testing::PrintToString(std::string(text)));
        const Problem p = error_of([&] { doc.set_string("project.name", text); });
        EXPECT_EQ(p.field, "project.name");
        EXPECT_TRUE(contains(p.rule, "not UTF-8") || contains(p.rule, "control character")) << p.rule;
        EXPECT_EQ(doc.get_string("project.name"), before);
    }
    doc.set_string("project.name", "Salar de Atacama \xe2\x80\x93 fase 2");  // an en dash is fine
    EXPECT_NO_THROW(DealDocument::from_string(doc.to_yaml(), "back.yaml").to_deal());
}

TEST(DealDocument, EscapedControlCharactersInNamesAreRefusedOnLoad) {
    std::ifstream in(kComplete);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto at = text.find("  name:");
    ASSERT_NE(at, std::string::npos);
    text.replace(at, text.find('\n', at) - at, "  name: \"\\0\\x01\\a\"");
    const auto problems = validate_deal_string(text, "escaped.yaml");
    ASSERT_FALSE(problems.empty());
    EXPECT_EQ(problems.front().field, "project.name");
    EXPECT_TRUE(contains(problems.front().rule, "control character U+0000")) << problems.front().rule;
}

TEST(DealDocument, AHugeParameterPathIsNotEchoedInFull) {
    DealDocument doc = DealDocument::from_file(kComplete);
    const std::string path(1 << 20, 'x');
    const Problem p = error_of([&] { doc.set_number(path, 1.0); });
    EXPECT_LT(p.to_string().size(), 1000u);
    EXPECT_TRUE(contains(p.to_string(), "1048576 characters")) << p.to_string().substr(0, 300);
}
