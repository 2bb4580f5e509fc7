// Reads a scorecard file. Every rule broken is reported with file, line, column and the
// field path (yaml-cpp marks are zero-based; Problems are one-based).
#include <offtake/errors.hpp>
#include <offtake/scorecard.hpp>

#include "files/input_file.hpp"
#include "io/yaml_text.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace offtake {
namespace {

class Reader {
  public:
    explicit Reader(std::string file) : file_(std::move(file)) {}

    void problem(const YAML::Node& node, const std::string& field, const std::string& rule) {
        const YAML::Mark mark = node.IsDefined() ? node.Mark() : YAML::Mark::null_mark();
        const bool known = mark.line >= 0;
        problems_.push_back(Problem{file_, known ? mark.line + 1 : 0, known ? mark.column + 1 : 0, field, rule});
    }
    void problem_at(const YAML::Mark& mark, const std::string& field, const std::string& rule) {
        problems_.push_back(Problem{file_, mark.line >= 0 ? mark.line + 1 : 0, mark.column >= 0 ? mark.column + 1 : 0,
                                    field, rule});
    }

    std::optional<double> number(const YAML::Node& parent, const char* key, const std::string& path, bool required) {
        const YAML::Node node = parent[key];
        if (!node) {
            if (required) problem_at(parent.Mark(), path, fmt::format("missing required number `{}`", key));
            return std::nullopt;
        }
        return number_of(node, path);
    }
    std::optional<double> number_of(const YAML::Node& node, const std::string& path) {
        double v = 0.0;
        if (!node.IsScalar() || !YAML::convert<double>::decode(node, v) || !std::isfinite(v)) {
            problem(node, path, "must be a finite number");
            return std::nullopt;
        }
        return v;
    }
    std::string text(const YAML::Node& parent, const char* key, const std::string& path, bool required) {
        const YAML::Node node = parent[key];
        if (!node) {
            if (required) problem_at(parent.Mark(), path, fmt::format("missing required text `{}`", key));
            return {};
        }
        if (!node.IsScalar()) {
            problem(node, path, "must be text");
            return {};
        }
        return node.Scalar();
    }
    void unknown_keys(const YAML::Node& map, const std::set<std::string>& allowed, const std::string& path) {
        for (const auto& kv : map) {
            const auto key = kv.first.Scalar();
            if (!allowed.count(key)) {
                std::string list;
                for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
                problem(kv.first, path.empty() ? key : path + "." + key,
                        fmt::format("unknown key (expected one of: {})", list));
            }
        }
    }
    // yaml-cpp keeps the first of duplicate keys silently; a scorecard must not have any.
    void duplicate_keys(const YAML::Node& map, const std::string& path) {
        std::set<std::string> seen;
        for (const auto& kv : map)
            if (!seen.insert(kv.first.Scalar()).second)
                problem(kv.first, path.empty() ? kv.first.Scalar() : path + "." + kv.first.Scalar(), "duplicate key");
    }
    const std::vector<Problem>& problems() const { return problems_; }
    const std::string& file() const { return file_; }

