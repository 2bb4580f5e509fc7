// Country-model files (models/country/*.yaml): per country, the law of its export
// restrictions (docs/risks.md section 1) and of its fiscal events (section 1b). Read
// once, on one thread, into plain data that the scenario layer's event readers
// (offtake/country_events.hpp, offtake/fiscal_events.hpp) are built from.
#pragma once

#include <offtake/export.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace offtake {

// One country's export restrictions: arrivals are a Poisson process in calendar time,
// each lasts a lognormal time capped at max_years, and while one lasts `restricted_share`
// of the mine's output cannot be exported.
struct ExportRestrictionModel {
    std::string country;                  // ISO 3166-1 alpha-2
    int line = 0;                         // of its entry in the file (for messages)
    double arrivals_per_year = 0.0;       // lambda
    double duration_median_years = 1.0;   // e^mu of the lognormal duration
    double duration_sigma = 0.0;          // sd of ln(duration)
    double duration_max_years = 10.0;     // durations are capped here (and the reader looks back this far)
    double restricted_share = 1.0;        // of output, while a restriction lasts
    double domestic_discount = 0.0;       // off the index when sold at home instead
};

// One kind of fiscal step-up (docs/risks.md section 1b): arrivals are a Poisson process
// in calendar time; each raises the rate by `step`, for good, up to max_rate.
struct FiscalStepModel {
    double arrivals_per_year = 0.0;       // lambda; 0: never
    double step = 0.0;                    // added to the rate per arrival
    double max_rate = 1.0;                // the rate never exceeds max(the deal's, this)
};

// One country's fiscal events: royalty (a share of revenue) and corporate-tax step-ups.
struct FiscalEventModel {
    std::string country;                  // ISO 3166-1 alpha-2
    int line = 0;                         // of its entry in the file (for messages)
    FiscalStepModel royalty;
    FiscalStepModel tax;
};

struct CountryModelSpec {
    std::string file;
    std::vector<ExportRestrictionModel> export_restrictions;  // in file order
    std::vector<FiscalEventModel> fiscal_events;              // in file order
    const ExportRestrictionModel* find(std::string_view country) const {
        for (const auto& m : export_restrictions)
            if (m.country == country) return &m;
        return nullptr;
    }
    const FiscalEventModel* find_fiscal(std::string_view country) const {
        for (const auto& m : fiscal_events)
            if (m.country == country) return &m;
        return nullptr;
    }
    std::string fiscal_country_names() const {
        std::string out;
        for (const auto& m : fiscal_events) out += (out.empty() ? "" : ", ") + m.country;
        return out;
    }
    std::string country_names() const {
        std::string out;
        for (const auto& m : export_restrictions) out += (out.empty() ? "" : ", ") + m.country;
        return out;
    }
};

// Throws DealError naming the file, line, field and rule broken (all problems at once).
OFFTAKE_API std::shared_ptr<const CountryModelSpec> load_country_model(const std::string& path);
OFFTAKE_API std::shared_ptr<const CountryModelSpec> parse_country_model(const std::string& text,
                                                                        const std::string& path);

}  // namespace offtake
