// Deals through the C API: loading, copying, parameters by path, validation.
// The DealDocument (offtake/deal_file.hpp) does the work; this file maps its answers to
// the C API's status codes: an unknown path, a wrong type, a value out of range and an
// absent value each get their own code, which DealDocument reports as one DealError.
#include <offtake/deal_file.hpp>
#include <offtake/offtake.h>

#include "capi/deal_handle.hpp"
#include "capi/firewall.hpp"
#include "capi/registry.hpp"
#include "files/input_file.hpp"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <memory>

using offtake::DealDocument;
using offtake::DealError;
using offtake::ParamKind;
using offtake::capi::fail;
using offtake::capi::guarded;
using offtake::capi::HandleKind;
using offtake::capi::live_deal;
using offtake::capi::require;
using offtake::capi::require_index;

namespace offtake::capi {

const offtake_deal& live_deal(const offtake_deal* handle, const char* argument) {
    require(handle, argument);
    if (!is_live(handle, HandleKind::Deal))
        fail(OFFTAKE_E_MISUSE, std::string(argument) + " is not a live deal (freed, or not a deal)");
    return *handle;
}

offtake_deal& live_deal(offtake_deal* handle, const char* argument) {
    return const_cast<offtake_deal&>(live_deal(static_cast<const offtake_deal*>(handle), argument));
}

Deal deal_snapshot(const offtake_deal& deal) {
    std::lock_guard<std::mutex> lock(deal.mutex);
    return deal.document.to_deal();
}

}  // namespace offtake::capi

namespace {

offtake_deal* publish(std::unique_ptr<offtake_deal> deal) {
    offtake_deal* d = deal.release();
    offtake::capi::register_handle(d, HandleKind::Deal);
    return d;
}

std::string first_rule(const DealError& e) {
    return e.problems().empty() ? std::string(e.what()) : e.problems().front().to_string();
}

// The parameter's kind, or OFFTAKE_E_UNKNOWN_PARAMETER.
ParamKind kind_of(const DealDocument& doc, const char* path) {
    require(path, "path");
    try {
        return doc.kind(path);
    } catch (const DealError& e) {
        fail(OFFTAKE_E_UNKNOWN_PARAMETER, first_rule(e));
    }
}

const char* kind_word(ParamKind k) { return offtake::to_string(k); }

void expect_kind(ParamKind actual, const char* path, const char* wanted, bool ok) {
    if (!ok)
        fail(OFFTAKE_E_TYPE, std::string(path) + " is a " + kind_word(actual) + ", not a " + wanted);
}

int kind_code(ParamKind k) {
    switch (k) {
        case ParamKind::Number: return OFFTAKE_PARAM_NUMBER;
        case ParamKind::Integer: return OFFTAKE_PARAM_INTEGER;
        case ParamKind::String: return OFFTAKE_PARAM_STRING;
        case ParamKind::Boolean: return OFFTAKE_PARAM_BOOL;
        case ParamKind::Date: return OFFTAKE_PARAM_DATE;
        case ParamKind::Choice: return OFFTAKE_PARAM_CHOICE;
        case ParamKind::Map: return OFFTAKE_PARAM_MAP;
        case ParamKind::List: return OFFTAKE_PARAM_LIST;
    }
    return 0;
}

bool is_number(ParamKind k) { return k == ParamKind::Number || k == ParamKind::Integer; }
bool is_text(ParamKind k) {
    return k == ParamKind::String || k == ParamKind::Date || k == ParamKind::Choice;
}

// List items must exist before a path through them can be set or read: an index past
// the end names nothing, which is an unknown parameter rather than a bad value.
void require_list_items(const DealDocument& doc, const std::string& path) {
    for (std::size_t at = path.find(']'); at != std::string::npos; at = path.find(']', at + 1)) {
        const std::string prefix = path.substr(0, at + 1);
        bool present = false;
        try {
            present = doc.has(prefix);
        } catch (const DealError&) {
            present = true;  // not a path has() answers for: let the document judge
        }
        if (!present) fail(OFFTAKE_E_UNKNOWN_PARAMETER, prefix + ": no such list item in this deal");
    }
}

// A setter's own failure: the value breaks the field's rule or a rule between fields.
template <class Set>
void checked_set(Set&& set) {
    try {
        set();
    } catch (const DealError& e) {
        fail(OFFTAKE_E_RANGE, e.what());
    }
}

// A getter's failure: a field the deal leaves out and that has no default is absent.
template <class Get>
auto checked_get(const DealDocument& doc, const char* path, Get&& get) -> decltype(get()) {
    try {
        return get();
    } catch (const DealError& e) {
        if (!doc.has(path)) fail(OFFTAKE_E_ABSENT, std::string(path) + " is absent and has no default");
        throw;
    }
}

void copy_text(size_t* length, char* buffer, size_t capacity, const std::string& text) {
    *length = text.size();
    if (buffer == nullptr && capacity > 0) fail(OFFTAKE_E_MISUSE, "buffer is NULL but capacity > 0");
    if (capacity <= text.size())
        fail(OFFTAKE_E_BUFFER, "buffer holds " + std::to_string(capacity) + " bytes, the text needs " +
                                   std::to_string(text.size() + 1) + " with its NUL");
    std::memcpy(buffer, text.c_str(), text.size() + 1);
}

}  // namespace

