#include "io/yaml_text.hpp"

#include "io/deal_schema.hpp"
#include "files/input_file.hpp"
#include "io/yaml_tags.hpp"

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml.h>

#include <new>

namespace offtake::io {

int line_of(const YAML::Node& n) {
    if (!n.IsDefined()) return 0;
    const YAML::Mark m = n.Mark();
    return m.line < 0 ? 0 : m.line + 1;
}

int column_of(const YAML::Node& n) {
    if (!n.IsDefined()) return 0;
    const YAML::Mark m = n.Mark();
    return m.line < 0 ? 0 : m.column + 1;
}

Problem problem_at(const std::string& file, const YAML::Node& n, std::string field, std::string rule) {
    return Problem{file, line_of(n), column_of(n), std::move(field), std::move(rule)};
}

bool read_text_file(const std::string& path, std::string& text, std::vector<Problem>& problems,
                    bool* unreadable, const char* file_words) {
    if (auto failure = files::read_input_file(path, kMaxFileBytes, file_words, text)) {
        if (unreadable) *unreadable = failure->unreadable;
        problems.push_back(std::move(failure->problem));
        return false;
    }
    return true;
}

static_assert(kMaxFileBytes == files::kMaxYamlFileBytes, "one limit for every YAML input");

const YamlFileKind kDealYaml{"deal file", "a deal needs project, price_deck and discounting",
                             "project, price_deck, discounting, ..."};

std::size_t utf8_sequence(const unsigned char* s, std::size_t n, std::size_t i, char32_t& code_point) {
    const unsigned char c = s[i];
    if (c < 0x80) {
        code_point = c;
        return 1;
    }
    std::size_t len = 0;
    char32_t cp = 0, min = 0;
    if (c >= 0xc2 && c <= 0xdf) {
        len = 2, cp = c & 0x1f, min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
        len = 3, cp = c & 0x0f, min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4, cp = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (i + len > n) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        if ((s[i + k] & 0xc0) != 0x80) return 0;
        cp = (cp << 6) | (s[i + k] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
    code_point = cp;
    return len;
}

std::string printable_text_rule(const std::string& text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t character = 1;
    for (std::size_t i = 0; i < text.size(); ++character) {
        char32_t cp = 0;
        const std::size_t len = utf8_sequence(s, text.size(), i, cp);
        if (len == 0)
            return fmt::format("text is not UTF-8: byte 0x{:02x} at character {} (overlong forms, surrogates "
                               "and code points past U+10FFFF included)",
                               s[i], character);
        if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
            return fmt::format("text holds the control character U+{:04X} at character {}; names are printed as "
                               "they are, so write visible characters only",
                               static_cast<unsigned>(cp), character);
        i += len;
    }
    return "";
}

namespace {

// Binary data is refused with the position of the first byte that is not UTF-8 text,
// before yaml-cpp can misread it.
bool check_text(const std::string& text, const std::string& source, std::vector<Problem>& problems) {
    int line = 1, column = 1;
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    for (std::size_t i = 0; i < n;) {
        unsigned char c = s[i];
        if (c < 0x80 && ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)) {
            problems.push_back({source, line, column, "",
                                fmt::format("file is not text: control byte 0x{:02x} (binary data?)", c)});
            return false;
        }
        // yaml-cpp reads a lone CR as part of the line, so a file with classic Mac OS
        // line endings would read as one long comment ("file is empty").
        if (c == '\r' && (i + 1 == n || s[i + 1] != '\n')) {
            problems.push_back({source, line, column, "",
                                "file uses CR-only line endings (classic Mac OS); save it with LF or CRLF line "
                                "endings"});
            return false;
        }
        char32_t cp = 0;
        const std::size_t len = utf8_sequence(s, n, i, cp);
        if (len == 0) {
            problems.push_back({source, line, column, "",
                                fmt::format("file is not UTF-8 text: byte 0x{:02x} (binary data?)", c)});
            return false;
        }
        if (c == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
        i += len;
    }
    return true;
}

// yaml-cpp recurses once per nesting level; flow collections ([[[[...) are the cheap
// way to nest deeply, so they are bounded here with a clear message.
bool check_flow_nesting(const std::string& text, const std::string& source, std::vector<Problem>& problems) {
    int depth = 0, line = 1, column = 0;
    char quote = 0;
    bool comment = false;
    char prev = '\n';
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        ++column;
        if (c == '\n') {
            ++line;
            column = 0;
            comment = false;
        } else if (comment) {
        } else if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '#' && (prev == ' ' || prev == '\t' || prev == '\n')) {
            comment = true;
        } else if ((c == '"' || c == '\'') &&
                   (prev == ' ' || prev == '\t' || prev == '\n' || prev == '[' || prev == '{' || prev == ',' ||
                    prev == ':')) {
            quote = c;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxFlowNesting) {
                problems.push_back({source, line, column, "",
                                    fmt::format("YAML nested deeper than {} levels", kMaxFlowNesting)});
                return false;
            }
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
        prev = c;
    }
    return true;
}

// yaml-cpp 0.7 loops allocating memory on some invalid documents instead of reporting
// them (fuzz_deal_loader found several shapes, e.g. `[0, q], r` at block level). libyaml
// (the YAML 1.1 reference parser in C, an event parser without recursion) checks the
// syntax first, so only text it accepts reaches yaml-cpp; its error names line and column.
// The same walk refuses tags (io/yaml_tags.hpp), on which yaml-cpp 0.7 can loop too.
// Its messages speak of tokens; when the error sits on a ',' (the commonest slip: a comma
// outside a [...] or {...} list, which yaml-cpp 0.7 also loops on), we say so in words.
bool check_syntax(const std::string& text, const std::string& source, const char* file_words,
                  std::vector<Problem>& problems) {
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) throw std::bad_alloc();
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    bool ok = true;
    YamlTagGuard tags(source, file_words);
    for (;;) {
        yaml_event_t event;
        if (!yaml_parser_parse(&parser, &event)) {
            // Scanner and parser errors always carry a position (1:1 included); reader
            // errors (encoding) may not.
            const bool has_mark = parser.error == YAML_SCANNER_ERROR || parser.error == YAML_PARSER_ERROR ||
                                  parser.problem_mark.line > 0 || parser.problem_mark.column > 0 ||
                                  parser.problem_mark.index > 0;
            std::string what = parser.problem ? parser.problem : "invalid YAML";
            if (parser.context) what = std::string(parser.context) + ": " + what;
            const std::size_t at = parser.problem_mark.index;
            if (has_mark && at < text.size() && text[at] == ',')
                what += " (a ',' outside a [...] or {...} list?)";
            // YAML limits a plain key to 1024 characters; libyaml then misses its ':'.
            if (has_mark && parser.problem_mark.column > 1024 && parser.context &&
                std::string(parser.context) == "while scanning a simple key")
                what += " (a key longer than YAML's 1024 characters?)";
            problems.push_back({source, has_mark ? static_cast<int>(parser.problem_mark.line) + 1 : 0,
                                has_mark ? static_cast<int>(parser.problem_mark.column) + 1 : 0, "",
                                "YAML syntax error: " + what});
            ok = false;
            break;
        }
        const bool end = event.type == YAML_STREAM_END_EVENT;
        const bool untagged = tags.accept(event, problems);
        yaml_event_delete(&event);
        if (!untagged) {
            ok = false;
            break;
        }
        if (end) break;
    }
    yaml_parser_delete(&parser);
    return ok;
}

const char* type_words(const YAML::Node& n) {
    switch (n.Type()) {
        case YAML::NodeType::Map: return "a map";
        case YAML::NodeType::Sequence: return "a list";
        case YAML::NodeType::Scalar: return "a single value";
        default: return "nothing";
    }
}

// "file is empty", with a word on what it does hold when it is not zero bytes.
std::string empty_words(const std::string& text) {
    if (text.empty()) return "file is empty";
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) return "file is empty (only blank space)";
    return "file is empty (only comments)";
}

}  // namespace

