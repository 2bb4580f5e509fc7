// libFuzzer target for the calibration CSV readers: the dated price series and the
// futures panel. Any input must give data or a DealError naming the source, never a
// crash, hang or sanitizer report. An accepted series has at least 3 positive finite
// prices on strictly increasing dates; an accepted panel at least 10 increasing dates
// and dates x maturities cells, each positive or missing (NaN).
#include <offtake/calibration.hpp>
#include <offtake/errors.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace {
void check_problems(const offtake::DealError& e) {
    if (e.problems().empty()) std::abort();
    for (const auto& p : e.problems())
        if (p.file != "fuzz.csv" || p.rule.empty() || p.rule.size() > 1000) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const auto s = offtake::parse_price_series(text, "fuzz.csv");
        if (s.prices.size() < 3 || s.prices.size() != s.dates.size()) std::abort();
        for (std::size_t i = 0; i < s.prices.size(); ++i) {
            if (!(s.prices[i] > 0.0) || !std::isfinite(s.prices[i])) std::abort();
            if (i > 0 && !(s.dates[i] > s.dates[i - 1])) std::abort();
        }
    } catch (const offtake::DealError& e) {
        check_problems(e);
    }
    try {
        const auto p = offtake::parse_futures_panel(text, "fuzz.csv");
        if (p.dates.size() < 10 || p.maturities.empty() || p.prices.size() != p.dates.size() * p.maturities.size())
            std::abort();
        for (double v : p.prices)
            if (!(std::isnan(v) || (v > 0.0 && std::isfinite(v)))) std::abort();
        for (std::size_t i = 1; i < p.dates.size(); ++i)
            if (!(p.dates[i] > p.dates[i - 1])) std::abort();
    } catch (const offtake::DealError& e) {
        check_problems(e);
    }
    return 0;
}
