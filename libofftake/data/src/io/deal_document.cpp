#include <offtake/deal_file.hpp>

#include "io/deal_build.hpp"
#include "io/deal_reader.hpp"
#include "io/yaml_text.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <set>
#include <utility>

namespace offtake {

using io::Field;
using io::Kind;
using io::Segment;

const char* to_string(ParamKind k) {
    switch (k) {
        case ParamKind::Number: return "number";
        case ParamKind::Integer: return "integer";
        case ParamKind::String: return "string";
        case ParamKind::Boolean: return "boolean";
        case ParamKind::Date: return "date";
        case ParamKind::Choice: return "choice";
        case ParamKind::Map: return "map";
        case ParamKind::List: return "list";
    }
    return "unknown";
}

struct DealDocument::Impl {
    YAML::Node root;
    std::string source;
    bool relation_checks = true;
    // The text read and the edits since: a copy re-reads and replays them, because
    // YAML::Clone drops the file positions that messages cite.
    std::string text;
    struct Edit {
        std::string path;
        std::vector<Segment> segments;
        std::string value;
        bool erase = false;
    };
    std::vector<Edit> edits;

    std::unique_ptr<Impl> copy() const {
        std::vector<Problem> problems;
        auto out = std::make_unique<Impl>();
        out->root = io::parse_deal_yaml(text, source, problems);
        out->source = source;
        out->relation_checks = relation_checks;
        out->text = text;
        out->edits = edits;
        for (const auto& e : edits) out->apply(out->root, e);
        return out;
    }

    void apply(YAML::Node target, const Edit& e) const {
        if (e.erase) erase(target, e.path, e.segments);
        else write(target, e.path, e.segments, e.value);
    }

    // Tries an edit on a copy first: an edit that breaks a rule relating fields (floor
    // <= cap, shares sum to one, dates in order) is refused and the document stays as
    // it was. Only problems the edit introduced count.
    void commit(Edit e) {
        if (relation_checks) {
            YAML::Node trial = YAML::Clone(root);
            apply(trial, e);
            auto key = [](const Problem& p) { return p.field + "\n" + p.rule; };
            std::set<std::string> before;
            for (const auto& p : io::analyse(root, source, nullptr)) before.insert(key(p));
            std::vector<Problem> introduced;
            for (auto& p : io::analyse(trial, source, nullptr)) {
                if (before.count(key(p))) continue;
                // The clone carries no positions: take them from the document itself.
                auto segments = io::parse_path(p.field);
                YAML::Node at = segments ? io::find_node(root, *segments) : YAML::Node(YAML::NodeType::Undefined);
                p.line = io::line_of(at);
                p.column = io::column_of(at);
                introduced.push_back(std::move(p));
            }
            if (!introduced.empty()) throw DealError(std::move(introduced));
        }
        // In place, so that existing nodes keep their file positions.
        apply(root, e);
        edits.push_back(std::move(e));
    }

    void erase(YAML::Node target, const std::string& path, const std::vector<Segment>& segments) const {
        std::vector<Segment> parent_path(segments.begin(), segments.end() - 1);
        YAML::Node parent = io::find_node(target, parent_path);
        if (segments.back().is_index()) fail(path, "list items cannot be removed, only changed");
        if (parent.IsDefined() && parent.IsMap()) parent.remove(segments.back().key);
    }

    [[noreturn]] void fail(const std::string& path, std::string rule, const YAML::Node& at = YAML::Node()) const {
        // A caller's path is echoed, but never in full when it is huge (a 1 MiB path
        // once filled the message).
        const std::string shown =
            path.size() <= 200 ? path : fmt::format("{}... ({} characters)", path.substr(0, 100), path.size());
        throw DealError(io::problem_at(source, at, shown, std::move(rule)));
    }

