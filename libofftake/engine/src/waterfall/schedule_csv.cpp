// write_schedule_csv(): the period table of a deterministic run.
#include "waterfall/period_columns.hpp"

#include <offtake/deterministic.hpp>
#include <offtake/reportable.hpp>

#include <ql/time/date.hpp>

#include <cstdio>
#include <ostream>
#include <string>

namespace offtake {

namespace {

// Through the gate of every writer (offtake/reportable.hpp): empty when not finite.
std::string num(double x) {
    if (!reportable(x)) return "";
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", x);
    return buf;
}

// Names become column suffixes: keep letters, digits and underscores.
std::string slug(const std::string& s) {
    std::string out;
    for (char c : s) out += (std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
    return out;
}

}  // namespace

void write_schedule_csv(const DealReport& report, std::ostream& out) {
    out << "period,start,end,year_fraction,construction";
    for (const auto& col : waterfall::kMoneyColumns) out << ',' << col.name;
    out << ",lockup,payment_default,event_of_default,in_default,dscr";
    for (std::size_t c = 0; c < report.deal.offtakes.size(); ++c) {
        const std::string b = std::to_string(c) + "_" + slug(report.deal.offtakes[c].buyer);
        out << ",delivered_" << b << ",price_" << b << ",revenue_" << b << ",penalty_" << b;
    }
    for (const auto& e : report.deal.equity) {
        const std::string s = slug(e.name);
        out << ",contribution_" << s << ",distribution_" << s;
    }
    out << '\n';
    for (const PeriodRow& r : report.periods) {
        out << r.period << ',' << iso_date(r.start) << ',' << iso_date(r.end) << ',' << num(r.year_fraction)
            << ',' << (r.construction ? 1 : 0);
        for (const auto& col : waterfall::kMoneyColumns) out << ',' << num(r.*(col.member));
        out << ',' << r.lockup << ',' << r.payment_default << ',' << r.event_of_default << ',' << r.in_default << ',';
        if (r.has_dscr) out << num(r.dscr);  // empty when absent
        for (std::size_t c = 0; c < r.delivered.size(); ++c)
            out << ',' << num(r.delivered[c]) << ',' << num(r.contract_price[c]) << ','
                << num(r.contract_revenue_by_offtake[c]) << ',' << num(r.penalty_by_offtake[c]);
        for (std::size_t i = 0; i < r.contribution_by_investor.size(); ++i)
            out << ',' << num(r.contribution_by_investor[i]) << ',' << num(r.distribution_by_investor[i]);
        out << '\n';
    }
}

}  // namespace offtake
