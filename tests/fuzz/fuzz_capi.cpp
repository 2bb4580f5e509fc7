// libFuzzer target for the C API's load-set-run-read sequence (issue 7): whatever the
// bytes, every call must return a status, never crash, leak or trip a sanitizer.
//
// Input: deal YAML, then optionally a NUL byte and an edit script of 3-byte steps
// (operation, parameter, value) applied with offtake_deal_set_* before the run. The
// seeds are the bundled example deals (fuzz_capi.seeds) and an example with an edit
// script (tests/fuzz/corpus/fuzz_capi/). The edit script's bytes also choose the
// scenario of a one-path stress run (offtake_stress).
#include <offtake/offtake.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>

namespace {

const char* const kPaths[] = {
    "project.unit_opex", "project.royalty_rate", "project.tax_rate", "project.construction_periods",
    "project.mine_life_years", "project.production_tpa[0]", "project.construction_capex[0]",
    "project.time.frequency", "project.time.start", "price_deck.price", "price_deck.type",
    "discounting.rate", "offtakes[0].pricing.floor", "offtakes[0].pricing.cap",
    "offtakes[0].pricing.type", "offtakes[0].share", "offtakes[0].take_or_pay",
    "offtakes[1].pricing.escalate_floor_cap", "prepayment.amount", "prepayment.counts_as_debt_service",
    "debt.gearing", "debt.tenor_years", "debt.profile", "debt.target_dscr", "equity[0].share",
    "simulation.paths", "nonsense.path", "offtakes[99].share", "", "project..name"};

const double kNumbers[] = {0.0, -1.0, 1.0, 0.5, 1e-300, 1e300, 7000.0, 20000.0, 1e9, 2.5,
                           std::numeric_limits<double>::quiet_NaN(),
                           std::numeric_limits<double>::infinity(), -0.0, 240.0, 3.0, 100.0};

const char* const kTexts[] = {"quarterly", "annual", "fortnightly", "2026-01-01", "2026-02-30",
                              "collar", "fixed", "sculpted", "", "\xff\xfe", "flat", "curve"};

const char* const kMetrics[] = {"npv", "irr", "dscr_min", "dscr_avg", "llcr", "plcr", "equity_npv[0]", "x"};

void read_everything(const offtake_result* r) {
    double x = 0.0;
    for (const char* m : kMetrics)
        for (int s = -1; s <= 8; ++s) (void)offtake_result_stat(&x, r, m, s);
    size_t n = 0;
    (void)offtake_result_metric_count(&n, r);
    for (size_t i = 0; i <= n; ++i) {
        const char* name = nullptr;
        offtake_statistics st;
        if (offtake_result_metric_name(&name, r, i) == OFFTAKE_OK) (void)offtake_result_statistics(&st, r, name);
    }
    const double* values = nullptr;
    double buffer[16];
    for (const char* series : {"price", "cfads", "dscr", "cash_balance", "nope"}) {
        (void)offtake_result_band(&values, &n, r, series, OFFTAKE_STAT_MEAN);
        (void)offtake_result_band_copy(&n, buffer, 16, r, series, OFFTAKE_STAT_MEAN);
    }
    (void)offtake_result_period_times(&values, &n, r);
    const char* json = nullptr;
    (void)offtake_result_json(&json, &n, r);
    if (json != nullptr && std::strlen(json) != n) __builtin_trap();
}

// A stress run on one path with a scenario whose fields come from the bytes: the
// scenario checks must refuse every bad value with a status, and a run that starts
// must read back like any other result.
void stress_once(const offtake_deal* deal, const std::uint8_t* bytes, std::size_t size) {
    static const char* const kNames[] = {"down", "", "base", "two words", "a-b_c", nullptr};
    auto at = [&](std::size_t i) { return size == 0 ? std::uint8_t{0} : bytes[i % size]; };
    offtake_stress_scenario s[2];
    for (auto& one : s) (void)offtake_stress_scenario_init(&one, OFFTAKE_STRESS_SCENARIO_VERSION);
    s[0].name = kNames[at(0) % 6];
    s[0].price_shock = kNumbers[at(1) % 16];
    s[0].capex_overrun = kNumbers[at(2) % 16];
    s[0].construction_delay_periods = static_cast<int>(at(3) % 48) - 4;
    s[0].production_shortfall = kNumbers[at(4) % 16];
    s[0].opex_change = kNumbers[at(5) % 16];
    s[0].rate_shift_bps = kNumbers[at(6) % 16];
    s[1].name = kNames[at(7) % 6];
    if (at(8) & 1) s[1].version = at(9);
    offtake_simulation_options o;
    (void)offtake_simulation_options_init(&o, OFFTAKE_SIMULATION_OPTIONS_VERSION);
    o.paths = 1;
    o.threads = 1;
    offtake_result* r = nullptr;
    const std::size_t count = at(10) % 3;
    if (offtake_stress(&r, deal, count == 0 ? nullptr : s, count, &o) == OFFTAKE_OK) {
        read_everything(r);
        size_t n = 0;
        (void)offtake_result_item_count(&n, r);
        for (size_t i = 0; i <= n; ++i) {
            const char* label = nullptr;
            const offtake_result* item = nullptr;
            (void)offtake_result_item_label(&label, r, i);
            if (offtake_result_item(&item, r, i) == OFFTAKE_OK) read_everything(item);
        }
    } else if (r != nullptr || offtake_last_error()[0] == '\0') {
        __builtin_trap();
    }
    offtake_result_free(r);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto* begin = reinterpret_cast<const char*>(data);
    const auto* nul = static_cast<const char*>(std::memchr(begin, 0, size));
    const std::string yaml(begin, nul ? nul : begin + size);
    const std::uint8_t* script = nul ? data + (nul - begin) + 1 : data + size;
    const std::uint8_t* end = data + size;

    offtake_deal* deal = nullptr;
    if (offtake_deal_load_string(&deal, yaml.c_str(), "fuzz.yaml") != OFFTAKE_OK) {
        if (deal != nullptr || offtake_last_error()[0] == '\0') __builtin_trap();
        return 0;
    }
    const std::uint8_t* const script_start = script;
    for (; script + 3 <= end; script += 3) {
        const char* path = kPaths[script[1] % (sizeof kPaths / sizeof kPaths[0])];
        switch (script[0] % 6) {
            case 0: (void)offtake_deal_set_number(deal, path, kNumbers[script[2] % 16]); break;
            case 1: (void)offtake_deal_set_string(deal, path, kTexts[script[2] % 12]); break;
            case 2: (void)offtake_deal_set_bool(deal, path, script[2] & 1); break;
            case 3: { double x; (void)offtake_deal_get_number(&x, deal, path); break; }
            case 4: { char text[8]; size_t n; (void)offtake_deal_get_string(&n, text, sizeof text, deal, path); break; }
            default: { int b; (void)offtake_deal_get_bool(&b, deal, path); break; }
        }
    }
    offtake_problems* problems = nullptr;
    if (offtake_deal_validate(&problems, deal) == OFFTAKE_OK) {
        size_t n = 0;
        (void)offtake_problems_count(&n, problems);
        offtake_problem p;
        for (size_t i = 0; i <= n; ++i) (void)offtake_problems_get(&p, problems, i);
        offtake_problems_free(problems);
    }
    offtake_result* r = nullptr;
    if (offtake_run_deterministic(&r, deal) == OFFTAKE_OK) read_everything(r);
    offtake_result_free(r);
    stress_once(deal, script_start, static_cast<std::size_t>(end - script_start));
    size_t length = 0;
    (void)offtake_deal_to_yaml(&length, nullptr, 0, deal);
    offtake_deal_free(deal);
    return 0;
}
