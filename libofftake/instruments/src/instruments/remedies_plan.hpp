// What happens when the project cannot pay (conventions section 8, docs/credit.md),
// compiled once on the period grid by prepare(): the cure period as a period index, the
// restructuring horizon, the enforcement terms and the rate recoveries are discounted
// at; and the sponsors' cash deficiency support after COD.
#pragma once

#include <vector>

namespace offtake {

// The lenders' response in one run of the waterfall. The deal's rule `best` runs the
// path once with each and keeps the one that recovers more (run_path).
enum class LenderResponse { Restructure, Enforce };

struct RemediesPlan {
    bool best = true;                      // the rule: whichever recovers more
    LenderResponse response = LenderResponse::Restructure;  // the rule when not best
    // cure_last[t]: the last period by whose end a shortfall first missed in period t
    // must be cured (d_u <= d_t + cure_days); t itself when the cure period is shorter
    // than a period.
    std::vector<int> cure_last;
    int horizon = 0;                       // restructure: the sweep's last period
    double distressed_rate = 0.15;         // enforce: going-concern value's discount rate
    double enforcement_cost = 0.10;        // enforce: share of that value spent on the sale
    std::vector<double> recovery_rate;     // per period of default: recoveries' discount rate
};

struct SponsorSupportPlan {
    bool active = false;
    double amount = 0.0;                   // total draws allowed
    int last_period = -1;                  // available in operating periods up to this one
    bool senior = false;                   // repaid before senior debt service
};

}  // namespace offtake
