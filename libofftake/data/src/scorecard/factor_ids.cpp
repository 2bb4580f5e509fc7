// The factor ids a scorecard file may name (docs/bankability.md lists what each measures).
#include <offtake/scorecard.hpp>

#include <algorithm>

namespace offtake {

const std::vector<std::string>& scorecard_factor_ids() {
    static const std::vector<std::string> ids{
        "p50_dscr_min",     "p10_dscr_min",     "p50_llcr",      "p10_llcr",        "p50_plcr",
        "p_default",        "p_dscr_below_1",   "expected_loss", "expected_loss_net",
        "pd_annual",        "annual_expected_loss", "annual_expected_loss_net",
        "contracted_share", "floor_protection", "buyer_pd",      "guarantee_cover", "dsra_months",
        "prepayment_ranking", "country_risk",   "sponsor_strength", "esg_standing"};
    return ids;
}

bool factor_measures_senior_debt(const std::string& id) {
    // Every id but the revenue-certainty and stated ones: those describe the project and
    // its buyers whoever funds it.
    static const std::vector<std::string> debt{
        "p50_dscr_min",      "p10_dscr_min",    "p50_llcr",    "p10_llcr",           "p50_plcr",
        "p_default",         "p_dscr_below_1",  "expected_loss", "expected_loss_net", "guarantee_cover",
        "pd_annual",         "annual_expected_loss", "annual_expected_loss_net",
        "dsra_months",       "prepayment_ranking"};
    return std::find(debt.begin(), debt.end(), id) != debt.end();
}

}  // namespace offtake