bool check_text_file(const std::string& text, const std::string& source, std::vector<Problem>& problems) {
    return check_text(text, source, problems);
}

YAML::Node parse_yaml_map(const std::string& text, const std::string& source, const YamlFileKind& kind,
                          std::vector<Problem>& problems) {
    if (text.size() > kMaxFileBytes) {
        problems.push_back({source, 0, 0, "",
                            fmt::format("text is {} bytes; a {} may hold at most {} bytes", text.size(),
                                        kind.file_words, kMaxFileBytes)});
        return {};
    }
    if (!text.empty() && text.find_first_not_of(" \t\r\n") == std::string::npos) {
        problems.push_back({source, 1, 1, "", fmt::format("{}: {}", empty_words(text), kind.needs)});
        return {};
    }
    if (!check_text(text, source, problems) || !check_flow_nesting(text, source, problems) ||
        !check_syntax(text, source, kind.file_words, problems))
        return {};
    std::vector<YAML::Node> docs;
    try {
        docs = YAML::LoadAll(text);
    } catch (const YAML::DeepRecursion& e) {
        problems.push_back({source, e.mark.line + 1, e.mark.column + 1, "",
                            "YAML nested too deeply (yaml-cpp's limit reached)"});
        return {};
    } catch (const YAML::Exception& e) {
        const bool has_mark = e.mark.line >= 0;
        problems.push_back({source, has_mark ? e.mark.line + 1 : 0, has_mark ? e.mark.column + 1 : 0, "",
                            "YAML syntax error: " + e.msg});
        return {};
    } catch (const std::bad_alloc&) {
        problems.push_back({source, 0, 0, "", "out of memory while reading the YAML"});
        return {};
    }
    if (docs.size() > 1) {
        problems.push_back(problem_at(source, docs[1], "",
                                      fmt::format("file holds {} YAML documents; a {} holds one",
                                                  docs.size(), kind.file_words)));
        return {};
    }
    if (docs.empty() || docs[0].IsNull()) {
        problems.push_back({source, 1, 1, "", fmt::format("{}: {}", empty_words(text), kind.needs)});
        return {};
    }
    if (!docs[0].IsMap()) {
        problems.push_back(problem_at(source, docs[0], "",
                                      fmt::format("the top level must be a map of sections ({}), got {}",
                                                  kind.sections, type_words(docs[0]))));
        return {};
    }
    return docs[0];
}

YAML::Node parse_deal_yaml(const std::string& text, const std::string& source, std::vector<Problem>& problems) {
    return parse_yaml_map(text, source, kDealYaml, problems);
}

}  // namespace offtake::io
