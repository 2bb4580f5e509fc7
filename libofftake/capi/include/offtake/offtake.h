/*
 * offtake.h -- the C interface of libofftake.
 *
 * A stable C99 interface over the C++ engine, for treasury and risk systems that embed
 * libofftake from C, C#, Java, Python or spreadsheet add-ins. Reference and guide:
 * docs/c-api.md.
 *
 * Conventions that hold for every function unless its comment says otherwise:
 *
 *  - Names: every symbol starts with `offtake_` (types, functions) or `OFFTAKE_`
 *    (macros, enumerators).
 *  - Status: functions return an `offtake_status`; OFFTAKE_OK (0) is success. The
 *    version queries, offtake_last_error(), offtake_status_name() and the `_free`
 *    functions cannot fail and return their value (or nothing) directly.
 *  - Output parameters come first, then the handle the call acts on, then inputs.
 *    On failure, output handles are set to NULL and output numbers to 0 when the
 *    output pointer itself is not NULL.
 *  - Errors: after any call, offtake_last_error() gives a message for the calling
 *    thread saying what went wrong and where ("file:line:column: field: rule" for deal
 *    errors); it is "" after a successful call.
 *  - Ownership: a handle returned through an `offtake_x**` output belongs to the caller,
 *    who releases it with the matching offtake_x_free(). Pointers returned through a
 *    `const T**` output are borrowed: they live as long as the handle they came from
 *    and must not be freed. Strings passed in are copied; the caller keeps ownership.
 *  - NULL: a NULL handle or NULL pointer argument gives OFFTAKE_E_MISUSE, never a
 *    crash. `_free(NULL)` does nothing. A handle used after it was freed gives
 *    OFFTAKE_E_MISUSE (see "Freed handles" below for the limits).
 *  - Exceptions: no C++ exception ever leaves the library; std::bad_alloc becomes
 *    OFFTAKE_E_NOMEM and anything unexpected OFFTAKE_E_INTERNAL.
 *  - Units: money in the deal's currency (USD unless the deal says otherwise), rates and
 *    probabilities as fractions (0.08 = 8 %), tonnes, years from the deal's start date.
 *
 * Threading: the library keeps no global computation state (nothing depends on
 * QuantLib's global evaluation date) and may be called from any number of threads.
 * Distinct handles may be used from distinct threads at once. A deal handle may be
 * shared by several threads as long as none of them modifies it (offtake_deal_set_*,
 * offtake_deal_unset, offtake_deal_free): runs, reads, copies and validation only read
 * it (the handle serialises them internally). A result handle may be
 * shared for reading by several threads. offtake_last_error() is per thread.
 *
 * Freed handles: the library keeps a registry of live handles, so passing a handle
 * that was freed returns OFFTAKE_E_MISUSE without touching its memory. The check
 * cannot tell a freed handle from a new handle of the same kind that happens to
 * reuse its address; freeing a handle while another thread uses it is undefined.
 */
#ifndef OFFTAKE_H
#define OFFTAKE_H

#include <offtake/export.h>
#include <offtake/version.h>

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------
 * Status codes
 * ------------------------------------------------------------------------------- */

typedef enum offtake_status {
    OFFTAKE_OK = 0,
    OFFTAKE_E_MISUSE = 1,             /* NULL handle or pointer, freed handle, bad options struct */
    OFFTAKE_E_INVALID_DEAL = 2,       /* the deal breaks one or more rules (file, line, field, rule) */
    OFFTAKE_E_UNKNOWN_PARAMETER = 3,  /* no deal parameter at that path */
    OFFTAKE_E_TYPE = 4,               /* the parameter has another type (number, string, bool) */
    OFFTAKE_E_RANGE = 5,              /* a value or option outside its allowed range */
    OFFTAKE_E_IO = 6,                 /* a file could not be read */
    OFFTAKE_E_CANCELLED = 7,          /* the progress callback asked to stop */
    OFFTAKE_E_NOMEM = 8,              /* out of memory */
    OFFTAKE_E_INTERNAL = 9,           /* a bug or an unexpected failure inside the library */
    OFFTAKE_E_NOT_FOUND = 10,         /* no metric, series or item of that name or index */
    OFFTAKE_E_ABSENT = 11,            /* the value is absent (null), e.g. an IRR with no root */
    OFFTAKE_E_BUFFER = 12,            /* the caller's buffer is too small; the size needed is reported */
    OFFTAKE_E_UNSUPPORTED = 13        /* this kind of result does not carry what was asked */
} offtake_status;

/* The enumerator's name without its prefix ("OK", "E_MISUSE", ...), or "UNKNOWN".
   Static storage; never fails; thread-safe. */
OFFTAKE_API const char* offtake_status_name(int status);

