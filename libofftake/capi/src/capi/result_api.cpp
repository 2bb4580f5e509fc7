// Readers of results: lookups in the flattened result (handles.hpp), so they are
// cheap, never allocate on the caller's behalf and may run from several threads.
#include <offtake/offtake.h>

#include "capi/firewall.hpp"
#include "capi/handles.hpp"

#include <cmath>
#include <cstring>

using offtake::capi::fail;
using offtake::capi::guarded;
using offtake::capi::live_result;
using offtake::capi::require;
using offtake::capi::require_index;

namespace offtake::capi {

namespace {
void register_tree(offtake_result* r) {
    register_handle(r, HandleKind::Result);
    for (auto& item : r->items) {
        item->owned_by_parent = true;
        register_tree(item.get());
    }
}
}  // namespace

void unregister_items(offtake_result* r) {
    for (auto& item : r->items) {
        unregister_items(item.get());
        unregister_handle(item.get(), HandleKind::Result);
    }
}

offtake_result* publish(std::unique_ptr<offtake_result> result) {
    try {
        register_tree(result.get());
    } catch (...) {  // out of memory in the registry: leave no half-registered tree
        unregister_items(result.get());
        unregister_handle(result.get(), HandleKind::Result);
        throw;
    }
    return result.release();
}

const offtake_result& live_result(const offtake_result* handle, const char* argument) {
    require(handle, argument);
    if (!is_live(handle, HandleKind::Result))
        fail(OFFTAKE_E_MISUSE, std::string(argument) + " is not a live result (freed, or not a result)");
    return *handle;
}

void add_metric(offtake_result& result, const std::string& name, const offtake_statistics& s,
                std::string label, std::string unit, long long nonfinite) {
    Statistics entry{s, label.empty() ? name : std::move(label), std::move(unit), nonfinite};
    if (result.metrics.emplace(name, std::move(entry)).second) result.metric_names.push_back(name);
}

offtake_statistics single_value(const std::optional<double>& value) {
    offtake_statistics s{};
    if (!value || !std::isfinite(*value)) {
        s.absent = 1;
        return s;
    }
    s.count = 1;
    s.mean = s.p5 = s.p10 = s.p50 = s.p90 = s.p95 = *value;
    s.present = (1u << OFFTAKE_STAT_MEAN) | (1u << OFFTAKE_STAT_P5) | (1u << OFFTAKE_STAT_P10) |
                (1u << OFFTAKE_STAT_P50) | (1u << OFFTAKE_STAT_P90) | (1u << OFFTAKE_STAT_P95);
    return s;
}

}  // namespace offtake::capi

namespace {

const offtake::capi::Statistics& find_metric(const offtake_result& r, const char* metric) {
    require(metric, "metric");
    auto it = r.metrics.find(metric);
    if (it == r.metrics.end()) {
        std::string known;
        for (const auto& name : r.metric_names) known += (known.empty() ? "" : ", ") + name;
        fail(OFFTAKE_E_NOT_FOUND, std::string("no metric \"") + metric + "\" in this result (it has: " +
                                      known + ")");
    }
    return it->second;
}

const char* stat_name(int stat) {
    static const char* const names[] = {"mean", "sd", "std_error", "p5", "p10", "p50", "p90", "p95"};
    if (stat < OFFTAKE_STAT_MEAN || stat > OFFTAKE_STAT_P95)
        fail(OFFTAKE_E_RANGE, "stat " + std::to_string(stat) + " is not an offtake_stat (0 .. 7)");
    return names[stat];
}

double stat_value(const offtake_statistics& s, int stat) {
    switch (stat) {
        case OFFTAKE_STAT_MEAN: return s.mean;
        case OFFTAKE_STAT_SD: return s.sd;
        case OFFTAKE_STAT_STD_ERROR: return s.std_error;
        case OFFTAKE_STAT_P5: return s.p5;
        case OFFTAKE_STAT_P10: return s.p10;
        case OFFTAKE_STAT_P50: return s.p50;
        case OFFTAKE_STAT_P90: return s.p90;
        default: return s.p95;
    }
}

const std::vector<double>& find_band(const offtake_result& r, const char* series, int stat) {
    require(series, "series");
    const char* name = stat_name(stat);
    auto it = r.bands.find(std::string(series) + "/" + name);
    if (it == r.bands.end()) {
        bool known_series = false;
        for (const auto& [key, values] : r.bands)
            if (key.compare(0, key.find('/'), series) == 0) known_series = true;
        if (known_series)
            fail(OFFTAKE_E_UNSUPPORTED, std::string("series \"") + series + "\" has no " + name +
                                            " band in this result");
        fail(OFFTAKE_E_NOT_FOUND, std::string("no per-period series \"") + series +
                                      "\" in this result (price, cfads, dscr, cash_balance)");
    }
    return it->second;
}

const offtake::capi::Bankability& find_bankability(const offtake_result& r) {
    if (!r.bankability) fail(OFFTAKE_E_UNSUPPORTED, "this result carries no bankability score");
    return *r.bankability;
}

}  // namespace

