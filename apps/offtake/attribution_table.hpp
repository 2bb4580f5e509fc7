// `offtake run --attribution`: what drives the result, as a table and as CSV
// (docs/risks.md section 4). The numbers are attribute_risks()'s; the JSON document
// carries the same object under `attribution`.
#pragma once

#include <offtake/attribution.hpp>

#include <string>

namespace offtake::cli {

std::string attribution_table(const Attribution& a, const std::string& currency);
// family,in_deal,variant,p_default,expected_loss,npv_p10,dscr_min_p10,p_shortfall
// (variant: all, without, effect), plain units.
std::string attribution_csv(const Attribution& a);

}  // namespace offtake::cli