/* The calling thread's message about its last call into the library: "" after a
   success. Never NULL. Valid until the thread's next call into the library (copy it if
   you need it longer). Deal errors list every problem, one a line, as
   "file:line:column: field: rule". */
OFFTAKE_API const char* offtake_last_error(void);

/* ---------------------------------------------------------------------------------
 * Version
 *
 * OFFTAKE_VERSION_STRING / _NUMBER / OFFTAKE_ABI_VERSION (from offtake/version.h) are
 * the version of the header you compile against; the functions return the version of
 * the library loaded at run time. A program built against ABI n runs with any library
 * whose offtake_abi_version() is n (the shared library's SONAME is libofftake.so.n).
 * All three never fail and are thread-safe.
 * ------------------------------------------------------------------------------- */

OFFTAKE_API const char* offtake_version_string(void); /* "MAJOR.MINOR.PATCH", static */
OFFTAKE_API int offtake_version_number(void);         /* MAJOR*10000 + MINOR*100 + PATCH */
OFFTAKE_API int offtake_abi_version(void);

/* ---------------------------------------------------------------------------------
 * Deals
 *
 * An offtake_deal is an editable deal document: the YAML deal file (schema in
 * docs/deal-file.md) plus the changes made through offtake_deal_set_*. It is checked
 * in full when it is validated or run.
 * ------------------------------------------------------------------------------- */

typedef struct offtake_deal offtake_deal;

/* Parses a deal from YAML text. `source_name` names it in error messages (may be NULL:
   "<string>") and is the base for relative paths inside the deal (price models).
   OFFTAKE_E_INVALID_DEAL when the text is not YAML or breaks the documented limits
   (size, nesting). The schema and the rules between fields are checked by
   offtake_deal_validate() and by every run, so that a deal with problems can be
   loaded, fixed through offtake_deal_set_*, then run. */
OFFTAKE_API offtake_status offtake_deal_load_string(offtake_deal** out, const char* yaml,
                                                    const char* source_name);

/* Reads a deal file: OFFTAKE_E_IO when it cannot be read (missing, a folder,
   unreadable), OFFTAKE_E_INVALID_DEAL when it is not YAML. Relative paths inside it
   resolve against its folder. */
OFFTAKE_API offtake_status offtake_deal_load_file(offtake_deal** out, const char* path);

/* An independent copy (to build a variant for comparison, or one per thread). */
OFFTAKE_API offtake_status offtake_deal_clone(offtake_deal** out, const offtake_deal* deal);

OFFTAKE_API void offtake_deal_free(offtake_deal* deal);

/* The deal as YAML text, written into `buffer` of `capacity` bytes with its terminating
   NUL; `*length` receives the text's length without the NUL. With buffer NULL and
   capacity 0 only the length is reported. OFFTAKE_E_BUFFER when capacity <= length. */
OFFTAKE_API offtake_status offtake_deal_to_yaml(size_t* length, char* buffer,
                                                size_t capacity, const offtake_deal* deal);

/* Parameters by path, as the deal file spells them: "project.royalty_rate",
   "offtakes[0].pricing.floor", "debt.margin_bps", "simulation.paths".
   Setters copy the value. OFFTAKE_E_UNKNOWN_PARAMETER when the path names nothing in
   the schema, OFFTAKE_E_TYPE when the parameter has another type, OFFTAKE_E_RANGE for a
   value its rule forbids (negative tonnes, a share above 1, NaN or infinity).
   A getter on a parameter the deal leaves out gives OFFTAKE_E_ABSENT. */
OFFTAKE_API offtake_status offtake_deal_set_number(offtake_deal* deal, const char* path,
                                                   double value);
OFFTAKE_API offtake_status offtake_deal_set_string(offtake_deal* deal, const char* path,
                                                   const char* value);
OFFTAKE_API offtake_status offtake_deal_set_bool(offtake_deal* deal, const char* path,
                                                 int value);
OFFTAKE_API offtake_status offtake_deal_get_number(double* out, const offtake_deal* deal,
                                                   const char* path);
/* Copies the string into `buffer` (with its NUL) as offtake_deal_to_yaml does. */
OFFTAKE_API offtake_status offtake_deal_get_string(size_t* length, char* buffer,
                                                   size_t capacity,
                                                   const offtake_deal* deal,
                                                   const char* path);
OFFTAKE_API offtake_status offtake_deal_get_bool(int* out, const offtake_deal* deal,
                                                 const char* path);

/* What a parameter path holds, to choose the getter and setter: numbers and integers
   use _number, strings, dates ("2026-01-01") and choices ("quarterly") use _string,
   booleans use _bool; maps and lists are not values. */
