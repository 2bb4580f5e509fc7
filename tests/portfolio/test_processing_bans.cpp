// Export bans by the processing country and the loss of spot supply from a restricting
// country (docs/portfolio.md section 2b), against the Poisson law of the country events:
// restrictions of Indonesia (ID) arrive at lambda = 0.2 a year and last exactly half a
// year, so 2031 is touched by one iff an arrival falls in [mid-2030, end of 2031], a
// window of 1.5 years: P = 1 - exp(-1.5 lambda). Each case is built so that any touch
// leaves the need unmet, so P(shortfall in 2031) is that probability, within four
// binomial standard errors.
#include "portfolio_fixture.hpp"

#include <offtake/portfolio.hpp>
#include <offtake/portfolio_run.hpp>

#include <cmath>

namespace {

constexpr double kLambda = 0.2;
constexpr std::uint64_t kPaths = 3000;

class ProcessingBans : public PortfolioTest {
  protected:
    void SetUp() override {
        PortfolioTest::SetUp();
        write("countries.yaml",
              "export_restrictions:\n"
              "  ID: {arrivals_per_year: 0.2, duration: {median_years: 0.5, sigma: 0, max_years: 5},"
              " restricted_share: 1.0, domestic_discount: 0.3}\n");
        DealSpec au;
        au.country = "AU";
        au.volume = 3000;
        write("au.yaml", deal_text(au));
        DealSpec us;
        us.volume = 8000;
        write("us.yaml", deal_text(us));
    }
    SupplyYear year_2031(const std::string& body) {
        const std::string file = write("p.yaml", "buyer: Carmaker\n" + body +
                                                     "country_events: {model: countries.yaml}\n");
        MonteCarloOptions o = quiet(kPaths, 2);
        o.score = false;
        const PortfolioResult r = run_portfolio(load_portfolio_file(file), o);
        for (const auto& y : r.products.at(0).years)
            if (y.year == 2031) return y;
        ADD_FAILURE() << "no 2031";
        return {};
    }
};

TEST_F(ProcessingBans, AProcessingCountrysBanFollowsThePoissonLaw) {
    // Mined in Australia (no model, no ban), processed in Indonesia: its whole 3,000 t
    // need unmet while Indonesia restricts.
    const SupplyYear y = year_2031(
        "needs:\n  - product: lithium_hydroxide\n    years: [{year: 2031, tonnes: 3000}]\n"
        "positions:\n  - {deal: au.yaml, offtakes: [Carmaker], processing_country: ID}\n");
    const double p = 1.0 - std::exp(-1.5 * kLambda), se = std::sqrt(p * (1 - p) / kPaths);
    EXPECT_NEAR(y.p_shortfall.at(0).value, p, 4.0 * se);
    // Contracted tonnes are the contract's; the delivered ones are cut.
    EXPECT_NEAR(*y.contracted.mean, 3000.0, 1e-6);
    EXPECT_LT(*y.delivered.mean, 3000.0);
    EXPECT_NEAR(*y.unmet.mean + *y.delivered.mean, 3000.0, 1e-6);  // no spot
}

TEST_F(ProcessingBans, ProcessedWhereMinedIsNotCut) {
    const SupplyYear y = year_2031(
        "needs:\n  - product: lithium_hydroxide\n    years: [{year: 2031, tonnes: 3000}]\n"
        "positions:\n  - {deal: au.yaml, offtakes: [Carmaker]}\n");
    EXPECT_EQ(y.p_shortfall.at(0).value, 0.0);
    EXPECT_NEAR(*y.delivered.p5, 3000.0, 1e-6);
}

TEST_F(ProcessingBans, SpotSupplyFromARestrictingCountryIsLost) {
    // 8,000 t contracted in the USA against 10,000 t: the 2,000 t gap is bought spot,
    // half of it from Indonesia; while Indonesia restricts, that half is lost.
    const SupplyYear y = year_2031(
        "needs:\n  - product: lithium_hydroxide\n    years: [{year: 2031, tonnes: 10000}]\n"
        "positions:\n  - {deal: us.yaml, offtakes: [Carmaker]}\n"
        "spot: {max_share: 0.2, shortage_premium: 0.3, sources: [{country: ID, share: 0.5}]}\n");
    const double p = 1.0 - std::exp(-1.5 * kLambda), se = std::sqrt(p * (1 - p) / kPaths);
    EXPECT_NEAR(y.p_shortfall.at(0).value, p, 4.0 * se);
    // At most half of the 2,000 t is ever lost.
    EXPECT_LE(*y.spot_tonnes.p5, 2000.0);
    EXPECT_GE(*y.spot_tonnes.p5, 1000.0 - 1e-6);
    EXPECT_NEAR(*y.spot_tonnes.mean + *y.unmet.mean, 2000.0, 1e-6);
}

TEST_F(ProcessingBans, SpotSourcesFollowTheFileRules) {
    auto problems = [&](const std::string& spot, const std::string& events) {
        const std::string file =
            write("q.yaml", "buyer: Carmaker\nneeds:\n  - product: lithium_hydroxide\n    years: [{year: 2031, tonnes: 1}]\n"
                            "positions:\n  - {deal: us.yaml, offtakes: [Carmaker]}\n" +
                                spot + events);
        std::string all;
        for (const auto& p : validate_portfolio_file(file)) all += p.field + ": " + p.rule + "\n";
        return all;
    };
    const std::string events = "country_events: {model: countries.yaml}\n";
    EXPECT_NE(problems("spot: {max_share: 0.2, sources: [{country: CN, share: 0.5}]}\n", events).find("not in the country model"),
              std::string::npos);
    EXPECT_NE(problems("spot: {max_share: 0.2, sources: [{country: ID, share: 0.5}]}\n", "").find("give country_events.model"),
              std::string::npos);
    EXPECT_NE(problems("spot: {max_share: 0.2, sources: [{country: ID, share: 0.7}, {country: ID, share: 0.1}]}\n", events)
                  .find("named twice"),
              std::string::npos);
    EXPECT_NE(problems("", "country_events: {model: none.yaml}\n").find("cannot be used"), std::string::npos);
    EXPECT_EQ(problems("spot: {max_share: 0.2, sources: [{country: ID, share: 0.5}]}\n", events), "");
}

}  // namespace