extern "C" {

OFFTAKE_API void offtake_result_free(offtake_result* result) {
    guarded("offtake_result_free", [&] {
        if (result == nullptr) return;
        if (!offtake::capi::is_live(result, offtake::capi::HandleKind::Result)) return;
        if (result->owned_by_parent) return;  // an item: its parent owns it
        // Only the thread that takes the handle out of the registry deletes it.
        if (!offtake::capi::unregister_handle(result, offtake::capi::HandleKind::Result)) return;
        offtake::capi::unregister_items(result);
        delete result;
    });
}

OFFTAKE_API offtake_status offtake_result_kind_of(int* out, const offtake_result* result) {
    if (out) *out = 0;
    return guarded("offtake_result_kind_of", [&] {
        require(out, "out");
        *out = live_result(result, "result").kind;
    });
}

OFFTAKE_API offtake_status offtake_result_stat(double* out, const offtake_result* result,
                                               const char* metric, int stat) {
    if (out) *out = 0.0;
    return guarded("offtake_result_stat", [&] {
        require(out, "out");
        const auto& s = find_metric(live_result(result, "result"), metric).values;
        const char* name = stat_name(stat);
        if (!(s.present & (1u << stat)))
            fail(OFFTAKE_E_ABSENT, std::string(metric) + "." + name + " is absent (null) in this result");
        *out = stat_value(s, stat);
    });
}

OFFTAKE_API offtake_status offtake_result_statistics(offtake_statistics* out,
                                                     const offtake_result* result,
                                                     const char* metric) {
    if (out) std::memset(out, 0, sizeof *out);
    return guarded("offtake_result_statistics", [&] {
        require(out, "out");
        *out = find_metric(live_result(result, "result"), metric).values;
    });
}

OFFTAKE_API offtake_status offtake_result_metric_info(offtake_metric_info* out,
                                                      const offtake_result* result,
                                                      const char* metric) {
    if (out) std::memset(out, 0, sizeof *out);
    return guarded("offtake_result_metric_info", [&] {
        require(out, "out");
        const auto& m = find_metric(live_result(result, "result"), metric);
        out->label = m.label.c_str();
        out->unit = m.unit.c_str();
        out->nonfinite = m.nonfinite;
    });
}

OFFTAKE_API offtake_status offtake_result_currency(const char** out, const offtake_result* result) {
    if (out) *out = nullptr;
    return guarded("offtake_result_currency", [&] {
        require(out, "out");
        *out = live_result(result, "result").currency.c_str();
    });
}

OFFTAKE_API offtake_status offtake_result_metric_count(size_t* out, const offtake_result* result) {
    if (out) *out = 0;
    return guarded("offtake_result_metric_count", [&] {
        require(out, "out");
        *out = live_result(result, "result").metric_names.size();
    });
}

OFFTAKE_API offtake_status offtake_result_metric_name(const char** out,
                                                      const offtake_result* result, size_t index) {
    if (out) *out = nullptr;
    return guarded("offtake_result_metric_name", [&] {
        require(out, "out");
        const auto& r = live_result(result, "result");
        require_index(index, r.metric_names.size(), "metric");
        *out = r.metric_names[index].c_str();
    });
}

OFFTAKE_API offtake_status offtake_result_run_info(long long* paths, unsigned long long* seed,
                                                   int* measure, const offtake_result* result) {
    if (paths) *paths = 0;
    if (seed) *seed = 0;
    if (measure) *measure = 0;
    return guarded("offtake_result_run_info", [&] {
        require(paths, "paths");
        require(seed, "seed");
        require(measure, "measure");
        const auto& r = live_result(result, "result");
        *paths = r.paths;
        *seed = r.seed;
        *measure = r.measure;
    });
}

OFFTAKE_API offtake_status offtake_result_band(const double** values, size_t* count,
                                               const offtake_result* result, const char* series,
                                               int stat) {
    if (values) *values = nullptr;
    if (count) *count = 0;
    return guarded("offtake_result_band", [&] {
        require(values, "values");
        require(count, "count");
        const auto& band = find_band(live_result(result, "result"), series, stat);
        *values = band.data();
        *count = band.size();
    });
}

OFFTAKE_API offtake_status offtake_result_band_copy(size_t* count, double* buffer, size_t capacity,
                                                    const offtake_result* result,
                                                    const char* series, int stat) {
    if (count) *count = 0;
    return guarded("offtake_result_band_copy", [&] {
        require(count, "count");
        const auto& band = find_band(live_result(result, "result"), series, stat);
        *count = band.size();
        if (buffer == nullptr && capacity > 0) fail(OFFTAKE_E_MISUSE, "buffer is NULL but capacity > 0");
        if (capacity < band.size())
            fail(OFFTAKE_E_BUFFER, "buffer holds " + std::to_string(capacity) + " values, the band has " +
                                       std::to_string(band.size()));
        if (!band.empty()) std::memcpy(buffer, band.data(), band.size() * sizeof(double));
    });
}

OFFTAKE_API offtake_status offtake_result_period_times(const double** years, size_t* count,
                                                       const offtake_result* result) {
    if (years) *years = nullptr;
    if (count) *count = 0;
    return guarded("offtake_result_period_times", [&] {
        require(years, "years");
        require(count, "count");
        const auto& r = live_result(result, "result");
        if (r.period_years.empty()) fail(OFFTAKE_E_UNSUPPORTED, "this result has no per-period series");
        *years = r.period_years.data();
        *count = r.period_years.size();
    });
}

OFFTAKE_API offtake_status offtake_result_bankability(offtake_bankability* out,
                                                      const offtake_result* result) {
    if (out) std::memset(out, 0, sizeof *out);
    return guarded("offtake_result_bankability", [&] {
        require(out, "out");
        const auto& b = find_bankability(live_result(result, "result"));
        out->score = b.score;
        out->category = b.category.c_str();
        out->risk_weight = b.risk_weight;
        out->scorecard = b.scorecard.c_str();
        out->factor_count = b.factors.size();
    });
}

OFFTAKE_API offtake_status offtake_result_bankability_factor(offtake_bankability_factor* out,
                                                             const offtake_result* result,
                                                             size_t index) {
    if (out) std::memset(out, 0, sizeof *out);
    return guarded("offtake_result_bankability_factor", [&] {
        require(out, "out");
        const auto& b = find_bankability(live_result(result, "result"));
        require_index(index, b.factors.size(), "factor");
        const auto& f = b.factors[index];
        out->id = f.id.c_str();
        out->group = f.group.c_str();
        out->label = f.label.c_str();
        out->has_value = f.has_value ? 1 : 0;
        out->value = f.value;
        out->sub_score = f.sub_score;
        out->weight = f.weight;
        out->contribution = f.contribution;
    });
}

OFFTAKE_API offtake_status offtake_result_item_count(size_t* out, const offtake_result* result) {
    if (out) *out = 0;
    return guarded("offtake_result_item_count", [&] {
        require(out, "out");
        *out = live_result(result, "result").items.size();
    });
}

OFFTAKE_API offtake_status offtake_result_item(const offtake_result** out,
                                               const offtake_result* result, size_t index) {
    if (out) *out = nullptr;
    return guarded("offtake_result_item", [&] {
        require(out, "out");
        const auto& r = live_result(result, "result");
        require_index(index, r.items.size(), "item");
        *out = r.items[index].get();
    });
}

OFFTAKE_API offtake_status offtake_result_item_label(const char** out, const offtake_result* result,
                                                     size_t index) {
    if (out) *out = nullptr;
    return guarded("offtake_result_item_label", [&] {
        require(out, "out");
        const auto& r = live_result(result, "result");
        require_index(index, r.items.size(), "item");
        *out = r.items[index]->label.c_str();
    });
}

OFFTAKE_API offtake_status offtake_result_json(const char** json, size_t* length,
                                               const offtake_result* result) {
    if (json) *json = nullptr;
    if (length) *length = 0;
    return guarded("offtake_result_json", [&] {
        require(json, "json");
        const auto& r = live_result(result, "result");
        *json = r.json.c_str();
        if (length) *length = r.json.size();
    });
}

}  // extern "C"