typedef enum offtake_param_kind {
    OFFTAKE_PARAM_NUMBER = 1,
    OFFTAKE_PARAM_INTEGER = 2,        /* set_number refuses a fraction (OFFTAKE_E_TYPE) */
    OFFTAKE_PARAM_STRING = 3,
    OFFTAKE_PARAM_BOOL = 4,
    OFFTAKE_PARAM_DATE = 5,
    OFFTAKE_PARAM_CHOICE = 6,         /* one of a fixed list of words */
    OFFTAKE_PARAM_MAP = 7,
    OFFTAKE_PARAM_LIST = 8
} offtake_param_kind;

/* The kind of the parameter at `path` (an offtake_param_kind), and whether the deal
   states it (`*present` 1) or leaves it to its default or absent (0). Either output may
   be NULL. OFFTAKE_E_UNKNOWN_PARAMETER for a path the schema does not know. */
OFFTAKE_API offtake_status offtake_deal_param_info(int* kind, int* present,
                                                   const offtake_deal* deal, const char* path);

/* Removes an optional parameter: it takes its default again, or becomes absent.
   OFFTAKE_E_RANGE when it is required or its removal breaks a rule. */
OFFTAKE_API offtake_status offtake_deal_unset(offtake_deal* deal, const char* path);

/* With `on` 0, the setters check only each value's own rule (type, range, choice), so
   that related fields can be changed in steps that are inconsistent in between (an
   index price turned into a collar, then its floor and cap set); validation and runs
   still check everything. On (1) by default. */
OFFTAKE_API offtake_status offtake_deal_set_relation_checks(offtake_deal* deal, int on);

/* ---------------------------------------------------------------------------------
 * Validation: every problem of a deal at once.
 * ------------------------------------------------------------------------------- */

typedef struct offtake_problems offtake_problems;

/* One broken rule. The strings are borrowed from the offtake_problems handle. */
typedef struct offtake_problem {
    const char* file;   /* "" when unknown */
    int line;           /* one-based; 0 when unknown */
    int column;         /* one-based; 0 when unknown */
    const char* field;  /* e.g. "offtakes[0].pricing.floor" */
    const char* rule;   /* e.g. "floor must not exceed cap (floor 20000 > cap 15000)" */
} offtake_problem;

/* Checks the whole deal. Returns OFFTAKE_OK with an empty list for a valid deal, and
   OFFTAKE_OK with the problems listed for an invalid one (the call itself worked). */
OFFTAKE_API offtake_status offtake_deal_validate(offtake_problems** out,
                                                 const offtake_deal* deal);
OFFTAKE_API offtake_status offtake_problems_count(size_t* out,
                                                  const offtake_problems* problems);
OFFTAKE_API offtake_status offtake_problems_get(offtake_problem* out,
                                                const offtake_problems* problems,
                                                size_t index);
OFFTAKE_API void offtake_problems_free(offtake_problems* problems);


/* ---------------------------------------------------------------------------------
 * Runs
 *
 * Every run reads the deal (which stays unchanged and may be run again) and returns a
 * new result owned by the caller. A run uses explicit dates from the deal, never a
 * process-wide evaluation date, so runs on distinct threads do not interfere.
 * ------------------------------------------------------------------------------- */

typedef struct offtake_result offtake_result;

typedef enum offtake_result_kind {
    OFFTAKE_RESULT_DETERMINISTIC = 1, /* the base-case price deck, one scenario */
    OFFTAKE_RESULT_MONTE_CARLO = 2,   /* statistics over simulated price paths */
    OFFTAKE_RESULT_COMPARISON = 3,    /* several deals on common random numbers */
    OFFTAKE_RESULT_DEBT_SIZING = 4,   /* the gearing found, and the run at that gearing */
    OFFTAKE_RESULT_STRESS = 5,        /* the base case and stress scenarios on common random numbers */
    OFFTAKE_RESULT_NEGOTIATION = 6,   /* a negotiation threshold and the run there (docs/negotiation.md) */
    OFFTAKE_RESULT_PORTFOLIO = 7,     /* a buyer's portfolio on one simulated market (docs/portfolio.md) */
    OFFTAKE_RESULT_NEGOTIATION_FRONTIER = 8 /* several terms: the structures tried, their frontier and the
                                               recommended one (offtake_negotiate_terms, LIBOFFTAKE_0.5) */
} offtake_result_kind;

/* The deal on its base-case price deck (conventions sections 3-9). OFFTAKE_E_INVALID_DEAL
   when the deal breaks a rule (every problem is listed in the message). */
OFFTAKE_API offtake_status offtake_run_deterministic(offtake_result** out,
                                                     const offtake_deal* deal);

