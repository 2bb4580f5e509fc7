// load_country_model: models/country/*.yaml into a CountryModelSpec. Every problem names
// the file, line, field and rule, and all problems of a file are reported together.
#include <offtake/country_model.hpp>
#include <offtake/errors.hpp>

#include "files/input_file.hpp"
#include "io/yaml_text.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <set>

namespace offtake {

namespace {

class Reader {
  public:
    explicit Reader(std::string file) : file_(std::move(file)) {}
    void problem(const YAML::Node& at, const std::string& field, const std::string& rule) {
        problems_.push_back(io::problem_at(file_, at, field, rule));
    }
    std::vector<Problem>& problems() { return problems_; }

    void keys(const YAML::Node& node, const std::string& field, const std::set<std::string>& allowed) {
        std::set<std::string> seen;
        for (const auto& kv : node) {
            const std::string key = kv.first.Scalar();
            const std::string path = field.empty() ? key : field + "." + key;
            if (!seen.insert(key).second) problem(kv.first, path, "duplicate key");
            if (!allowed.count(key)) {
                std::string list;
                for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
                problem(kv.first, path, "unknown key (allowed: " + list + ")");
            }
        }
    }

    // A required number in [lo, hi] (open at lo when lo_open); `fallback` when it is not.
    double number(const YAML::Node& map, const char* key, const std::string& field, double lo, double hi,
                  bool lo_open, double fallback) {
        const std::string path = field + "." + key;
        const YAML::Node n = map[key];
        if (!n) {
            problem(map, path, "required number is missing");
            return fallback;
        }
        double v = 0.0;
        try {
            if (!n.IsScalar()) throw YAML::Exception(YAML::Mark::null_mark(), "");
            v = n.as<double>();
        } catch (const YAML::Exception&) {
            problem(n, path, fmt::format("must be a number (got '{}')", n.IsScalar() ? n.Scalar() : "a collection"));
            return fallback;
        }
        if (!std::isfinite(v) || (lo_open ? !(v > lo) : !(v >= lo)) || !(v <= hi)) {
            problem(n, path, fmt::format("must be in {}{}, {}] (got {})", lo_open ? "(" : "[", lo, hi, n.Scalar()));
            return fallback;
        }
        return v;
    }

