/* Prices a deal through libofftake's C API and prints its bankability.
 *
 *   price_deal DEAL.yaml [PATHS [SEED]]
 *
 * Loads the deal file, runs the base case, then a Monte Carlo run with PATHS simulated
 * price paths (default 2000) from SEED (default: the deal's own), and prints the main
 * numbers and the bankability scorecard, one "name value" pair a line so that other
 * programs (examples/python/offtake_ctypes.py) can print and compare the same lines.
 *
 * Build against an installed libofftake:
 *   cc -std=c99 price_deal.c $(pkg-config --cflags --libs libofftake) -o price_deal
 * or with CMake (CMakeLists.txt here): find_package(libofftake) and offtake::offtake.
 */
#include <offtake/offtake.h>

#include <stdio.h>
#include <stdlib.h>

/* Prints a failed call's status and message and leaves. */
static void die(const char* what, offtake_status status) {
    fprintf(stderr, "price_deal: %s failed: %s\n%s\n", what, offtake_status_name(status),
            offtake_last_error());
    exit(1);
}

#define TRY(call)                                  \
    do {                                           \
        offtake_status try_status_ = (call);       \
        if (try_status_ != OFFTAKE_OK) die(#call, try_status_); \
    } while (0)

/* One statistic, or "null" when the value is absent (an IRR with no root). */
static void print_stat(const offtake_result* result, const char* metric, int stat,
                       const char* label) {
    double value = 0.0;
    offtake_status status = offtake_result_stat(&value, result, metric, stat);
    if (status == OFFTAKE_OK)
        printf("%s %.10g\n", label, value);
    else if (status == OFFTAKE_E_ABSENT)
        printf("%s null\n", label);
    else
        die(metric, status);
}

int main(int argc, char** argv) {
    offtake_deal* deal = NULL;
    offtake_result* base = NULL;
    offtake_result* mc = NULL;
    offtake_simulation_options options;
    offtake_bankability bankability;
    size_t i;

    if (argc < 2) {
        fprintf(stderr, "usage: price_deal DEAL.yaml [PATHS [SEED]]\n");
        return 2;
    }
    TRY(offtake_simulation_options_init(&options, OFFTAKE_SIMULATION_OPTIONS_VERSION));
    options.paths = argc > 2 ? atoll(argv[2]) : 2000;
    options.seed = argc > 3 ? strtoull(argv[3], NULL, 10) : 0;
    options.threads = 2;

    printf("libofftake %s\n", offtake_version_string());
    TRY(offtake_deal_load_file(&deal, argv[1]));

    TRY(offtake_run_deterministic(&base, deal));
    print_stat(base, "npv", OFFTAKE_STAT_MEAN, "base.npv");
    print_stat(base, "irr", OFFTAKE_STAT_MEAN, "base.irr");
    print_stat(base, "dscr_min", OFFTAKE_STAT_MEAN, "base.dscr_min");

    TRY(offtake_simulate(&mc, deal, &options));
    print_stat(mc, "npv", OFFTAKE_STAT_MEAN, "mc.npv.mean");
    print_stat(mc, "npv", OFFTAKE_STAT_P10, "mc.npv.p10");
    print_stat(mc, "dscr_min", OFFTAKE_STAT_P50, "mc.dscr_min.p50");
    print_stat(mc, "p_default", OFFTAKE_STAT_MEAN, "mc.p_default");
    print_stat(mc, "p_default", OFFTAKE_STAT_STD_ERROR, "mc.p_default.std_error");

    TRY(offtake_result_bankability(&bankability, mc));
    printf("bankability.score %.10g\n", bankability.score);
    printf("bankability.category %s\n", bankability.category);
    printf("bankability.risk_weight %.10g\n", bankability.risk_weight);
    for (i = 0; i < bankability.factor_count; ++i) {
        offtake_bankability_factor factor;
        TRY(offtake_result_bankability_factor(&factor, mc, i));
        /* id, measured value (or null), sub-score 0-100, weight, contribution */
        if (factor.has_value)
            printf("bankability.factor %s %.10g %.10g %.10g %.10g\n", factor.id, factor.value,
                   factor.sub_score, factor.weight, factor.contribution);
        else
            printf("bankability.factor %s null %.10g %.10g %.10g\n", factor.id,
                   factor.sub_score, factor.weight, factor.contribution);
    }

    offtake_result_free(mc);
    offtake_result_free(base);
    offtake_deal_free(deal);
    return 0;
}