typedef enum offtake_measure {
    OFFTAKE_MEASURE_DEAL = 0,         /* the deal's simulation.measure */
    OFFTAKE_MEASURE_REAL_WORLD = 1,   /* the model's historical drift: probabilities of default */
    OFFTAKE_MEASURE_RISK_NEUTRAL = 2, /* expected price = today's forward curve: market NPV */
    OFFTAKE_MEASURE_LENDERS_CASE = 3  /* median price = the deal's deck, the model's shape */
} offtake_measure;

/* Progress of a Monte Carlo run: called on the thread that started the run, after each
   block of paths, with the paths done so far and the paths requested. Returning
   non-zero stops the run cleanly: the run call then returns OFFTAKE_E_CANCELLED and no
   result. The callback must not free the deal being run. */
typedef int (*offtake_progress_fn)(void* user_data, long long paths_done,
                                   long long paths_total);

#define OFFTAKE_SIMULATION_OPTIONS_VERSION 2

/* How a deal's period price is read from the simulated market's months (docs/scenarios.md,
   "Price aggregation"). */
typedef enum offtake_price_aggregation {
    OFFTAKE_PRICE_END_OF_PERIOD = 0,  /* the month that closes the period (the default) */
    OFFTAKE_PRICE_PERIOD_AVERAGE = 1  /* the average of the period's months */
} offtake_price_aggregation;

/* Monte Carlo options. Initialise with offtake_simulation_options_init() (or set
   `version` to OFFTAKE_SIMULATION_OPTIONS_VERSION and every other field to 0), then
   change the fields you need: new versions of the library only add fields at the end,
   and read a struct according to its version. */
typedef struct offtake_simulation_options {
    unsigned int version;             /* OFFTAKE_SIMULATION_OPTIONS_VERSION */
    long long paths;                  /* 0: the deal's simulation.paths; else 1 .. 10^8 */
    unsigned long long seed;          /* 0: the deal's simulation.seed; else 1 .. 2^53 - 1 */
    int threads;                      /* 0: every hardware thread; else 1 .. 256 */
    int measure;                      /* an offtake_measure */
    int antithetic;                   /* non-zero: paths 2k and 2k+1 use mirrored shocks */
    offtake_progress_fn progress;     /* NULL: no progress reports */
    void* progress_user_data;         /* passed back to `progress` as is */
    /* Version 2 and later. */
    int price_aggregation;            /* an offtake_price_aggregation */
    const char* scenario_start;       /* NULL: the earliest start of the deals run; else the
                                         simulated market's first date, "yyyy-mm-dd" (copied);
                                         pin it so that runs of deals with different starts
                                         read one market */
} offtake_simulation_options;

/* Fills `options` with the defaults of `version` (pass OFFTAKE_SIMULATION_OPTIONS_VERSION).
   Only the fields of that version are written, so a caller built against an older header
   may pass its own version. OFFTAKE_E_MISUSE for a version this library does not know. */
OFFTAKE_API offtake_status offtake_simulation_options_init(offtake_simulation_options* options,
                                                           unsigned int version);

/* A Monte Carlo run (conventions sections 10-11). `options` may be NULL (the deal's own
   settings). The numbers depend only on the deal, the seed, the paths and the measure:
   not on the number of threads. */
OFFTAKE_API offtake_status offtake_simulate(offtake_result** out, const offtake_deal* deal,
                                            const offtake_simulation_options* options);

/* Several deals (`count` >= 1, deals[0] the baseline) on the same simulated paths:
   the result's items 0..count-1 are each deal's Monte Carlo result, and its metrics
   "difference[k].npv" etc. are the paired differences deal k - deal 0 with their
   standard errors. */
OFFTAKE_API offtake_status offtake_compare(offtake_result** out,
                                           const offtake_deal* const* deals, size_t count,
                                           const offtake_simulation_options* options);

#define OFFTAKE_DEBT_SIZING_OPTIONS_VERSION 1

/* Targets for sizing senior debt: the largest gearing whose run keeps the
   `dscr_percentile` of the minimum DSCR at or above `target_dscr` (and, when
   target_llcr > 0, the `llcr_percentile` of the LLCR at or above it). */
typedef struct offtake_debt_sizing_options {
    unsigned int version;             /* OFFTAKE_DEBT_SIZING_OPTIONS_VERSION */
    double dscr_percentile;           /* default 0.10 (P10), in (0, 1) */
    double target_dscr;               /* default 1.30, > 0 */
    double llcr_percentile;           /* default 0.50, in (0, 1) */
    double target_llcr;               /* default 0: no LLCR condition */
    double min_gearing;               /* default 0.0 */
    double max_gearing;               /* default 0.95; min <= max, both in [0, 1] */
} offtake_debt_sizing_options;

OFFTAKE_API offtake_status offtake_debt_sizing_options_init(
    offtake_debt_sizing_options* options, unsigned int version);

