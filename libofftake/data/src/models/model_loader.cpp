// load_price_model: models/prices/*.yaml into a PriceModelSpec. Every problem names the
// file, line, field and rule (yaml-cpp marks are zero-based; ours are one-based), and all
// problems of a file are reported together.
#include "models/price_model_spec.hpp"

#include <offtake/errors.hpp>

#include "files/input_file.hpp"
#include "io/yaml_text.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <map>
#include <set>

namespace offtake {

namespace {

class Reader {
  public:
    explicit Reader(std::string file) : file_(std::move(file)) {}

    void problem(const YAML::Node& at, const std::string& field, const std::string& rule) {
        // An undefined node (a missing key or index) has no position; asking yaml-cpp for
        // one throws, so it is reported without a line rather than crashing the loader.
        const auto mark = at.IsDefined() ? at.Mark() : YAML::Mark::null_mark();
        problems_.push_back(Problem{file_, mark.line >= 0 ? mark.line + 1 : 0,
                                    mark.column >= 0 ? mark.column + 1 : 0, field, rule});
    }
    std::vector<Problem>& problems() { return problems_; }
    const std::string& file() const { return file_; }

    // Keys of a map, rejecting duplicates (yaml-cpp keeps the first silently) and keys
    // outside `allowed`.
    bool check_map(const YAML::Node& node, const std::string& field,
                   const std::set<std::string>& allowed) {
        if (!node.IsMap()) {
            problem(node, field, "must be a mapping");
            return false;
        }
        std::set<std::string> seen;
        for (const auto& kv : node) {
            const auto key = kv.first.Scalar();
            const auto path = field.empty() ? key : field + "." + key;
            if (!seen.insert(key).second) problem(kv.first, path, "duplicate key");
            if (!allowed.empty() && !allowed.count(key)) {
                std::string list;
                for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
                problem(kv.first, path, "unknown key (allowed: " + list + ")");
            }
        }
        return true;
    }

    std::optional<double> number(const YAML::Node& map, const std::string& key,
                                 const std::string& field, bool required) {
        const YAML::Node n = map[key];
        const auto path = field + "." + key;
        if (!n) {
            if (required) problem(map, path, "required number is missing");
            return std::nullopt;
        }
        if (!n.IsScalar()) {
            problem(n, path, "must be a number");
            return std::nullopt;
        }
        try {
            const double v = n.as<double>();
            if (!std::isfinite(v)) {
                problem(n, path, "must be finite");
                return std::nullopt;
            }
            return v;
        } catch (const YAML::Exception&) {
            problem(n, path, fmt::format("must be a number (got '{}')", n.Scalar()));
            return std::nullopt;
        }
    }

    // A number with a rule; returns the value or `fallback`.
    double checked(const YAML::Node& map, const std::string& key, const std::string& field,
                   bool required, double fallback, bool (*ok)(double), const char* rule) {
        const auto v = number(map, key, field, required);
        if (!v) return fallback;
        if (ok && !ok(*v)) {
            problem(map[key], field + "." + key, fmt::format("{} (got {})", rule, *v));
            return fallback;
        }
        return *v;
    }