// Carbon intensity and the compliant share by hand (docs/portfolio.md section 5e): 6,000 t
// at 2.0 t CO2e/t meeting the standard, 4,000 t at 5.0 not meeting it, 2,000 t from a
// project that states none: 32,000 t CO2e over the 10,000 t that state one, 3.2 t/t;
// compliant 6,000 of 12,000 t, a half; at 50 per t CO2e, 1.6 m.
TEST_F(PortfolioTest, CarbonIntensityAndCompliantShareByHand) {
    DealSpec a, b, c;
    b.country = "AU";
    b.volume = 4000;
    c.country = "CA";
    c.volume = 2000;
    write("a.yaml", deal_text(a));
    write("b.yaml", deal_text(b));
    write("c.yaml", deal_text(c));
    const std::string file = write("p.yaml", R"(buyer: Carmaker
needs:
  - product: lithium_hydroxide
    years: [{year: 2031, tonnes: 12000}]
positions:
  - {deal: a.yaml, offtakes: [Carmaker], carbon: {intensity: 2.0, source: test figure, meets_standard: true}}
  - {deal: b.yaml, offtakes: [Carmaker], carbon: {intensity: 5.0, source: test figure}}
  - {deal: c.yaml, offtakes: [Carmaker]}
report: {carbon_price: 50, carbon_standard: the buyer's list}
)");
    MonteCarloOptions o = quiet(20);
    o.score = false;
    const PortfolioResult r = run_portfolio(load_portfolio_file(file), o);
    const SupplyYear& y = r.products.at(0).years.at(0);
    EXPECT_NEAR(*y.delivered.mean, 12000.0, 1e-6);
    EXPECT_NEAR(*y.carbon_tonnes.mean, 32000.0, 1e-6);
    EXPECT_NEAR(*y.carbon_intensity.mean, 3.2, 1e-12);
    EXPECT_NEAR(*y.compliant_share.mean, 0.5, 1e-12);
    EXPECT_NEAR(*y.carbon_cost.mean, 1.6e6, 1e-3);
    // A carbon statement needs its source.
    const std::string bad = write("q.yaml", R"(buyer: Carmaker
needs:
  - product: lithium_hydroxide
    years: [{year: 2031, tonnes: 12000}]
positions:
  - {deal: a.yaml, offtakes: [Carmaker], carbon: {intensity: 2.0}}
)");
    std::string all;
    for (const auto& p : validate_portfolio_file(bad)) all += p.field + ": " + p.rule + "\n";
    EXPECT_NE(all.find("positions[0].carbon"), std::string::npos) << all;
    EXPECT_NE(all.find("source"), std::string::npos) << all;
}