/* Sizes the deal's senior debt (the deal must have a `debt` section). The result's
   metrics "gearing", "debt" (mean peak senior debt, money), "feasible" (1 or 0) and
   "iterations" tell the answer; "smallest_failing_gearing" and
   "dscr_at_smallest_failing" (absent if every gearing tried met the targets) and
   "share_negative_min_dscr" (share of paths there whose minimum DSCR is negative) tell
   why more debt fails; item 0 is the Monte Carlo run at that gearing.
   `sizing` and `options` may be NULL (defaults). */
OFFTAKE_API offtake_status offtake_size_debt(offtake_result** out, const offtake_deal* deal,
                                             const offtake_debt_sizing_options* sizing,
                                             const offtake_simulation_options* options);

#define OFFTAKE_STRESS_SCENARIO_VERSION 1

/* One stress scenario: deterministic changes to the deal and a shock to every
   simulated price, run on the same seed and paths as the base case (docs/c-api.md,
   "Stress scenarios"; the changes are those of `offtake stress --scenario`).
   Relative changes are fractions (0.25 = 25 % more). Initialise with
   offtake_stress_scenario_init() (every change 0, `name` NULL), then set `name` and
   the changes you need. The library copies `name` during the call. */
typedef struct offtake_stress_scenario {
    unsigned int version;             /* OFFTAKE_STRESS_SCENARIO_VERSION */
    const char* name;                 /* 1 .. 64 of A-Z a-z 0-9 _ -; unique; not "base" */
    double price_shock;               /* every simulated price times (1 + shock); > -1 */
    double capex_overrun;             /* construction capex times (1 + overrun); > -1 */
    int construction_delay_periods;   /* COD later by this many periods, capex unchanged; 0 .. 40 */
    double production_shortfall;      /* production times (1 - shortfall); in [-1, 1) */
    double opex_change;               /* fixed and unit opex times (1 + change); > -1 */
    double rate_shift_bps;            /* discount rates and the loan's base rate; -2000 .. 2000 */
} offtake_stress_scenario;

/* Fills `scenario` with the defaults of `version` (pass OFFTAKE_STRESS_SCENARIO_VERSION):
   no change and no name. OFFTAKE_E_MISUSE for a version this library does not know. */
OFFTAKE_API offtake_status offtake_stress_scenario_init(offtake_stress_scenario* scenario,
                                                        unsigned int version);

/* The library's standard stress set, copied into the caller's `buffer` of `capacity`
   scenarios, each written as a struct of `version`. `*count` always receives the
   number of standard scenarios; with a buffer too small (including NULL with capacity
   0) the call copies nothing and returns OFFTAKE_E_BUFFER. The names point to static
   storage of the library: valid while it is loaded, never to be freed. */
OFFTAKE_API offtake_status offtake_standard_stress_scenarios(size_t* count,
                                                             offtake_stress_scenario* buffer,
                                                             size_t capacity,
                                                             unsigned int version);

/* The base case and stress scenarios on common random numbers. `scenarios` holds
   `count` scenarios (1 .. 256), all of the same version; NULL with count 0 runs the
   standard set. The result (OFFTAKE_RESULT_STRESS) has items 0 .. count: item 0 is the
   base case, labelled "base", then one Monte Carlo result per scenario in the order
   given, labelled with the scenario's name (offtake_result_item_label). Every item uses
   the same seed and path indices, so item 0 equals offtake_simulate() with the same
   options and differences between items are not Monte Carlo noise. Progress reports
   count the paths of every item: paths_total is (count + 1) times the paths per run.
   `options` may be NULL (the deal's own settings). */
OFFTAKE_API offtake_status offtake_stress(offtake_result** out, const offtake_deal* deal,
                                          const offtake_stress_scenario* scenarios,
                                          size_t count,
                                          const offtake_simulation_options* options);

/* Negotiation (issue 15, docs/negotiation.md): the least (or most) value of one numeric
   deal parameter `path` (as offtake_deal_set_number takes it) in [low, high] for which
   every condition of `target` holds ("p10_dscr_min>=1.30,category>=Good"), by bisection
   on common random numbers. `debt_view` 0 holds the deal's loan (lender's view), 1
   re-sizes it at each candidate (sponsor's view). The result (OFFTAKE_RESULT_NEGOTIATION)
   has the metrics `threshold`, `threshold_std_error` (its Monte Carlo error), `slope`,
   `bracket_low`, `bracket_high`, `runs`, `at_least` (1: the target holds from the
   threshold up, 0: up to it; absent: over the whole range), item 0 the Monte Carlo run
   at the threshold (label "threshold") and the JSON of `offtake negotiate --format json`.
   A bad path, range or target is OFFTAKE_E_UNKNOWN_PARAMETER or OFFTAKE_E_RANGE naming
   it; a target no value in the range meets is OFFTAKE_E_RANGE, the message naming the
   binding condition and how close the best candidate came. */