  private:
    std::string file_;
    std::vector<Problem> problems_;
};

bool is_alpha2(const std::string& s) {
    return s.size() == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

// A country's entry: an alpha-2 code naming a mapping; false (with the problem) if not.
bool country_entry(Reader& r, const std::string& code, const YAML::Node& key, const YAML::Node& node,
                   const std::string& field) {
    if (!is_alpha2(code)) {
        r.problem(key, field, fmt::format("'{}' is not an ISO 3166-1 alpha-2 country code: two capital letters", code));
        return false;
    }
    if (!node.IsMap()) {
        r.problem(node, field, "must be a mapping");
        return false;
    }
    return true;
}

void read_country(Reader& r, const std::string& code, const YAML::Node& key, const YAML::Node& node,
                  CountryModelSpec& spec) {
    const std::string field = "export_restrictions." + code;
    if (!country_entry(r, code, key, node, field)) return;
    r.keys(node, field, {"arrivals_per_year", "duration", "restricted_share", "domestic_discount", "episodes",
                         "assumptions", "source"});
    ExportRestrictionModel m;
    m.country = code;
    m.line = io::line_of(key);
    // At most 10 a year: a country that restricts exports more often is not modelled by
    // arrivals of lasting events.
    m.arrivals_per_year = r.number(node, "arrivals_per_year", field, 0.0, 10.0, false, 0.0);
    m.restricted_share = r.number(node, "restricted_share", field, 0.0, 1.0, false, 0.0);
    m.domestic_discount = r.number(node, "domestic_discount", field, 0.0, 1.0, false, 0.0);
    const YAML::Node d = node["duration"];
    const std::string dfield = field + ".duration";
    if (!d || !d.IsMap()) {
        r.problem(d ? d : node, dfield, "required mapping with median_years, sigma and max_years");
    } else {
        r.keys(d, dfield, {"median_years", "sigma", "max_years"});
        m.duration_median_years = r.number(d, "median_years", dfield, 0.0, 50.0, true, 1.0);
        m.duration_sigma = r.number(d, "sigma", dfield, 0.0, 3.0, false, 0.0);
        m.duration_max_years = r.number(d, "max_years", dfield, 0.0, 50.0, true, 1.0);
        if (m.duration_max_years < m.duration_median_years)
            r.problem(d["max_years"], dfield + ".max_years",
                      fmt::format("must be at least median_years ({})", m.duration_median_years));
    }
    spec.export_restrictions.push_back(m);
}

// One step-up kind of a country's fiscal events; absent: never.
FiscalStepModel read_step(Reader& r, const YAML::Node& node, const std::string& field) {
    FiscalStepModel m;
    if (!node) return m;
    if (!node.IsMap()) {
        r.problem(node, field, "must be a mapping with arrivals_per_year, step and max_rate");
        return m;
    }
    r.keys(node, field, {"arrivals_per_year", "step", "max_rate"});
    m.arrivals_per_year = r.number(node, "arrivals_per_year", field, 0.0, 10.0, false, 0.0);
    m.step = r.number(node, "step", field, 0.0, 1.0, false, 0.0);
    m.max_rate = r.number(node, "max_rate", field, 0.0, 1.0, false, 1.0);
    return m;
}

void read_fiscal_country(Reader& r, const std::string& code, const YAML::Node& key, const YAML::Node& node,
                         CountryModelSpec& spec) {
    const std::string field = "fiscal_events." + code;
    if (!country_entry(r, code, key, node, field)) return;
    r.keys(node, field, {"royalty_step", "tax_step", "episodes", "assumptions", "source"});
    FiscalEventModel m;
    m.country = code;
    m.line = io::line_of(key);
    m.royalty = read_step(r, node["royalty_step"], field + ".royalty_step");
    m.tax = read_step(r, node["tax_step"], field + ".tax_step");
    spec.fiscal_events.push_back(m);
}

// A top-level mapping from country codes to their entries, each read by `read`.
template <class Read>
void read_countries(Reader& r, const YAML::Node& countries, const std::string& section, Read read) {
    std::set<std::string> seen;
    for (const auto& kv : countries) {
        const std::string code = kv.first.Scalar();
        if (!seen.insert(code).second) {
            r.problem(kv.first, section + "." + code, "duplicate country");
            continue;
        }
        read(code, kv.first, kv.second);
    }
}

}  // namespace

std::shared_ptr<const CountryModelSpec> load_country_model(const std::string& path) {
    return parse_country_model(
        files::read_input_file_or_throw(path, files::kMaxYamlFileBytes, "country model file"), path);
}

std::shared_ptr<const CountryModelSpec> parse_country_model(const std::string& text, const std::string& path) {
    static const io::YamlFileKind kind{"country model file", "a country model needs export_restrictions or fiscal_events",
                                       "description, export_restrictions, fiscal_events"};
    std::vector<Problem> read_problems;
    const YAML::Node root = io::parse_yaml_map(text, path, kind, read_problems);
    if (!read_problems.empty()) throw DealError(std::move(read_problems));
    Reader r(path);
    r.keys(root, "", {"description", "export_restrictions", "fiscal_events"});
    auto spec = std::make_shared<CountryModelSpec>();
    spec->file = path;
    const YAML::Node countries = root["export_restrictions"];
    const YAML::Node fiscal = root["fiscal_events"];
    // A file models export restrictions, fiscal events or both; each section it has must
    // name at least one country.
    if (fiscal && (!fiscal.IsMap() || fiscal.size() == 0))
        r.problem(fiscal, "fiscal_events", "must be a mapping from country codes to their fiscal-event models");
    else if (fiscal)
        read_countries(r, fiscal, "fiscal_events", [&](const std::string& code, const YAML::Node& key,
                                                       const YAML::Node& node) {
            read_fiscal_country(r, code, key, node, *spec);
        });
    if (fiscal && !countries) {
        // export restrictions are optional in a file of fiscal events
    } else if (!countries || !countries.IsMap() || countries.size() == 0) {
        r.problem(countries ? countries : root, "export_restrictions",
                  "required mapping from country codes to their export-restriction models");
    } else {
        read_countries(r, countries, "export_restrictions", [&](const std::string& code, const YAML::Node& key,
                                                                const YAML::Node& node) {
            read_country(r, code, key, node, *spec);
        });
    }
    if (!r.problems().empty()) throw DealError(r.problems());
    return spec;
}

}  // namespace offtake