  private:
    std::string file_;
    std::vector<Problem> problems_;
};

bool positive(double v) { return v > 0.0; }
bool non_negative(double v) { return v >= 0.0; }
bool correlation(double v) { return v >= -1.0 && v <= 1.0; }

const std::set<std::string> kCommodityNames = {
    "lithium_carbonate", "lithium_hydroxide", "spodumene_concentrate", "copper_cathode",
    "copper_concentrate", "copper"};

void read_commodity(Reader& r, const std::string& name, const YAML::Node& node,
                    CommodityPriceSpec& c) {
    const std::string field = "commodities." + name;
    c.name = name;
    c.line = node.Mark().line + 1;
    if (!node.IsMap()) {
        r.problem(node, field, "must be a mapping with a 'model' key");
        return;
    }
    const YAML::Node model = node["model"];
    const std::string kind = model && model.IsScalar() ? model.Scalar() : "";
    std::set<std::string> allowed = {"model", "spot", "jumps", "source"};
    if (kind == "gbm") {
        c.dynamics = PriceDynamics::Gbm;
        allowed.insert({"mu", "sigma", "lambda"});
    } else if (kind == "schwartz1f") {
        c.dynamics = PriceDynamics::OneFactor;
        allowed.insert({"kappa", "alpha", "long_run_median", "sigma", "lambda"});
    } else if (kind == "schwartz_smith") {
        c.dynamics = PriceDynamics::TwoFactor;
        allowed.insert({"kappa", "sigma_chi", "sigma_xi", "mu_xi", "mu_xi_star", "lambda_chi",
                        "rho", "chi0"});
    } else if (kind == "deterministic") {
        c.dynamics = PriceDynamics::Deterministic;
        allowed.insert({"flat", "by_year"});
    } else {
        r.problem(model ? model : node, field + ".model",
                  fmt::format("must be one of gbm, schwartz1f, schwartz_smith, deterministic "
                              "(got '{}')",
                              kind));
        return;
    }
    r.check_map(node, field, allowed);
    if (node["spot"]) c.spot = r.checked(node, "spot", field, false, 1.0, positive, "must be > 0");
    if (node["source"]) c.source = node["source"].Scalar();
    switch (c.dynamics) {
        case PriceDynamics::Gbm:
            c.mu = r.checked(node, "mu", field, true, 0.0, nullptr, "");
            c.sigma = r.checked(node, "sigma", field, true, 0.0, non_negative, "must be >= 0");
            c.lambda = r.checked(node, "lambda", field, false, 0.0, nullptr, "");
            break;
        case PriceDynamics::OneFactor: {
            c.kappa = r.checked(node, "kappa", field, true, 1.0, positive, "must be > 0");
            c.sigma = r.checked(node, "sigma", field, true, 0.0, non_negative, "must be >= 0");
            c.lambda = r.checked(node, "lambda", field, false, 0.0, nullptr, "");
            const bool has_alpha = static_cast<bool>(node["alpha"]);
            const bool has_median = static_cast<bool>(node["long_run_median"]);
            if (has_alpha == has_median) {
                r.problem(node, field + ".alpha",
                          "give exactly one of alpha (long-run log level) and long_run_median "
                          "(= exp(alpha), in price units)");
            } else if (has_alpha) {
                c.alpha = r.checked(node, "alpha", field, true, 0.0, nullptr, "");
            } else {
                c.alpha = std::log(r.checked(node, "long_run_median", field, true, 1.0, positive,
                                             "must be > 0"));
            }
            break;
        }
        case PriceDynamics::TwoFactor:
            c.kappa = r.checked(node, "kappa", field, true, 1.0, positive, "must be > 0");
            c.sigma_chi = r.checked(node, "sigma_chi", field, true, 0.0, non_negative, "must be >= 0");
            c.sigma_xi = r.checked(node, "sigma_xi", field, true, 0.0, non_negative, "must be >= 0");
            c.mu_xi = r.checked(node, "mu_xi", field, true, 0.0, nullptr, "");
            c.mu_xi_star = r.checked(node, "mu_xi_star", field, false, c.mu_xi, nullptr, "");
            c.lambda_chi = r.checked(node, "lambda_chi", field, false, 0.0, nullptr, "");
            c.rho = r.checked(node, "rho", field, true, 0.0, correlation, "must be in [-1, 1]");
            c.chi0 = r.checked(node, "chi0", field, false, 0.0, nullptr, "");
            break;
        case PriceDynamics::Deterministic: {
            if (node["flat"] && node["by_year"])
                r.problem(node, field, "give at most one of flat and by_year");
            if (node["flat"])
                c.deck_by_year = {r.checked(node, "flat", field, true, 1.0, positive, "must be > 0")};
            if (const YAML::Node y = node["by_year"]) {
                if (!y.IsSequence() || y.size() == 0) {
                    r.problem(y, field + ".by_year", "must be a non-empty list of prices");
                } else {
                    for (size_t i = 0; i < y.size(); ++i) {
                        double v = 0.0;
                        try {
                            v = y[i].as<double>();
                        } catch (const YAML::Exception&) {
                            v = -1.0;
                        }
                        if (!(v > 0.0))
                            r.problem(y[i], fmt::format("{}.by_year[{}]", field, i),
                                      "must be a positive number");
                        c.deck_by_year.push_back(v);
                    }
                }
            }
            break;
        }
    }
    if (const YAML::Node j = node["jumps"]) {
        if (c.dynamics == PriceDynamics::Deterministic) {
            r.problem(j, field + ".jumps", "a deterministic deck cannot have jumps");
        } else if (r.check_map(j, field + ".jumps", {"intensity", "mean", "stdev"})) {
            JumpSpec js;
            js.intensity = r.checked(j, "intensity", field + ".jumps", true, 0.0, non_negative,
                                     "must be >= 0 (jumps per year)");
            js.mean = r.checked(j, "mean", field + ".jumps", true, 0.0, nullptr, "");
            js.stdev = r.checked(j, "stdev", field + ".jumps", true, 0.0, non_negative,
                                 "must be >= 0");
            c.jumps = js;
        }
    }
}

}  // namespace

std::shared_ptr<const PriceModelSpec> load_price_model(const std::string& path) {
    return parse_price_model(
        files::read_input_file_or_throw(path, files::kMaxYamlFileBytes, "price model file"), path);
}

std::shared_ptr<const PriceModelSpec> parse_price_model(const std::string& text, const std::string& path) {
    // The deal loader's checks (UTF-8 text, nesting, libyaml syntax, one document whose
    // top level is a map) before yaml-cpp builds the tree.
    static const io::YamlFileKind kind{"price model file", "a price model needs commodities",
                                       "description, commodities, correlation"};
    std::vector<Problem> read_problems;
    const YAML::Node root = io::parse_yaml_map(text, path, kind, read_problems);
    if (!read_problems.empty()) throw DealError(std::move(read_problems));
    Reader r(path);
    auto spec = std::make_shared<PriceModelSpec>();
    spec->file = path;
    r.check_map(root, "", {"description", "commodities", "correlation"});
    if (root["description"]) spec->description = root["description"].Scalar();
    const YAML::Node commodities = root["commodities"];
    if (!commodities || !commodities.IsMap() || commodities.size() == 0) {
        r.problem(commodities ? commodities : root, "commodities",
                  "required: a mapping from commodity name to its model");
        throw DealError(r.problems());
    }
    r.check_map(commodities, "commodities", kCommodityNames);
    std::set<std::string> seen;
    for (const auto& kv : commodities) {
        const auto name = kv.first.Scalar();
        if (!kCommodityNames.count(name) || !seen.insert(name).second) continue;
        CommodityPriceSpec c;
        read_commodity(r, name, kv.second, c);
        spec->commodities.push_back(std::move(c));
    }
    if (!r.problems().empty()) throw DealError(r.problems());

    // Factor names exist only once the commodities are known.
    assemble_factors(*spec, {}, 0);
    std::vector<CorrelationEntry> entries;
    int correlation_line = 0;
    const YAML::Node corr = root["correlation"];
    // A correlation that is not a mapping (a scalar, a list) is named and read no further:
    // corr["factors"] on a scalar throws (fuzz_price_model, catalogue price_models/27).
    if (corr && r.check_map(corr, "correlation", {"factors", "matrix"})) {
        for (const auto& kv : root)
            if (kv.first.Scalar() == "correlation") correlation_line = kv.first.Mark().line + 1;
        const YAML::Node names = corr["factors"], matrix = corr["matrix"];
        std::vector<int> index;
        if (!names || !names.IsSequence() || names.size() < 2) {
            r.problem(names ? names : corr, "correlation.factors",
                      "required: a list of at least two factor names");
        } else {
            std::map<std::string, int> by_name;
            for (size_t i = 0; i < spec->factors.size(); ++i)
                by_name[spec->factors[i].name] = static_cast<int>(i);
            std::set<std::string> listed;
            for (size_t i = 0; i < names.size(); ++i) {
                const auto nm = names[i].Scalar();
                auto it = by_name.find(nm);
                if (it == by_name.end()) {
                    std::string list;
                    for (const auto& f : spec->factors) list += (list.empty() ? "" : ", ") + f.name;
                    r.problem(names[i], fmt::format("correlation.factors[{}]", i),
                              fmt::format("unknown factor '{}' (factors of this file: {})", nm, list));
                } else if (!listed.insert(nm).second) {
                    r.problem(names[i], fmt::format("correlation.factors[{}]", i),
                              "factor listed twice");
                }
                index.push_back(it == by_name.end() ? -1 : it->second);
            }
        }
        const size_t k = index.size();
        if (k && (!matrix || !matrix.IsSequence() || matrix.size() != k)) {
            r.problem(matrix ? matrix : corr, "correlation.matrix",
                      fmt::format("required: {} rows of {} numbers", k, k));
        } else if (k) {
            std::vector<double> m(k * k, 0.0);
            bool rows_ok = true;
            for (size_t i = 0; i < k; ++i) {
                const YAML::Node row = matrix[i];
                if (!row.IsSequence() || row.size() != k) {
                    r.problem(row, fmt::format("correlation.matrix[{}]", i),
                              fmt::format("must be a row of {} numbers", k));
                    rows_ok = false;
                    continue;
                }
                for (size_t j = 0; j < k; ++j) {
                    double v = 0.0;
                    try {
                        v = row[j].as<double>();
                    } catch (const YAML::Exception&) {
                        r.problem(row[j], fmt::format("correlation.matrix[{}][{}]", i, j),
                                  "must be a number");
                        continue;
                    }
                    m[i * k + j] = v;
                    const auto where = fmt::format("correlation.matrix[{}][{}]", i, j);
                    if (i == j && std::fabs(v - 1.0) > 1e-12)
                        r.problem(row[j], where, fmt::format("diagonal must be 1 (got {})", v));
                    if (i != j && !(v >= -1.0 && v <= 1.0))
                        r.problem(row[j], where, fmt::format("must be in [-1, 1] (got {})", v));
                }
            }
            // Symmetry and the pair list read matrix[i][j] as a node, which exists only
            // when every row is a sequence of k entries.
            if (!rows_ok) throw DealError(r.problems());
            for (size_t i = 0; i < k; ++i)
                for (size_t j = 0; j < i; ++j)
                    if (std::fabs(m[i * k + j] - m[j * k + i]) > 1e-12)
                        r.problem(matrix[i][j], fmt::format("correlation.matrix[{}][{}]", i, j),
                                  fmt::format("matrix must be symmetric ({} vs [{}][{}] = {})",
                                              m[i * k + j], j, i, m[j * k + i]));
            for (size_t i = 0; i < k; ++i)
                for (size_t j = 0; j < i; ++j)
                    if (index[i] >= 0 && index[j] >= 0)
                        entries.push_back({index[i], index[j], m[i * k + j],
                                           matrix[i][j].Mark().line + 1});
        }
    }
    if (!r.problems().empty()) throw DealError(r.problems());
    assemble_factors(*spec, entries, correlation_line);
    return spec;
}

}  // namespace offtake