OFFTAKE_API offtake_status offtake_negotiate_threshold(offtake_result** out, const offtake_deal* deal,
                                                       const char* path, double low, double high,
                                                       const char* target, int debt_view,
                                                       const offtake_simulation_options* options);

/* The buyer's portfolio (issue 18, docs/portfolio.md): the portfolio file at
   `portfolio_file` (a path; relative deal files are read from its folder) and every deal
   it names, run on one simulated market, as `offtake portfolio FILE` runs it. `options`
   overrides the file's simulation settings (NULL: the file's; antithetic is refused).
   The result (OFFTAKE_RESULT_PORTFOLIO) has, per needed product and calendar year, the
   metrics "<product>.<year>.<key>" ("copper_cathode.2031.unmet_tonnes"): need_tonnes,
   every key of the supply table (contracted_tonnes, delivered_tonnes, spot_tonnes,
   unmet_tonnes, contract_cost, spot_cost, total_cost, unit_cost, contract_price,
   index_price, contract_premium, hhi_mining, hhi_processing, largest_share_mining,
   largest_share_processing, p_concentration_mining, p_concentration_processing,
   carbon_tonnes, carbon_intensity, compliant_share, carbon_cost),
   p_shortfall[k] for the file's k-th shortfall threshold and cvar95_unmet_tonnes; the
   capital at risk as "capital_at_risk.<key>" (prepayments_committed, prepayment_lost,
   equity_npv, guarantee_paid, loss); one item per position, in the file's order, each its
   project's Monte Carlo result labelled with the deal file as the portfolio writes it;
   and the JSON of `offtake portfolio --format json`. A broken portfolio or deal file is
   OFFTAKE_E_INVALID_DEAL with every problem in the message. Added in LIBOFFTAKE_0.4. */
OFFTAKE_API offtake_status offtake_run_portfolio(offtake_result** out, const char* portfolio_file,
                                                 const offtake_simulation_options* options);

/* Several terms (issue 15, docs/negotiation.md sections 8, 11 and 12; added in
   LIBOFFTAKE_0.5): a grid over the ranges or NLopt's COBYLA optimiser, every structure a
   full run on common random numbers, the Pareto frontier between the buyer's side and the
   project's, and the structure recommended for the buyer's preference. */
typedef struct offtake_negotiation_term {
    const char* path;                 /* a numeric deal parameter, as offtake_deal_set_number takes it */
    double low, high;                 /* the range, low < high, both within the field's limits */
} offtake_negotiation_term;

typedef enum offtake_negotiation_search {
    OFFTAKE_SEARCH_GRID = 0,          /* points_per_term values per term, ends included */
    OFFTAKE_SEARCH_NLOPT = 1          /* NLopt's COBYLA, from the middle of the ranges */
} offtake_negotiation_search;

#define OFFTAKE_NEGOTIATION_OPTIONS_VERSION 1

/* Initialise with offtake_negotiation_options_init(); new versions only add fields at
   the end. */
typedef struct offtake_negotiation_options {
    unsigned int version;             /* OFFTAKE_NEGOTIATION_OPTIONS_VERSION */
    int search;                       /* an offtake_negotiation_search; default GRID */
    int points_per_term;              /* grid: 2 .. 50; 0 (default): the most with about 50 runs in all */
    int max_evaluations;              /* NLopt: the evaluation budget, 2 .. 2500; default 60 */
    double tolerance;                 /* NLopt: stop when its step is below this share of each range,
                                         1e-6 .. 0.1; default 0.001 */
    int prefer_secure;                /* 0 (default): the cheapest for the buyer; 1: the least
                                         P(shortfall) with cost at most `budget` */
    int has_budget;                   /* non-zero: `budget` applies (needed for NLopt with prefer_secure) */
    double budget;                    /* the most cost against spot plus expected loss accepted (money) */
    int debt_view;                    /* 0 (default): the deal's loan (lender's view); 1: re-sized */
} offtake_negotiation_options;

OFFTAKE_API offtake_status offtake_negotiation_options_init(offtake_negotiation_options* options,
                                                            unsigned int version);