extern "C" {

OFFTAKE_API offtake_status offtake_deal_load_string(offtake_deal** out, const char* yaml,
                                                    const char* source_name) {
    if (out) *out = nullptr;
    return guarded("offtake_deal_load_string", [&] {
        require(out, "out");
        require(yaml, "yaml");
        auto doc = DealDocument::from_string(yaml, source_name ? source_name : "<string>");
        *out = publish(std::make_unique<offtake_deal>(std::move(doc)));
    });
}

OFFTAKE_API offtake_status offtake_deal_load_file(offtake_deal** out, const char* path) {
    if (out) *out = nullptr;
    return guarded("offtake_deal_load_file", [&] {
        require(out, "out");
        require(path, "path");
        // One reader for every input file (files/input_file.hpp): a folder, FIFO, device
        // or unreadable path is OFFTAKE_E_IO, never a hang; a file too large to be a deal
        // is an invalid deal.
        std::string text;
        if (auto failure = offtake::files::read_input_file(path, offtake::files::kMaxYamlFileBytes, "deal file", text)) {
            if (failure->unreadable) fail(OFFTAKE_E_IO, failure->problem.to_string());
            throw DealError(std::move(failure->problem));
        }
        auto doc = DealDocument::from_string(text, path);
        *out = publish(std::make_unique<offtake_deal>(std::move(doc)));
    });
}

OFFTAKE_API offtake_status offtake_deal_clone(offtake_deal** out, const offtake_deal* deal) {
    if (out) *out = nullptr;
    return guarded("offtake_deal_clone", [&] {
        require(out, "out");
        const auto& d = live_deal(deal, "deal");
        std::unique_ptr<offtake_deal> copy;
        {
            std::lock_guard<std::mutex> lock(d.mutex);
            copy = std::make_unique<offtake_deal>(d.document);
        }
        *out = publish(std::move(copy));
    });
}

OFFTAKE_API void offtake_deal_free(offtake_deal* deal) {
    guarded("offtake_deal_free", [&] {
        if (deal == nullptr) return;
        if (!offtake::capi::unregister_handle(deal, HandleKind::Deal)) return;  // freed twice, or not a deal
        delete deal;
    });
}

OFFTAKE_API offtake_status offtake_deal_to_yaml(size_t* length, char* buffer, size_t capacity,
                                                const offtake_deal* deal) {
    if (length) *length = 0;
    return guarded("offtake_deal_to_yaml", [&] {
        require(length, "length");
        const auto& d = live_deal(deal, "deal");
        std::string text;
        {
            std::lock_guard<std::mutex> lock(d.mutex);
            text = d.document.to_yaml();
        }
        copy_text(length, buffer, capacity, text);
    });
}

OFFTAKE_API offtake_status offtake_deal_set_number(offtake_deal* deal, const char* path, double value) {
    return guarded("offtake_deal_set_number", [&] {
        auto& d = live_deal(deal, "deal");
        std::lock_guard<std::mutex> lock(d.mutex);
        const ParamKind k = kind_of(d.document, path);
        expect_kind(k, path, "number", is_number(k));
        if (!std::isfinite(value))
            fail(OFFTAKE_E_RANGE, std::string(path) + ": NaN and infinity are not values");
        if (k == ParamKind::Integer && value != std::floor(value))
            fail(OFFTAKE_E_TYPE, std::string(path) + " is an integer, not " + std::to_string(value));
        require_list_items(d.document, path);
        checked_set([&] { d.document.set_number(path, value); });
    });
}

OFFTAKE_API offtake_status offtake_deal_set_string(offtake_deal* deal, const char* path,
                                                   const char* value) {
    return guarded("offtake_deal_set_string", [&] {
        auto& d = live_deal(deal, "deal");
        require(value, "value");
        std::lock_guard<std::mutex> lock(d.mutex);
        const ParamKind k = kind_of(d.document, path);
        expect_kind(k, path, "string", is_text(k));
        require_list_items(d.document, path);
        checked_set([&] { d.document.set_string(path, value); });
    });
}

OFFTAKE_API offtake_status offtake_deal_set_bool(offtake_deal* deal, const char* path, int value) {
    return guarded("offtake_deal_set_bool", [&] {
        auto& d = live_deal(deal, "deal");
        std::lock_guard<std::mutex> lock(d.mutex);
        const ParamKind k = kind_of(d.document, path);
        expect_kind(k, path, "boolean", k == ParamKind::Boolean);
        require_list_items(d.document, path);
        checked_set([&] { d.document.set_bool(path, value != 0); });
    });
}

OFFTAKE_API offtake_status offtake_deal_get_number(double* out, const offtake_deal* deal,
                                                   const char* path) {
    if (out) *out = 0.0;
    return guarded("offtake_deal_get_number", [&] {
        require(out, "out");
        const auto& d = live_deal(deal, "deal");
        std::lock_guard<std::mutex> lock(d.mutex);
        const ParamKind k = kind_of(d.document, path);
        expect_kind(k, path, "number", is_number(k));
        require_list_items(d.document, path);
        *out = checked_get(d.document, path, [&] { return d.document.get_number(path); });
    });
}

OFFTAKE_API offtake_status offtake_deal_get_string(size_t* length, char* buffer, size_t capacity,
                                                   const offtake_deal* deal, const char* path) {
    if (length) *length = 0;
    return guarded("offtake_deal_get_string", [&] {
        require(length, "length");
        const auto& d = live_deal(deal, "deal");
        std::string text;
        {
            std::lock_guard<std::mutex> lock(d.mutex);
            const ParamKind k = kind_of(d.document, path);
            expect_kind(k, path, "string", is_text(k));
            require_list_items(d.document, path);
            text = checked_get(d.document, path, [&] { return d.document.get_string(path); });
        }
        copy_text(length, buffer, capacity, text);
    });
}

OFFTAKE_API offtake_status offtake_deal_get_bool(int* out, const offtake_deal* deal, const char* path) {
    if (out) *out = 0;
    return guarded("offtake_deal_get_bool", [&] {
        require(out, "out");
        const auto& d = live_deal(deal, "deal");
        std::lock_guard<std::mutex> lock(d.mutex);
        const ParamKind k = kind_of(d.document, path);
        expect_kind(k, path, "boolean", k == ParamKind::Boolean);
        require_list_items(d.document, path);
        *out = checked_get(d.document, path, [&] { return d.document.get_bool(path); }) ? 1 : 0;
    });
}

OFFTAKE_API offtake_status offtake_deal_param_info(int* kind, int* present, const offtake_deal* deal,
                                                   const char* path) {
    if (kind) *kind = 0;
    if (present) *present = 0;
    return guarded("offtake_deal_param_info", [&] {
        const auto& d = live_deal(deal, "deal");
        std::lock_guard<std::mutex> lock(d.mutex);
        const ParamKind k = kind_of(d.document, path);
        require_list_items(d.document, path);
        if (kind) *kind = kind_code(k);
        if (present) *present = d.document.has(path) ? 1 : 0;
    });
}

OFFTAKE_API offtake_status offtake_deal_unset(offtake_deal* deal, const char* path) {
    return guarded("offtake_deal_unset", [&] {
        auto& d = live_deal(deal, "deal");
        std::lock_guard<std::mutex> lock(d.mutex);
        kind_of(d.document, path);
        require_list_items(d.document, path);
        checked_set([&] { d.document.unset(path); });
    });
}

OFFTAKE_API offtake_status offtake_deal_set_relation_checks(offtake_deal* deal, int on) {
    return guarded("offtake_deal_set_relation_checks", [&] {
        auto& d = live_deal(deal, "deal");
        std::lock_guard<std::mutex> lock(d.mutex);
        d.document.set_relation_checks(on != 0);
    });
}

OFFTAKE_API offtake_status offtake_deal_validate(offtake_problems** out, const offtake_deal* deal) {
    if (out) *out = nullptr;
    return guarded("offtake_deal_validate", [&] {
        require(out, "out");
        const auto& d = live_deal(deal, "deal");
        auto problems = std::make_unique<offtake_problems>();
        {
            std::lock_guard<std::mutex> lock(d.mutex);
            problems->problems = d.document.validate();
        }
        offtake_problems* p = problems.release();
        offtake::capi::register_handle(p, HandleKind::Problems);
        *out = p;
    });
}

OFFTAKE_API offtake_status offtake_problems_count(size_t* out, const offtake_problems* problems) {
    if (out) *out = 0;
    return guarded("offtake_problems_count", [&] {
        require(out, "out");
        require(problems, "problems");
        if (!offtake::capi::is_live(problems, HandleKind::Problems))
            fail(OFFTAKE_E_MISUSE, "problems is not a live problem list (freed, or not a problem list)");
        *out = problems->problems.size();
    });
}

OFFTAKE_API offtake_status offtake_problems_get(offtake_problem* out, const offtake_problems* problems,
                                                size_t index) {
    if (out) std::memset(out, 0, sizeof *out);
    return guarded("offtake_problems_get", [&] {
        require(out, "out");
        require(problems, "problems");
        if (!offtake::capi::is_live(problems, HandleKind::Problems))
            fail(OFFTAKE_E_MISUSE, "problems is not a live problem list (freed, or not a problem list)");
        require_index(index, problems->problems.size(), "problem");
        const auto& p = problems->problems[index];
        out->file = p.file.c_str();
        out->line = p.line;
        out->column = p.column;
        out->field = p.field.c_str();
        out->rule = p.rule.c_str();
    });
}

OFFTAKE_API void offtake_problems_free(offtake_problems* problems) {
    guarded("offtake_problems_free", [&] {
        if (problems == nullptr) return;
        if (!offtake::capi::unregister_handle(problems, HandleKind::Problems)) return;
        delete problems;
    });
}

}  // extern "C"