  private:
    std::string file_;
    std::vector<Problem> problems_;
};

void read_categories(Reader& r, const YAML::Node& node, Scorecard& card) {
    if (!node || !node.IsSequence() || node.size() == 0) {
        r.problem(node, "categories", "must be a non-empty list of {name, min_score, risk_weight}");
        return;
    }
    for (std::size_t i = 0; i < node.size(); ++i) {
        const YAML::Node c = node[i];
        const std::string path = fmt::format("categories[{}]", i);
        if (!c.IsMap()) {
            r.problem(c, path, "must be a map {name, min_score, risk_weight}");
            continue;
        }
        r.duplicate_keys(c, path);
        r.unknown_keys(c, {"name", "min_score", "risk_weight"}, path);
        ScorecardCategory cat;
        cat.name = r.text(c, "name", path + ".name", true);
        const auto min_score = r.number(c, "min_score", path + ".min_score", true);
        const auto rw = r.number(c, "risk_weight", path + ".risk_weight", true);
        if (min_score && (*min_score < 0 || *min_score > 100))
            r.problem(c["min_score"], path + ".min_score", "must be within 0..100");
        if (rw && *rw < 0) r.problem(c["risk_weight"], path + ".risk_weight", "must not be negative");
        cat.min_score = min_score.value_or(0.0);
        cat.risk_weight = rw.value_or(0.0);
        if (i > 0 && !card.categories.empty() && cat.min_score >= card.categories.back().min_score)
            r.problem(c["min_score"], path + ".min_score",
                      "categories must be listed from best to worst with decreasing min_score");
        card.categories.push_back(cat);
    }
    if (!card.categories.empty() && card.categories.back().min_score > 0.0)
        r.problem(node[node.size() - 1], fmt::format("categories[{}].min_score", node.size() - 1),
                  "the last (worst) category must have min_score 0 so that every score has a category");
}

void read_factor(Reader& r, const YAML::Node& f, const std::string& path, Scorecard& card) {
    static const std::set<std::string> groups{"coverage", "default_risk", "revenue_certainty", "security", "stated"};
    if (!f.IsMap()) {
        r.problem(f, path, "must be a map {id, group, label, weight, points, missing}");
        return;
    }
    r.duplicate_keys(f, path);
    r.unknown_keys(f, {"id", "group", "label", "weight", "points", "missing"}, path);
    ScorecardFactor factor;
    factor.id = r.text(f, "id", path + ".id", true);
    const auto& ids = scorecard_factor_ids();
    if (!factor.id.empty() && std::find(ids.begin(), ids.end(), factor.id) == ids.end()) {
        std::string list;
        for (const auto& id : ids) list += (list.empty() ? "" : ", ") + id;
        r.problem(f["id"], path + ".id", fmt::format("unknown factor `{}` (known: {})", factor.id, list));
    }
    for (const auto& other : card.factors)
        if (!factor.id.empty() && other.id == factor.id)
            r.problem(f["id"], path + ".id", fmt::format("factor `{}` appears twice", factor.id));
    factor.group = r.text(f, "group", path + ".group", true);
    if (!factor.group.empty() && !groups.count(factor.group))
        r.problem(f["group"], path + ".group",
                  "must be one of coverage, default_risk, revenue_certainty, security, stated");
    factor.label = r.text(f, "label", path + ".label", false);
    if (factor.label.empty()) factor.label = factor.id;
    const auto weight = r.number(f, "weight", path + ".weight", true);
    if (weight && *weight < 0) r.problem(f["weight"], path + ".weight", "must not be negative");
    factor.weight = weight.value_or(0.0);
    const auto missing = r.number(f, "missing", path + ".missing", true);
    if (missing && (*missing < 0 || *missing > 100)) r.problem(f["missing"], path + ".missing", "must be within 0..100");
    factor.missing_score = missing.value_or(0.0);

    const YAML::Node points = f["points"];
    const std::string ppath = path + ".points";
    if (!points || !points.IsSequence() || points.size() == 0) {
        r.problem(points ? points : f, ppath, "must be a non-empty list of [value, sub-score] pairs");
    } else {
        for (std::size_t k = 0; k < points.size(); ++k) {
            const YAML::Node p = points[k];
            const std::string kpath = fmt::format("{}[{}]", ppath, k);
            if (!p.IsSequence() || p.size() != 2) {
                r.problem(p, kpath, "must be a pair [value, sub-score]");
                continue;
            }
            const auto value = r.number_of(p[0], kpath + "[0]");
            const auto score = r.number_of(p[1], kpath + "[1]");
            if (!value || !score) continue;
            if (*score < 0 || *score > 100) r.problem(p[1], kpath + "[1]", "sub-score must be within 0..100");
            if (!factor.points.empty() && *value <= factor.points.back().first)
                r.problem(p[0], kpath + "[0]", "values must increase strictly from one point to the next");
            factor.points.emplace_back(*value, *score);
        }
    }
    card.factors.push_back(factor);
}

}  // namespace

Scorecard parse_scorecard(const std::string& yaml, const std::string& file_name) {
    Reader r(file_name);
    // The deal loader's checks (UTF-8 text, nesting, libyaml syntax, one document whose
    // top level is a map) before yaml-cpp builds the tree.
    static const io::YamlFileKind kind{"scorecard file", "a scorecard needs name, categories and factors",
                                       "name, categories, factors"};
    std::vector<Problem> read_problems;
    const YAML::Node loaded = io::parse_yaml_map(yaml, file_name, kind, read_problems);
    if (!read_problems.empty()) throw DealError(std::move(read_problems));
    const YAML::Node& root = loaded;  // const: operator[] must not insert
    Scorecard card;
    card.file = file_name;
    r.duplicate_keys(root, "");
    r.unknown_keys(root, {"name", "categories", "factors"}, "");
    card.name = r.text(root, "name", "name", true);
    read_categories(r, root["categories"], card);
    const YAML::Node factors = root["factors"];
    if (!factors || !factors.IsSequence() || factors.size() == 0) {
        r.problem(factors.IsDefined() ? factors : root, "factors", "must be a non-empty list of factors");
    } else {
        for (std::size_t i = 0; i < factors.size(); ++i) read_factor(r, factors[i], fmt::format("factors[{}]", i), card);
        double total = 0.0;
        for (const auto& f : card.factors) total += f.weight;
        if (std::abs(total - 1.0) > 1e-6)
            r.problem(factors, "factors", fmt::format("weights must sum to 1 (they sum to {:.6g})", total));
    }
    if (!r.problems().empty()) throw DealError(r.problems());
    return card;
}

Scorecard load_scorecard(const std::string& path) {
    return parse_scorecard(files::read_input_file_or_throw(path, files::kMaxYamlFileBytes, "scorecard file"), path);
}

const Scorecard& default_scorecard() {
    // Parsed once, then immutable (function-local static: thread-safe initialisation).
    static const Scorecard card = parse_scorecard(
#include <generated/default_scorecard.inc>
        , "models/scorecard/default.yaml");
    return card;
}

}  // namespace offtake
