// Reading, checking and editing deal files (YAML). The keys are the field names of
// deal.hpp; docs/deal-file.md documents every key, its unit, default and range.
//
// Every problem found is reported, not only the first: a DealError carries one Problem
// per broken rule, each with file, one-based line and column, the field path
// (`offtakes[0].pricing.floor`) and the rule in words. Limits: a deal file holds at most
// 512 KiB, at most 2400 periods, 100 offtakes, 50 equity investors, 50 KPIs; longer
// lists, deeper nesting and non-text bytes are refused before any work is done.
#pragma once

#include <offtake/deal.hpp>
#include <offtake/errors.hpp>
#include <offtake/export.h>

#include <memory>
#include <string>
#include <vector>

namespace offtake {

// Loads and validates; throws DealError listing every problem. Deal::source is `path`;
// simulation.price_model is made relative to the deal file's folder.
OFFTAKE_API Deal load_deal_file(const std::string& path);
// Same for text in memory; `source_name` stands for the file name in messages and
// is the base for simulation.price_model.
OFFTAKE_API Deal load_deal_string(const std::string& yaml, const std::string& source_name);

// One-based line and column of the value at a dotted path of mapping keys
// (`project.commodity`) in a deal file; {0, 0} when the file or the field is not there.
struct FieldPosition {
    int line = 0, column = 0;
};
OFFTAKE_API FieldPosition find_field_position(const std::string& file, const std::string& dotted_path);

// The same checks, returning the problems instead of throwing (empty: the deal is valid).
OFFTAKE_API std::vector<Problem> validate_deal_file(const std::string& path);
OFFTAKE_API std::vector<Problem> validate_deal_string(const std::string& yaml, const std::string& source_name);

// What a parameter path holds (`choice` = one of a fixed list of words).
enum class ParamKind { Number, Integer, String, Boolean, Date, Choice, Map, List };
OFFTAKE_API const char* to_string(ParamKind k);

// A deal file as an editable tree, addressed by parameter paths such as
// `debt.margin_bps`, `offtakes[0].pricing.floor`, `project.production_tpa[2]` or
// `project.time.start`. This is what the C API, debt sizing and tornado charts use to
// vary a deal. Rules:
// - a path must be known to the schema (else DealError "unknown parameter path");
// - get_* of an absent field returns its documented default, or throws if it has none;
// - set_* checks the value's own rule (type, range, choice, date format) and the rules
//   that relate fields (e.g. floor <= cap): a value that breaks one throws DealError
//   and leaves the document unchanged;
// - setting an optional field that is absent creates it (and its enclosing maps), but
//   list items must exist: an index past the end throws.
// Numbers: get_number/set_number serve `number` and `integer` paths (integers must be
// whole); dates and choices are strings (`2026-01-01`, `quarterly`).
// Not thread-safe: one document per thread (yaml-cpp trees are not safe to share).
class OFFTAKE_API DealDocument {
  public:
    static DealDocument from_file(const std::string& path);
    static DealDocument from_string(const std::string& yaml, const std::string& source_name);

    DealDocument(const DealDocument& other);             // deep copy
    DealDocument& operator=(const DealDocument& other);  // deep copy
    DealDocument(DealDocument&&) noexcept;
    DealDocument& operator=(DealDocument&&) noexcept;
    ~DealDocument();

    const std::string& source() const;

    ParamKind kind(const std::string& path) const;
    bool has(const std::string& path) const;  // given in the document (not defaulted)

    double get_number(const std::string& path) const;
    std::string get_string(const std::string& path) const;
    bool get_bool(const std::string& path) const;

    void set_number(const std::string& path, double value);
    void set_string(const std::string& path, const std::string& value);
    void set_bool(const std::string& path, bool value);

    // Removes an optional field (it takes its default, or is absent); same checks as set_*.
    void unset(const std::string& path);

    // Off: set_* checks only each value's own rule, so that several related fields can
    // be changed in steps that are inconsistent in between (index -> collar, then the
    // floor); validate() / to_deal() check everything. On by default.
    void set_relation_checks(bool on);

    // All problems of the document as it stands (empty: valid).
    std::vector<Problem> validate() const;
    // Full validation, then the Deal; throws DealError.
    Deal to_deal() const;
    std::string to_yaml() const;

  private:
    struct Impl;
    explicit DealDocument(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace offtake