    // --- YAML aliases ------------------------------------------------------------------
    // yaml-cpp gives every alias (*name) the anchored node itself, so writing into it
    // would change every field that uses the alias. Before an edit, each node on the
    // edited path that is reachable by more than one path is replaced, in its parent
    // only, by a copy of its own: the other fields keep the shared original.
    // A parsed node is known by its position and type (aliases repeat both); nodes built
    // by edits have no position and are never shared.
    using NodeKey = std::pair<int, int>;
    static NodeKey key_of(const YAML::Node& n) {
        return {n.Mark().pos, static_cast<int>(n.Type())};
    }
    // How many paths reach each parsed node (a shared node's descendants are counted
    // once: walking into it again would only repeat them, and could explode).
    static void count_paths(const YAML::Node& n, std::map<NodeKey, int>& seen) {
        if (!n.IsDefined() || n.Mark().pos < 0) return;
        if (seen[key_of(n)]++ > 0) return;
        if (n.IsSequence()) {
            for (const auto& item : n) count_paths(item, seen);
        } else if (n.IsMap()) {
            for (const auto& kv : n) count_paths(kv.second, seen);
        }
    }
    // Replaces `parent`'s child at `s` by `replacement`, keeping the order of the others
    // (yaml-cpp can only append: the children from `s` on are removed and put back).
    static void replace_child(YAML::Node parent, const Segment& s, const YAML::Node& replacement) {
        if (s.is_index()) {
            std::vector<YAML::Node> tail;
            for (std::size_t i = static_cast<std::size_t>(s.index); i < parent.size(); ++i) tail.push_back(parent[i]);
            for (std::size_t i = parent.size(); i-- > static_cast<std::size_t>(s.index);) parent.remove(i);
            parent.push_back(replacement);
            for (std::size_t i = 1; i < tail.size(); ++i) parent.push_back(tail[i]);
        } else {
            std::vector<std::pair<YAML::Node, YAML::Node>> tail;
            bool from_here = false;
            for (const auto& kv : parent) {
                if (!from_here && kv.first.IsScalar() && kv.first.Scalar() == s.key) from_here = true;
                if (from_here) tail.emplace_back(kv.first, kv.second);
            }
            for (const auto& kv : tail) parent.remove(kv.first);
            for (std::size_t i = 0; i < tail.size(); ++i)
                parent.force_insert(tail[i].first, i == 0 ? replacement : tail[i].second);
        }
    }
    // Which steps of `segments` (in this document's own tree, which carries positions)
    // lead to a shared node.
    std::vector<bool> shared_steps(const std::vector<Segment>& segments) const {
        std::map<NodeKey, int> seen;
        count_paths(root, seen);
        std::vector<bool> shared(segments.size(), false);
        YAML::Node n = root;
        for (std::size_t i = 0; i < segments.size(); ++i) {
            const Segment& s = segments[i];
            YAML::Node next;
            if (s.is_index()) {
                if (!n.IsSequence() || static_cast<std::size_t>(s.index) >= n.size()) break;
                next.reset(n[static_cast<std::size_t>(s.index)]);
            } else {
                if (!n.IsMap()) break;
                next.reset(io::find_key(n, s.key));
            }
            if (!next.IsDefined()) break;
            if (next.Mark().pos >= 0) {
                auto it = seen.find(key_of(next));
                shared[i] = it != seen.end() && it->second > 1;
            }
            n.reset(next);
        }
        return shared;
    }

    struct Resolved {
        std::vector<Segment> segments;
        const Field* field;
    };

    Resolved resolve(const std::string& path) const {
        auto segments = io::parse_path(path);
        if (!segments) fail(path, "malformed parameter path (expected e.g. offtakes[0].pricing.floor)");
        std::string rule;
        const Field* f = io::field_for_path(*segments, &rule);
        if (!f) fail(path, rule);
        return {std::move(*segments), f};
    }

    // The node a resolved path names, or an explanation of why there is none:
    // an index past the end is an error; an absent map or key means "not set".
    YAML::Node locate(const std::string& path, const std::vector<Segment>& segments) const {
        YAML::Node n = root;
        for (const auto& s : segments) {
            if (s.is_index()) {
                std::size_t size = n.IsSequence() ? n.size() : 0;
                if (static_cast<std::size_t>(s.index) >= size)
                    fail(path, fmt::format("index {} out of range (the list has {} items)", s.index, size), n);
                YAML::Node next = n[static_cast<std::size_t>(s.index)];
                n.reset(next);
            } else {
                if (n.IsDefined() && !n.IsNull() && !n.IsMap())
                    fail(path, fmt::format("cannot look up '{}': the value there is not a map", s.key), n);
                YAML::Node next = io::find_key(n, s.key);
                n.reset(next);
            }
        }
        return n;
    }