/* Searches `count` (1 .. 8) terms for the structures that meet every condition of
   `target` (as offtake_negotiate_threshold). The result (OFFTAKE_RESULT_NEGOTIATION_FRONTIER)
   has the metrics "points" (structures tried), "frontier_points", "recommended" (the
   index of the recommended point; absent when none meets the target, and the budget),
   for NLopt "evaluations" and "stopped_at_tolerance" (1: the tolerance, 0: the budget),
   and for each point k "point[k].term[i]", "point[k].meets", "point[k].on_frontier",
   "point[k].buyer_cost_against_spot", "point[k].buyer_capital_at_risk",
   "point[k].buyer_expected_loss", "point[k].buyer_p_shortfall" (with standard errors
   where estimated), "point[k].p_default", "point[k].expected_loss",
   "point[k].p10_dscr_min", "point[k].score"; item 0 (label "recommended"), when there is
   a recommendation, is its Monte Carlo run; the JSON is `offtake negotiate --format json`'s.
   A bad path, range, target or option is OFFTAKE_E_UNKNOWN_PARAMETER or OFFTAKE_E_RANGE
   naming it. `negotiation` and `options` may be NULL (defaults). */
OFFTAKE_API offtake_status offtake_negotiate_terms(offtake_result** out, const offtake_deal* deal,
                                                   const offtake_negotiation_term* terms, size_t count,
                                                   const char* target,
                                                   const offtake_negotiation_options* negotiation,
                                                   const offtake_simulation_options* options);

OFFTAKE_API void offtake_result_free(offtake_result* result);

/* ---------------------------------------------------------------------------------
 * Reading results
 *
 * Metric names are the keys of the JSON output (conventions section 12): "npv", "irr",
 * "equity_npv[i]", "equity_irr[i]" (i: the deal's equity investor order), "dscr_min",
 * "dscr_avg", "llcr", "plcr", "payback_years", "peak_debt", "p_dscr_below_1",
 * "p_dscr_below_covenant", "p_default", "p_lockup", "expected_loss",
 * "expected_loss_net", "bankability.score", and per offtake buyer
 * "buyers[i].p_default", "buyers[i].p_shortfall", "buyers[i].price_paid",
 * "buyers[i].delivered_tonnes". offtake_result_metric_name() lists those a result has.
 * ------------------------------------------------------------------------------- */

OFFTAKE_API offtake_status offtake_result_kind_of(int* out, const offtake_result* result);

typedef enum offtake_stat {
    OFFTAKE_STAT_MEAN = 0,            /* for a deterministic result: the value */
    OFFTAKE_STAT_SD = 1,              /* sample standard deviation over paths */
    OFFTAKE_STAT_STD_ERROR = 2,       /* Monte Carlo standard error of the mean */
    OFFTAKE_STAT_P5 = 3,              /* 5 % of paths fall below */
    OFFTAKE_STAT_P10 = 4,
    OFFTAKE_STAT_P50 = 5,
    OFFTAKE_STAT_P90 = 6,
    OFFTAKE_STAT_P95 = 7
} offtake_stat;

/* One statistic of one metric. OFFTAKE_E_NOT_FOUND for an unknown metric name,
   OFFTAKE_E_ABSENT when the value does not exist (no path had an IRR; a standard
   deviation of one scenario; percentiles of a probability), OFFTAKE_E_RANGE for an
   unknown `stat`. */
OFFTAKE_API offtake_status offtake_result_stat(double* out, const offtake_result* result,
                                               const char* metric, int stat);

/* All statistics of a metric at once. `present` has bit (1 << s) set for each
   offtake_stat s that has a value; the others are 0. A deterministic result reports
   count 1 and its value as mean and every percentile. */
typedef struct offtake_statistics {
    double mean, sd, std_error, p5, p10, p50, p90, p95;
    unsigned int present;             /* bit set of (1u << offtake_stat) */
    long long count;                  /* paths where the metric has a value */
    long long absent;                 /* paths where it has none */
} offtake_statistics;

OFFTAKE_API offtake_status offtake_result_statistics(offtake_statistics* out,
                                                     const offtake_result* result,
                                                     const char* metric);

/* The names of the metrics this result has, for index 0 .. count-1; borrowed. */
OFFTAKE_API offtake_status offtake_result_metric_count(size_t* out,
                                                       const offtake_result* result);
OFFTAKE_API offtake_status offtake_result_metric_name(const char** out,
                                                      const offtake_result* result,
                                                      size_t index);

/* What a metric is, in words: its label ("Equity NPV, General Motors", the same as the
   command-line tables and CSV), its unit as the numbers are given ("EUR" for money in
   the deal's currency, "EUR/t", "t", "fraction", "x", "years", "count", "points", ""
   for flags), and how many paths gave it a NaN or infinite value (left out of every
   statistic, docs/conventions.md). The strings are borrowed, valid until the result is
   freed. Added in LIBOFFTAKE_0.2. */
typedef struct offtake_metric_info {
    const char* label;
    const char* unit;
    long long nonfinite;
} offtake_metric_info;

OFFTAKE_API offtake_status offtake_result_metric_info(offtake_metric_info* out,
                                                      const offtake_result* result,
                                                      const char* metric);

