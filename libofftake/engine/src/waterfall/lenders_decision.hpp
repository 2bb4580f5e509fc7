// What the lenders and a buyer of the project can know at an event of default, and the
// decision they take on it (docs/credit.md section 3).
//
// At an event of default in period e the path is known up to e and nothing after it.
// The buyer's view of the future is the deal's price deck rescaled to pass through the
// price of period e,  S^_t = deck_t x S_e / deck_e  for t > e  (the path's own prices up
// to e), with every buyer that has not defaulted by e assumed to perform. A going-concern
// sale is valued on that view (V, the value of the cash its new owner then expects, at
// the distressed rate), and under the rule `best` the lenders compare the two responses on
// it too: deciding on the path's own future would be perfect foresight.
#pragma once

#include "waterfall/prepared_deal.hpp"

#include <offtake/engine.hpp>

namespace offtake {

struct LendersDecision {
    LenderResponse response = LenderResponse::Restructure;
    double sale_value = 0.0;  // enforce: V at the default date, on the buyer's view
};

// out[0..n]: price[t] for t <= e, then deck_t x price[e] / deck_e (the deck itself when
// deck_e is not positive, since no ratio can be taken).
void buyers_price_view(const PreparedDeal& p, const double* price, int e, double* out);

// After a run of the path found its event of default in period e: the rule's response,
// or under `best` the one that recovers more on the buyer's view, and V. Runs the
// waterfall on the view once (enforce) or twice (`best`), in scratch's buffers and its
// `alternative` result; allocates nothing once the scratch is sized.
LendersDecision decide_at_default(const PreparedDeal& p, const PathInputs& in, int e, PathScratch& scratch);

}  // namespace offtake