    std::string text_at(const std::string& path, const std::vector<Kind>& kinds, const char* accessor) const {
        Resolved r = resolve(path);
        check_kind(path, *r.field, kinds, accessor);
        YAML::Node n = locate(path, r.segments);
        if (n.IsDefined() && !n.IsNull()) {
            std::string rule = io::node_rule(n, *r.field);
            if (!rule.empty()) fail(path, rule, n);
            return n.Scalar();
        }
        if (!r.field->has_default) fail(path, "not set in the deal and has no default");
        return r.field->default_text;
    }

    void check_kind(const std::string& path, const Field& f, const std::vector<Kind>& kinds, const char* accessor) const {
        for (Kind k : kinds)
            if (f.kind == k) return;
        fail(path, fmt::format("is a {}, not readable or writable with {}", io::kind_name(f.kind), accessor));
    }

    void set_text(const std::string& path, const std::string& text, bool plain, const std::vector<Kind>& kinds,
                  const char* accessor) {
        Resolved r = resolve(path);
        check_kind(path, *r.field, kinds, accessor);
        std::string rule = io::scalar_text_rule(text, plain, *r.field);
        if (!rule.empty()) fail(path, rule);

        commit(Edit{path, r.segments, text, false});
    }

    void write(YAML::Node target, const std::string& path, const std::vector<Segment>& segments,
               const std::string& text) const {
        // Shared steps are judged on this document's tree, which carries positions; the
        // same steps are then unshared in `target` (the tree itself, or a trial copy of
        // it, whose aliases YAML::Clone keeps).
        const std::vector<bool> shared = shared_steps(segments);
        YAML::Node n = target;
        auto unshare = [&](std::size_t i) {
            if (!shared[i]) return;
            const Segment& s = segments[i];
            YAML::Node child;
            if (s.is_index()) {
                if (!n.IsSequence() || static_cast<std::size_t>(s.index) >= n.size()) return;
                child.reset(n[static_cast<std::size_t>(s.index)]);
            } else {
                if (!n.IsMap()) return;
                child.reset(io::find_key(n, s.key));
                if (!child.IsDefined()) return;
            }
            replace_child(n, s, YAML::Clone(child));
        };
        for (std::size_t i = 0; i + 1 < segments.size(); ++i) {
            unshare(i);
            const Segment& s = segments[i];
            if (s.is_index()) {
                std::size_t size = n.IsSequence() ? n.size() : 0;
                if (static_cast<std::size_t>(s.index) >= size)
                    fail(path, fmt::format("index {} out of range (the list has {} items)", s.index, size), n);
                YAML::Node next = n[static_cast<std::size_t>(s.index)];
                n.reset(next);
            } else {
                YAML::Node next = io::find_key(n, s.key);
                const bool next_is_index = segments[i + 1].is_index();
                if (!next.IsDefined() || next.IsNull()) {
                    if (next_is_index)
                        fail(path, fmt::format("index {} out of range (the list has 0 items)", segments[i + 1].index));
                    n[s.key] = YAML::Node(YAML::NodeType::Map);  // an absent optional section
                    next.reset(n[s.key]);
                } else if (!next_is_index && !next.IsMap()) {
                    fail(path, fmt::format("cannot set inside '{}': the value there is not a map", s.key), next);
                }
                n.reset(next);
            }
        }
        unshare(segments.size() - 1);
        const Segment& last = segments.back();
        if (last.is_index()) {
            if (!n.IsSequence() || static_cast<std::size_t>(last.index) >= n.size())
                fail(path, fmt::format("index {} out of range (the list has {} items)", last.index,
                                       n.IsSequence() ? n.size() : 0), n);
            n[static_cast<std::size_t>(last.index)] = text;
        } else {
            if (!n.IsMap()) fail(path, "cannot set a field inside a value that is not a map", n);
            n[last.key] = text;
        }
    }
};

DealDocument::DealDocument(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DealDocument::DealDocument(const DealDocument& other) : impl_(other.impl_->copy()) {}
DealDocument& DealDocument::operator=(const DealDocument& other) {
    if (this != &other) impl_ = other.impl_->copy();
    return *this;
}
DealDocument::DealDocument(DealDocument&&) noexcept = default;
DealDocument& DealDocument::operator=(DealDocument&&) noexcept = default;
DealDocument::~DealDocument() = default;

DealDocument DealDocument::from_string(const std::string& yaml, const std::string& source_name) {
    std::vector<Problem> problems;
    YAML::Node root;
    try {
        root = io::parse_deal_yaml(yaml, source_name, problems);
    } catch (const std::exception& e) {
        problems.push_back({source_name, 0, 0, "", std::string("cannot read the deal: ") + e.what()});
    }
    if (!problems.empty()) throw DealError(std::move(problems));
    auto impl = std::make_unique<Impl>();
    impl->root = root;
    impl->source = source_name;
    impl->text = yaml;
    return DealDocument(std::move(impl));
}

DealDocument DealDocument::from_file(const std::string& path) {
    std::vector<Problem> problems;
    std::string text;
    if (!io::read_text_file(path, text, problems)) throw DealError(std::move(problems));
    return from_string(text, path);
}

const std::string& DealDocument::source() const { return impl_->source; }

ParamKind DealDocument::kind(const std::string& path) const {
    switch (impl_->resolve(path).field->kind) {
        case Kind::Number: return ParamKind::Number;
        case Kind::Integer: return ParamKind::Integer;
        case Kind::String: return ParamKind::String;
        case Kind::Bool: return ParamKind::Boolean;
        case Kind::Date: return ParamKind::Date;
        case Kind::Enum: return ParamKind::Choice;
        case Kind::Map: return ParamKind::Map;
        case Kind::List: return ParamKind::List;
    }
    return ParamKind::String;
}

bool DealDocument::has(const std::string& path) const {
    auto r = impl_->resolve(path);
    YAML::Node n = io::find_node(impl_->root, r.segments);
    return n.IsDefined() && !n.IsNull();
}

double DealDocument::get_number(const std::string& path) const {
    std::string text = impl_->text_at(path, {Kind::Number, Kind::Integer}, "get_number");
    auto r = impl_->resolve(path);
    return r.field->kind == Kind::Integer ? static_cast<double>(io::integer_of(text)) : io::number_of(text);
}

std::string DealDocument::get_string(const std::string& path) const {
    return impl_->text_at(path, {Kind::String, Kind::Enum, Kind::Date}, "get_string");
}

bool DealDocument::get_bool(const std::string& path) const {
    return io::bool_of(impl_->text_at(path, {Kind::Bool}, "get_bool"));
}

void DealDocument::set_number(const std::string& path, double value) {
    auto r = impl_->resolve(path);
    if (!std::isfinite(value)) impl_->fail(path, fmt::format("must be a finite number, got {}", value));
    std::string text;
    if (r.field->kind == Kind::Integer) {
        if (std::floor(value) != value || std::fabs(value) > 9007199254740991.0)
            impl_->fail(path, fmt::format("expected a whole number, got {}", value));
        text = fmt::format("{:.0f}", value);
    } else {
        text = fmt::format("{}", value);  // shortest text that reads back to the same double
    }
    impl_->set_text(path, text, true, {Kind::Number, Kind::Integer}, "set_number");
}

void DealDocument::set_string(const std::string& path, const std::string& value) {
    impl_->set_text(path, value, false, {Kind::String, Kind::Enum, Kind::Date}, "set_string");
}

void DealDocument::set_bool(const std::string& path, bool value) {
    impl_->set_text(path, value ? "true" : "false", true, {Kind::Bool}, "set_bool");
}

void DealDocument::unset(const std::string& path) {
    auto r = impl_->resolve(path);
    if (r.field->required) impl_->fail(path, "is a required field and cannot be removed");
    if (r.segments.back().is_index()) impl_->fail(path, "list items cannot be removed, only changed");
    if (!has(path)) return;
    impl_->commit(Impl::Edit{path, r.segments, "", true});
}

void DealDocument::set_relation_checks(bool on) { impl_->relation_checks = on; }

std::vector<Problem> DealDocument::validate() const { return io::analyse(impl_->root, impl_->source, nullptr); }

Deal DealDocument::to_deal() const {
    Deal deal;
    auto problems = io::analyse(impl_->root, impl_->source, &deal);
    if (!problems.empty()) throw DealError(std::move(problems));
    return deal;
}

std::string DealDocument::to_yaml() const {
    YAML::Emitter out;
    out << impl_->root;
    return std::string(out.c_str()) + "\n";
}

}  // namespace offtake