/* The ISO 4217 code of the deal's currency (project.currency, "USD" when the deal does
   not state one): the unit of every money amount in the result. Borrowed. Added in
   LIBOFFTAKE_0.2. */
OFFTAKE_API offtake_status offtake_result_currency(const char** out, const offtake_result* result);

/* What the run was: paths summarised (1 for a deterministic run), seed (0 for a
   deterministic run) and measure (an offtake_measure; OFFTAKE_MEASURE_DEAL for a
   deterministic run). */
OFFTAKE_API offtake_status offtake_result_run_info(long long* paths, unsigned long long* seed,
                                                   int* measure,
                                                   const offtake_result* result);

/* Per-period series, one value per period t = 1..n: "price" (index price per tonne),
   "cfads", "dscr" (absent periods are 0: no debt service), "cash_balance" (money).
   `stat` is OFFTAKE_STAT_P5, _P50 or _P95 for a Monte Carlo result (the band), and
   OFFTAKE_STAT_MEAN for a deterministic one. Periods where no path has a value hold 0.
   offtake_result_band: a borrowed pointer, valid until the result is freed.
   offtake_result_band_copy: copies into the caller's `buffer` of `capacity` doubles;
   `*count` always receives the number of periods, and with a buffer too small
   (including NULL with capacity 0) the call copies nothing and returns
   OFFTAKE_E_BUFFER. */
OFFTAKE_API offtake_status offtake_result_band(const double** values, size_t* count,
                                               const offtake_result* result,
                                               const char* series, int stat);
OFFTAKE_API offtake_status offtake_result_band_copy(size_t* count, double* buffer,
                                                    size_t capacity,
                                                    const offtake_result* result,
                                                    const char* series, int stat);
/* The period end dates as years from the deal's start (Actual/365F), one per period;
   borrowed, valid until the result is freed. */
OFFTAKE_API offtake_status offtake_result_period_times(const double** years, size_t* count,
                                                       const offtake_result* result);

/* The bankability scorecard (docs/bankability.md): a score from 0 to 100 weighted from
   factors (coverage, default risk, revenue certainty, security, stated assessments),
   its slotting category ("Strong", "Good", "Satisfactory", "Weak") and that category's
   risk weight. Strings are borrowed from the result. OFFTAKE_E_UNSUPPORTED for a result
   without a score (deterministic runs, comparisons: read their items). */
typedef struct offtake_bankability {
    double score;                     /* 0 .. 100 */
    const char* category;
    double risk_weight;               /* fraction: 0.70 = 70 % */
    const char* scorecard;            /* the scorecard's name */
    size_t factor_count;
} offtake_bankability;

typedef struct offtake_bankability_factor {
    const char* id;                   /* e.g. "p10_dscr_min" (docs/bankability.md) */
    const char* group;                /* coverage | default_risk | revenue_certainty | security | stated */
    const char* label;                /* in words */
    int has_value;                    /* 0: not measurable for this deal, or not stated */
    double value;                     /* the measured or stated value (0 when has_value is 0) */
    double sub_score;                 /* 0 .. 100 */
    double weight;                    /* the factor's weight; weights sum to 1 */
    double contribution;              /* weight * sub_score: the factors' contributions sum to the score */
} offtake_bankability_factor;

OFFTAKE_API offtake_status offtake_result_bankability(offtake_bankability* out,
                                                      const offtake_result* result);
OFFTAKE_API offtake_status offtake_result_bankability_factor(offtake_bankability_factor* out,
                                                             const offtake_result* result,
                                                             size_t index);

/* Items of a comparison (one result per deal), a stress run (one result per scenario,
   the base case first) or a debt sizing (the run at the sized
   gearing): borrowed, valid until `result` is freed; freeing an item does nothing. */
OFFTAKE_API offtake_status offtake_result_item_count(size_t* out,
                                                     const offtake_result* result);
OFFTAKE_API offtake_status offtake_result_item(const offtake_result** out,
                                               const offtake_result* result, size_t index);
/* The name of item `index`: a stress result's scenario names ("base" first), a
   comparison's deal names (project.name), "sized" for a debt sizing's run. Borrowed,
   valid until `result` is freed. */
OFFTAKE_API offtake_status offtake_result_item_label(const char** out,
                                                     const offtake_result* result,
                                                     size_t index);

/* The whole result as JSON text (docs/json-output.md), the same document as the
   command-line tool's --json: UTF-8, NUL-terminated, absent values as null. Borrowed,
   valid until the result is freed. `length` may be NULL. */
OFFTAKE_API offtake_status offtake_result_json(const char** json, size_t* length,
                                               const offtake_result* result);

#ifdef __cplusplus
}
#endif

#endif /* OFFTAKE_H */
