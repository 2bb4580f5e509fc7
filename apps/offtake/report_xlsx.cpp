#include "report_xlsx.hpp"

#include "command.hpp"

#include <offtake/metric_catalogue.hpp>

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <vector>

namespace offtake::cli {

namespace {

using nlohmann::json;

// Excel's column letters: 0 -> A, 25 -> Z, 26 -> AA.
std::string column_letters(int col) {
    std::string s;
    for (++col; col > 0; col = (col - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (col - 1) % 26));
    return s;
}
std::string cell_name(int row, int col) { return column_letters(col) + std::to_string(row + 1); }

std::optional<double> number_of(const json& j) {
    if (j.is_number()) return j.get<double>();
    if (j.is_boolean()) return j.get<bool>() ? 1.0 : 0.0;
    return std::nullopt;
}

// A workbook in a private temporary folder; bytes() closes it and returns the file.
class Book {
  public:
    Book() {
        const char* base = std::getenv("TMPDIR");
        std::string dir = std::string(base && *base ? base : "/tmp") + "/offtake-xlsx-XXXXXX";
        if (::mkdtemp(dir.data()) == nullptr)
            throw OutputError(fmt::format("cannot create a temporary folder for the workbook: {}", std::strerror(errno)));
        dir_ = dir;
        path_ = dir_ + "/workbook.xlsx";
        lxw_workbook_options options{};
        options.tmpdir = dir_.data();
        book_ = workbook_new_opt(path_.c_str(), &options);
        if (book_ == nullptr) throw OutputError("cannot create the workbook (libxlsxwriter)");
        header = format([](lxw_format* f) {
            format_set_bold(f);
            format_set_bg_color(f, 0xE8EEF4);
            format_set_bottom(f, LXW_BORDER_THIN);
            format_set_text_wrap(f);
            format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
        });
        key = format([](lxw_format* f) {
            format_set_font_color(f, 0x808080);
            format_set_font_size(f, 8);
        });
        bold = format([](lxw_format* f) { format_set_bold(f); });
        date = number_format("yyyy-mm-dd");
        money = number_format("#,##0");
        price = number_format("#,##0");
        tonnes = number_format("#,##0");
        rate = number_format("0.00%");
        probability = number_format("0.00%");
        ratio = number_format("0.00\"x\"");
        years = number_format("0.00");
        count = number_format("0");
        fraction = number_format("0.0000");
        total_money = format([](lxw_format* f) {
            format_set_num_format(f, "#,##0");
            format_set_bold(f);
            format_set_top(f, LXW_BORDER_THIN);
        });
    }
    ~Book() {
        if (book_ != nullptr) workbook_close(book_);
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    Book(const Book&) = delete;
    Book& operator=(const Book&) = delete;

    lxw_worksheet* sheet(const char* name) { return workbook_add_worksheet(book_, name); }
    lxw_chart* chart(uint8_t type) { return workbook_add_chart(book_, type); }

    lxw_format* for_kind(UnitKind u) {
        switch (u) {
            case UnitKind::Money: return money;
            case UnitKind::MoneyPerTonne: return price;
            case UnitKind::Tonnes: return tonnes;
            case UnitKind::Percent: return rate;
            case UnitKind::Probability: return probability;
            case UnitKind::Ratio: return ratio;
            case UnitKind::Years: return years;
            case UnitKind::Count:
            case UnitKind::Flag: return count;
        }
        return nullptr;
    }

    std::string bytes() {
        lxw_error err = workbook_close(book_);
        book_ = nullptr;
        if (err != LXW_NO_ERROR) throw OutputError(fmt::format("cannot write the workbook: {}", lxw_strerror(err)));
        std::ifstream in(path_, std::ios::binary);
        std::string out((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (!in.good() && !in.eof()) throw OutputError("cannot read back the workbook written");
        return out;
    }

    lxw_format *header, *key, *bold, *date, *money, *price, *tonnes, *rate, *probability, *ratio, *years, *count,
        *fraction, *total_money;

  private:
    template <class F>
    lxw_format* format(F setup) {
        lxw_format* f = workbook_add_format(book_);
        setup(f);
        return f;
    }
    lxw_format* number_format(const char* text) {
        lxw_format* f = workbook_add_format(book_);
        format_set_num_format(f, text);
        return f;
    }

    std::string dir_, path_;
    lxw_workbook* book_ = nullptr;
};

void write_text(lxw_worksheet* ws, int row, int col, const std::string& text, lxw_format* f = nullptr) {
    worksheet_write_string(ws, row, col, text.c_str(), f);
}
void write_value(lxw_worksheet* ws, int row, int col, const std::optional<double>& v, lxw_format* f) {
    if (v) worksheet_write_number(ws, row, col, *v, f);
    else worksheet_write_blank(ws, row, col, f);
}
void write_date(lxw_worksheet* ws, int row, int col, const std::string& iso, lxw_format* f) {
    int y = 0, m = 0, d = 0;
    if (std::sscanf(iso.c_str(), "%d-%d-%d", &y, &m, &d) != 3) {
        write_text(ws, row, col, iso);
        return;
    }
    lxw_datetime dt{y, m, d, 0, 0, 0.0};
    worksheet_write_datetime(ws, row, col, &dt, f);
}

// --- The schedule: every line of the schedule CSV, with formulas --------------------

struct Csv {
    std::vector<std::string> names;
    std::vector<std::vector<std::string>> rows;
    int column(const std::string& name) const {
        for (std::size_t c = 0; c < names.size(); ++c)
            if (names[c] == name) return static_cast<int>(c);
        return -1;
    }
};

std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> out;
    std::string field;
    std::istringstream s(line);
    while (std::getline(s, field, ',')) out.push_back(field);
    if (!line.empty() && line.back() == ',') out.emplace_back();
    return out;
}

// The schedule CSV has no quoted fields: names are slugged (write_schedule_csv).
Csv parse_csv(const std::string& text) {
    Csv csv;
    std::istringstream in(text);
    std::string line;
    if (std::getline(in, line)) csv.names = split(line);
    while (std::getline(in, line))
        if (!line.empty()) csv.rows.push_back(split(line));
    return csv;
}

// Lines that are levels or rates, not flows: a total over periods would mean nothing.
bool is_flow(const std::string& name) {
    static const std::set<std::string> levels = {
        "period", "start", "end", "year_fraction", "construction", "price", "debt_opening", "debt_closing",
        "all_in_rate", "loss_carried_forward", "working_capital", "cash_balance", "unspent_prepayment", "arrears",
        "lockup", "payment_default", "event_of_default", "in_default", "dscr"};
    if (levels.count(name)) return false;
    auto ends_with = [&](const char* s) {
        const std::size_t n = std::strlen(s);
        return name.size() >= n && name.compare(name.size() - n, n, s) == 0;
    };
    if (ends_with("_balance")) return false;
    if (name.rfind("price_", 0) == 0) return false;
    return true;
}

lxw_format* schedule_format(Book& b, const std::string& name) {
    if (name == "year_fraction") return b.fraction;
    if (name == "all_in_rate") return b.rate;
    if (name == "dscr") return b.ratio;
    if (name == "period" || name == "construction" || name == "lockup" || name == "payment_default" ||
        name == "event_of_default" || name == "in_default")
        return b.count;
    return b.money;
}

// The arithmetic an analyst checks, as Excel formulas over the same row (conventions
// section 3 and 9, methodology.md): each with the engine's value as its cached result.
struct RowFormula {
    std::string line;                 // the column computed
    std::vector<std::string> plus;    // added
    std::vector<std::string> minus;   // subtracted
};

const std::vector<RowFormula>& row_formulas() {
    static const std::vector<RowFormula> f = {
        {"revenue", {"contract_revenue", "spot_revenue"}, {}},
        {"ebitda", {"revenue"}, {"royalty", "opex", "shortfall_penalty", "bad_debt", "closure"}},
        {"cfads", {"ebitda"}, {"tax", "sustaining_capex", "working_capital_change"}},
    };
    return f;
}

void schedule_sheet(Book& b, const Csv& csv, const Deal& deal) {
    lxw_worksheet* ws = b.sheet("Schedule");
    const int n = static_cast<int>(csv.rows.size());
    for (std::size_t c = 0; c < csv.names.size(); ++c) write_text(ws, 0, static_cast<int>(c), csv.names[c], b.header);
    std::map<int, std::string> formula_of;  // column -> formula text with {r} for the row
    for (const auto& f : row_formulas()) {
        const int col = csv.column(f.line);
        std::string text;
        bool ok = col >= 0;
        for (const auto& p : f.plus) {
            const int c = csv.column(p);
            ok = ok && c >= 0;
            text += (text.empty() ? "" : "+") + column_letters(c < 0 ? 0 : c) + "{r}";
        }
        for (const auto& m : f.minus) {
            const int c = csv.column(m);
            ok = ok && c >= 0;
            text += "-" + column_letters(c < 0 ? 0 : c) + "{r}";
        }
        if (ok) formula_of[col] = "=" + text;
    }
    // DSCR = CFADS / (senior service due + the prepayment deduction, when the deal counts
    // it as debt service), in the periods that have one.
    const int dscr = csv.column("dscr"), cfads = csv.column("cfads"), due = csv.column("debt_service_due"),
              deduction = csv.column("prepayment_deduction");
    if (dscr >= 0 && cfads >= 0 && due >= 0 && deduction >= 0) {
        formula_of[dscr] = "=" + column_letters(cfads) + "{r}/(" + column_letters(due) + "{r}" +
                           (deal.prepayment && deal.prepayment->counts_as_debt_service ? "+" + column_letters(deduction) + "{r}" : "") + ")";
    }
    for (int r = 0; r < n; ++r) {
        const auto& row = csv.rows[r];
        for (std::size_t c = 0; c < csv.names.size() && c < row.size(); ++c) {
            const int col = static_cast<int>(c);
            const std::string& name = csv.names[c];
            const std::string& cell = row[c];
            if (name == "start" || name == "end") {
                write_date(ws, r + 1, col, cell, b.date);
                continue;
            }
            if (cell.empty()) {
                worksheet_write_blank(ws, r + 1, col, schedule_format(b, name));
                continue;
            }
            const double value = std::strtod(cell.c_str(), nullptr);
            auto f = formula_of.find(col);
            if (f != formula_of.end()) {
                std::string text = f->second;
                for (std::size_t at; (at = text.find("{r}")) != std::string::npos;)
                    text.replace(at, 3, std::to_string(r + 2));
                worksheet_write_formula_num(ws, r + 1, col, text.c_str(), schedule_format(b, name), value);
            } else {
                worksheet_write_number(ws, r + 1, col, value, schedule_format(b, name));
            }
        }
    }
    // Totals of the flows over the life of the deal.
    const int total_row = n + 1;
    write_text(ws, total_row, 0, "Total", b.bold);
    for (std::size_t c = 0; c < csv.names.size(); ++c) {
        if (!is_flow(csv.names[c]) || n == 0) continue;
        double sum = 0.0;
        for (const auto& row : csv.rows)
            if (c < row.size() && !row[c].empty()) sum += std::strtod(row[c].c_str(), nullptr);
        const int col = static_cast<int>(c);
        const std::string text = "=SUM(" + cell_name(1, col) + ":" + cell_name(n, col) + ")";
        worksheet_write_formula_num(ws, total_row, col, text.c_str(), b.total_money, sum);
    }
    worksheet_freeze_panes(ws, 1, 3);
    worksheet_set_column(ws, 0, 0, 7, nullptr);
    worksheet_set_column(ws, 1, 2, 11, nullptr);
    worksheet_set_column(ws, 3, static_cast<int>(csv.names.size()) - 1, 14, nullptr);
    worksheet_set_row(ws, 0, 45, nullptr);
}

// --- Monte Carlo summary: one row per catalogue metric ------------------------------

void facts(Book& b, lxw_worksheet* ws, int& row, const json& doc) {
    auto fact = [&](const char* label, const json& value) {
        write_text(ws, row, 0, label, b.bold);
        if (value.is_string()) write_text(ws, row, 1, value.get<std::string>());
        else if (value.is_number()) worksheet_write_number(ws, row, 1, value.get<double>(), b.count);
        else if (value.is_boolean()) write_text(ws, row, 1, value.get<bool>() ? "true" : "false");
        ++row;
    };
    const json& deal = doc.contains("deal") ? doc["deal"] : json();
    fact("Deal", deal.is_object() ? deal["name"] : json());
    fact("Deal file", deal.is_object() ? deal["source"] : json());
    for (const char* k : {"kind", "inputs_hash", "library_version", "currency", "seed", "paths", "measure",
                          "price_model", "price_aggregation", "scenario_origin", "nonfinite_paths"})
        if (doc.contains(k)) fact(k, doc[k]);
}

void summary_sheet(Book& b, const json& doc) {
    lxw_worksheet* ws = b.sheet("Summary");
    int row = 0;
    facts(b, ws, row, doc);
    ++row;
    const bool mc = doc.value("kind", "") == "monte_carlo";
    // A debt sizing's simulation has no base case beside it.
    static const json none = json::object();
    const json& base = !mc ? doc : doc.contains("base_case") ? doc["base_case"] : none;
    const std::string currency = doc.value("currency", kDefaultCurrency);
    std::vector<std::string> heads = {"Metric", "Key", "Unit", "Base case"};
    const std::vector<std::string> stats = {"mean", "std_error", "sd", "p5", "p10", "p50", "p90", "p95", "count"};
    if (mc) heads.insert(heads.end(), stats.begin(), stats.end());
    const int head_row = row;
    for (std::size_t c = 0; c < heads.size(); ++c) write_text(ws, row, static_cast<int>(c), heads[c], b.header);
    ++row;
    std::vector<std::string> investors;
    if (base.contains("investors"))
        for (const auto& i : base["investors"]) investors.push_back(i.get<std::string>());
    else if (doc.contains("equity_npv"))
        for (const auto& i : doc["equity_npv"]) investors.push_back(i.value("investor", ""));
    for (const auto& slot : metric_slots(investors, {})) {
        const MetricEntry& e = *slot.entry;
        const std::string name = metric_name(e, slot.index);
        const json* stat = nullptr;
        json base_value;
        if (e.scope == MetricScope::Deal) {
            if (mc && doc.contains(e.key) && doc[e.key].is_object()) stat = &doc[e.key];
            if (base.contains(e.key)) base_value = base[e.key];
        } else {
            if (mc && doc.contains(e.key) && doc[e.key].is_array() && slot.index < doc[e.key].size())
                stat = &doc[e.key][slot.index];
            if (base.contains(e.key) && base[e.key].is_array() && slot.index < base[e.key].size())
                base_value = base[e.key][slot.index];
        }
        if (!stat && base_value.is_null() && !base.contains(e.key)) continue;
        lxw_format* f = b.for_kind(e.unit);
        write_text(ws, row, 0, metric_label(e, slot.holder));
        write_text(ws, row, 1, name, b.key);
        write_text(ws, row, 2, plain_unit(e.unit, currency));
        write_value(ws, row, 3, number_of(base_value), f);
        if (stat) {
            for (std::size_t k = 0; k < stats.size(); ++k) {
                const json& v = stat->contains(stats[k]) ? (*stat)[stats[k]] : json();
                write_value(ws, row, 4 + static_cast<int>(k), number_of(v), stats[k] == "count" ? b.count : f);
            }
        }
        ++row;
    }
    worksheet_freeze_panes(ws, head_row + 1, 1);
    worksheet_set_column(ws, 0, 0, 48, nullptr);
    worksheet_set_column(ws, 1, 1, 18, nullptr);
    worksheet_set_column(ws, 2, 2, 9, nullptr);
    worksheet_set_column(ws, 3, 12, 14, nullptr);
}

// --- Bands: the fan charts' numbers and native line charts --------------------------

void bands_sheet(Book& b, const json& doc) {
    if (!doc.contains("bands") || !doc["bands"].is_object()) return;
    const json& bands = doc["bands"];
    lxw_worksheet* ws = b.sheet("Bands");
    struct Series { const char* key; const char* title; UnitKind unit; };
    const std::vector<Series> series = {{"price", "Price", UnitKind::MoneyPerTonne},
                                        {"cfads", "CFADS", UnitKind::Money},
                                        {"dscr", "DSCR", UnitKind::Ratio},
                                        {"cash_balance", "Cash balance", UnitKind::Money}};
    const std::string currency = doc.value("currency", kDefaultCurrency);
    write_text(ws, 0, 0, "Period end", b.header);
    write_text(ws, 1, 0, "dates", b.key);
    const auto& dates = bands["dates"];
    const int n = static_cast<int>(dates.size());
    for (int t = 0; t < n; ++t) write_date(ws, t + 2, 0, dates[t].get<std::string>(), b.date);
    int col = 1;
    for (const auto& s : series) {
        lxw_format* f = b.for_kind(s.unit);
        const int first = col;
        for (const char* p : {"p5", "p50", "p95"}) {
            write_text(ws, 0, col, fmt::format("{} {} ({})", s.title, p, plain_unit(s.unit, currency)), b.header);
            write_text(ws, 1, col, fmt::format("{}.{}", s.key, p), b.key);
            for (int t = 0; t < n; ++t) write_value(ws, t + 2, col, number_of(bands[s.key][p][t]), f);
            ++col;
        }
        lxw_chart* chart = b.chart(LXW_CHART_LINE);
        for (int k = 0; k < 3; ++k) {
            lxw_chart_series* cs = chart_add_series(chart, nullptr, nullptr);
            chart_series_set_categories(cs, "Bands", 2, 0, n + 1, 0);
            chart_series_set_values(cs, "Bands", 2, first + k, n + 1, first + k);
            chart_series_set_name(cs, k == 0 ? "P5" : k == 1 ? "P50" : "P95");
        }
        chart_title_set_name(chart, fmt::format("{} ({}): P5, P50, P95 by period", s.title,
                                                plain_unit(s.unit, currency)).c_str());
        worksheet_insert_chart(ws, 2 + 18 * static_cast<int>(&s - series.data()), 14, chart);
    }
    worksheet_freeze_panes(ws, 2, 1);
    worksheet_set_column(ws, 0, 0, 11, nullptr);
    worksheet_set_column(ws, 1, col - 1, 13, nullptr);
    worksheet_set_row(ws, 0, 30, nullptr);
}

// --- When defaults happen ----------------------------------------------------------------

// Per period: the probability of an event of default in the period, its standard error,
// and the cumulative probability as a formula (the previous total plus the period's).
void defaults_sheet(Book& b, const json& doc) {
    if (!doc.contains("default_timing") || !doc["default_timing"].is_object()) return;
    const json& d = doc["default_timing"];
    lxw_worksheet* ws = b.sheet("Defaults");
    const char* heads[] = {"Period end", "P(default in the period)", "Std error", "Cumulative"};
    const char* keys[] = {"dates", "p_default", "std_error", "cumulative"};
    for (int c = 0; c < 4; ++c) {
        write_text(ws, 0, c, heads[c], b.header);
        write_text(ws, 1, c, keys[c], b.key);
    }
    const int n = static_cast<int>(d["dates"].size());
    for (int t = 0; t < n; ++t) {
        const int row = t + 2;
        write_date(ws, row, 0, d["dates"][t].get<std::string>(), b.date);
        write_value(ws, row, 1, number_of(d["p_default"][t]), b.probability);
        write_value(ws, row, 2, number_of(d["std_error"][t]), b.probability);
        const auto cumulative = number_of(d["cumulative"][t]);
        const std::string formula = t == 0 ? "=" + cell_name(row, 1) : "=" + cell_name(row - 1, 3) + "+" + cell_name(row, 1);
        if (cumulative && number_of(d["p_default"][t]))
            worksheet_write_formula_num(ws, row, 3, formula.c_str(), b.probability, *cumulative);
        else
            write_value(ws, row, 3, cumulative, b.probability);
    }
    if (n > 0) {
        lxw_chart* chart = b.chart(LXW_CHART_COLUMN);
        lxw_chart_series* s = chart_add_series(chart, nullptr, nullptr);
        chart_series_set_categories(s, "Defaults", 2, 0, n + 1, 0);
        chart_series_set_values(s, "Defaults", 2, 1, n + 1, 1);
        chart_series_set_name(s, "P(default in the period)");
        chart_title_set_name(chart, "When defaults happen: probability of an event of default by period");
        chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
        worksheet_insert_chart(ws, 2, 5, chart);
    }
    worksheet_freeze_panes(ws, 2, 1);
    worksheet_set_column(ws, 0, 0, 11, nullptr);
    worksheet_set_column(ws, 1, 3, 14, nullptr);
    worksheet_set_row(ws, 0, 30, nullptr);
}

// --- Buyers ---------------------------------------------------------------------------

void buyers_sheet(Book& b, const json& doc) {
    const bool mc = doc.value("kind", "") == "monte_carlo";
    // Both documents have `buyers`: statistics per metric (Monte Carlo) or plain values.
    const json& list = doc["buyers"];
    if (!list.is_array() || list.empty()) return;
    lxw_worksheet* ws = b.sheet("Buyers");
    const std::string currency = doc.value("currency", kDefaultCurrency);
    write_text(ws, 0, 0, "Buyer", b.header);
    write_text(ws, 1, 0, "buyer", b.key);
    write_text(ws, 0, 1, "Contracted (t)", b.header);
    write_text(ws, 1, 1, "contracted_tonnes", b.key);
    int col = 2;
    std::vector<const MetricEntry*> entries;
    for (const auto& e : metric_catalogue())
        if (e.scope == MetricScope::Buyer && list[0].contains(e.key)) entries.push_back(&e);
    for (const auto* e : entries) {
        const std::string unit = plain_unit(e->unit, currency);
        write_text(ws, 0, col, std::string(e->column) + (mc ? ", mean" : "") + (unit.empty() ? "" : " (" + unit + ")"),
                   b.header);
        write_text(ws, 1, col, std::string(e->key) + (mc ? ".mean" : ""), b.key);
        ++col;
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
        const int row = static_cast<int>(i) + 2;
        write_text(ws, row, 0, list[i].value("buyer", ""));
        write_value(ws, row, 1, number_of(list[i]["contracted_tonnes"]), b.tonnes);
        int c = 2;
        for (const auto* e : entries) {
            const json& v = list[i][e->key];
            write_value(ws, row, c++, number_of(mc && v.is_object() ? v["mean"] : v), b.for_kind(e->unit));
        }
    }
    worksheet_freeze_panes(ws, 2, 1);
    worksheet_set_column(ws, 0, 0, 28, nullptr);
    worksheet_set_column(ws, 1, col - 1, 15, nullptr);
    worksheet_set_row(ws, 0, 45, nullptr);
}

// --- Bankability ------------------------------------------------------------------------

void bankability_sheet(Book& b, const json& doc) {
    if (!doc.contains("bankability") || !doc["bankability"].is_object()) return;
    const json& s = doc["bankability"];
    lxw_worksheet* ws = b.sheet("Bankability");
    const std::vector<std::string> keys = {"id", "group", "label", "value", "sub_score", "weight", "contribution",
                                           "applicable"};
    for (std::size_t c = 0; c < keys.size(); ++c) {
        write_text(ws, 0, static_cast<int>(c), keys[c], b.header);
    }
    const auto& factors = s["factors"];
    const int n = static_cast<int>(factors.size());
    for (int i = 0; i < n; ++i) {
        const json& f = factors[i];
        const int row = i + 1;
        write_text(ws, row, 0, f.value("id", ""));
        write_text(ws, row, 1, f.value("group", ""));
        write_text(ws, row, 2, f.value("label", ""));
        write_value(ws, row, 3, number_of(f["value"]), nullptr);
        write_value(ws, row, 4, number_of(f["sub_score"]), b.years);
        write_value(ws, row, 5, number_of(f["weight"]), b.fraction);
        // contribution = weight x sub-score (docs/bankability.md)
        const auto contribution = number_of(f["contribution"]);
        if (contribution && number_of(f["weight"]) && number_of(f["sub_score"]))
            worksheet_write_formula_num(ws, row, 6, ("=" + cell_name(row, 5) + "*" + cell_name(row, 4)).c_str(),
                                        b.years, *contribution);
        else
            write_value(ws, row, 6, contribution, b.years);
        write_text(ws, row, 7, f.value("applicable", false) ? "yes" : "no");
    }
    write_text(ws, n + 1, 2, "Score (sum of contributions)", b.bold);
    if (auto score = number_of(s["score"]))
        worksheet_write_formula_num(ws, n + 1, 6, ("=SUM(" + cell_name(1, 6) + ":" + cell_name(n, 6) + ")").c_str(),
                                    b.total_money, *score);
    write_text(ws, n + 2, 2, "Category", b.bold);
    write_text(ws, n + 2, 6, s.value("category", ""));
    worksheet_freeze_panes(ws, 1, 0);
    worksheet_set_column(ws, 0, 1, 18, nullptr);
    worksheet_set_column(ws, 2, 2, 44, nullptr);
    worksheet_set_column(ws, 3, 7, 13, nullptr);
}

// --- Tables of several results (compare, stress) ----------------------------------------
//
// Every number cell is found by a row key (column B) and a column template (the grey key
// row under the headings), its JSON path being the template with %s replaced by the row
// key: "deals[1].%s.mean" on the row of "npv" is deals[1].npv.mean.

std::string path_of(const std::string& column_template, const std::string& row_key) {
    std::string out = column_template;
    const auto at = out.find("%s");
    if (at != std::string::npos) out.replace(at, 2, row_key);
    return out;
}

// The value at a path such as deals[1].npv.mean, or null.
json at_path(const json& doc, const std::string& path) {
    const json* cur = &doc;
    std::size_t i = 0;
    while (i < path.size()) {
        if (path[i] == '.') { ++i; continue; }
        if (path[i] == '[') {
            const std::size_t close = path.find(']', i);
            const std::size_t k = std::stoul(path.substr(i + 1, close - i - 1));
            if (!cur->is_array() || k >= cur->size()) return json();
            cur = &(*cur)[k];
            i = close + 1;
            continue;
        }
        std::size_t end = path.find_first_of(".[", i);
        if (end == std::string::npos) end = path.size();
        const std::string key = path.substr(i, end - i);
        if (!cur->is_object() || !cur->contains(key)) return json();
        cur = &(*cur)[key];
        i = end;
    }
    return *cur;
}

struct Column {
    std::string heading, key_template;
    UnitKind unit;
};
struct Row {
    std::string label, key;
    UnitKind unit;        // used when the column's unit is Count (the row decides)
};

// A keyed table at (top, 0): headings, the key row, then the rows. Returns the first data row.
int keyed_table(Book& b, lxw_worksheet* ws, int top, const json& doc, const std::vector<Row>& rows,
                const std::vector<Column>& columns, bool unit_from_row) {
    write_text(ws, top, 0, "", b.header);
    write_text(ws, top, 1, "key", b.header);
    for (std::size_t c = 0; c < columns.size(); ++c) {
        write_text(ws, top, static_cast<int>(c) + 2, columns[c].heading, b.header);
        write_text(ws, top + 1, static_cast<int>(c) + 2, columns[c].key_template, b.key);
    }
    const int first = top + 2;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const int row = first + static_cast<int>(r);
        write_text(ws, row, 0, rows[r].label);
        write_text(ws, row, 1, rows[r].key, b.key);
        for (std::size_t c = 0; c < columns.size(); ++c) {
            const UnitKind unit = unit_from_row ? rows[r].unit : columns[c].unit;
            write_value(ws, row, static_cast<int>(c) + 2, number_of(at_path(doc, path_of(columns[c].key_template, rows[r].key))),
                        b.for_kind(unit));
        }
    }
    worksheet_freeze_panes(ws, first, 2);
    worksheet_set_column(ws, 0, 0, 46, nullptr);
    worksheet_set_column(ws, 1, 1, 16, nullptr);
    worksheet_set_column(ws, 2, static_cast<int>(columns.size()) + 1, 16, nullptr);
    worksheet_set_row(ws, top, 45, nullptr);
    return first;
}

// The deal metrics of the catalogue that a Monte Carlo document has, as rows.
std::vector<Row> deal_metric_rows(const json& mc, const std::string& currency) {
    std::vector<Row> rows;
    for (const auto& e : metric_catalogue()) {
        if (e.scope != MetricScope::Deal || !mc.contains(e.key) || !mc[e.key].is_object()) continue;
        const std::string unit = plain_unit(e.unit, currency);
        rows.push_back({std::string(e.label) + (unit.empty() ? "" : " (" + unit + ")"), e.key, e.unit});
    }
    return rows;
}

void column_chart(Book& b, lxw_worksheet* ws, const char* sheet, int first, int last, int label_col, int value_col,
                  const std::string& title, int at_row, int at_col) {
    lxw_chart* chart = b.chart(LXW_CHART_COLUMN);
    lxw_chart_series* s = chart_add_series(chart, nullptr, nullptr);
    chart_series_set_categories(s, sheet, first, label_col, last, label_col);
    chart_series_set_values(s, sheet, first, value_col, last, value_col);
    chart_series_set_name(s, title.c_str());
    chart_title_set_name(chart, title.c_str());
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    worksheet_insert_chart(ws, at_row, at_col, chart);
}

std::vector<std::string> deal_labels(const json& deals) {
    std::vector<std::string> names;
    for (const auto& d : deals) names.push_back(d["deal"].is_object() ? d["deal"].value("name", "") : "");
    std::vector<std::string> out;
    for (std::size_t k = 0; k < deals.size(); ++k) {
        const auto same = std::count(names.begin(), names.end(), names[k]);
        out.push_back(same > 1 && deals[k]["deal"].is_object() ? deals[k]["deal"].value("source", "") : names[k]);
    }
    return out;
}

}  // namespace

std::string xlsx_compare_workbook(const json& doc) {
    Book b;
    const json& deals = doc["deals"];
    const std::string currency = doc.value("currency", kDefaultCurrency);
    const auto labels = deal_labels(deals);
    lxw_worksheet* ws = b.sheet("Compare");
    int row = 0;
    facts(b, ws, row, deals[0]);
    ++row;
    std::vector<Column> columns;
    for (std::size_t k = 0; k < deals.size(); ++k)
        columns.push_back({labels[k] + ", mean", "deals[" + std::to_string(k) + "].%s.mean", UnitKind::Count});
    for (std::size_t k = 1; k < deals.size(); ++k) {
        columns.push_back({labels[k] + " - " + labels[0] + ", mean", "differences[" + std::to_string(k) + "].%s.mean",
                           UnitKind::Count});
        columns.push_back({labels[k] + " - " + labels[0] + ", std error",
                           "differences[" + std::to_string(k) + "].%s.std_error", UnitKind::Count});
    }
    const auto rows = deal_metric_rows(deals[0], currency);
    const int first = keyed_table(b, ws, row, doc, rows, columns, true);
    // A chart of the mean NPV of each deal: a small table of it under the metrics.
    int at = first + static_cast<int>(rows.size()) + 1;
    write_text(ws, at, 0, "Mean project NPV by deal (" + plain_unit(UnitKind::Money, currency) + ")", b.bold);
    for (std::size_t k = 0; k < deals.size(); ++k) {
        write_text(ws, at + 1 + static_cast<int>(k), 0, labels[k]);
        write_text(ws, at + 1 + static_cast<int>(k), 1, "deals[" + std::to_string(k) + "].npv.mean", b.key);
        write_value(ws, at + 1 + static_cast<int>(k), 2, number_of(at_path(doc, "deals[" + std::to_string(k) + "].npv.mean")),
                    b.money);
    }
    column_chart(b, ws, "Compare", at + 1, at + static_cast<int>(deals.size()), 0, 2, "Mean project NPV by deal",
                 at, 4);

    // The buyers' view: every offtake of every deal.
    lxw_worksheet* bs = b.sheet("Buyers");
    std::vector<Row> brows;
    for (std::size_t k = 0; k < deals.size(); ++k)
        for (std::size_t i = 0; i < deals[k]["buyers"].size(); ++i)
            brows.push_back({labels[k] + ": " + deals[k]["buyers"][i].value("buyer", ""),
                             "deals[" + std::to_string(k) + "].buyers[" + std::to_string(i) + "]", UnitKind::Count});
    std::vector<Column> bcols;
    for (const auto& e : metric_catalogue())
        if (e.scope == MetricScope::Buyer && e.in_monte_carlo()) {
            const std::string unit = plain_unit(e.unit, currency);
            bcols.push_back({std::string(e.column) + ", mean" + (unit.empty() ? "" : " (" + unit + ")"),
                             std::string("%s.") + e.key + ".mean", e.unit});
        }
    keyed_table(b, bs, 0, doc, brows, bcols, false);
    return b.bytes();
}

std::string xlsx_stress_workbook(const json& doc) {
    Book b;
    const std::string currency = doc.value("currency", kDefaultCurrency);
    const json& scenarios = doc["scenarios"];
    lxw_worksheet* ws = b.sheet("Stress");
    int row = 0;
    json head = doc;
    if (!scenarios.empty()) head["inputs_hash"] = scenarios[0]["result"]["inputs_hash"];
    facts(b, ws, row, head);
    ++row;
    std::vector<Row> rows;
    for (std::size_t k = 0; k < scenarios.size(); ++k)
        rows.push_back({scenarios[k].value("name", ""), "scenarios[" + std::to_string(k) + "]", UnitKind::Count});
    std::vector<Column> columns;
    for (const char* c : {"price_shock", "capex_overrun", "construction_delay_periods", "production_shortfall",
                          "opex_change", "rate_shift_bps"})
        columns.push_back({c, std::string("%s.changes.") + c,
                           std::string(c) == "construction_delay_periods" || std::string(c) == "rate_shift_bps"
                               ? UnitKind::Count : UnitKind::Probability});
    if (!scenarios.empty())
        for (const auto& r : deal_metric_rows(scenarios[0]["result"], currency)) {
            const MetricEntry* e = find_metric(r.key, MetricScope::Deal);
            const bool distribution = scenarios[0]["result"][r.key]["quantiles"].is_array();
            columns.push_back({r.label + ", mean", "%s.result." + r.key + ".mean", e ? e->unit : UnitKind::Count});
            if (distribution)
                columns.push_back({r.label + ", P50", "%s.result." + r.key + ".p50", e ? e->unit : UnitKind::Count});
        }
    const int first = keyed_table(b, ws, row, doc, rows, columns, false);
    // Mean NPV per scenario, charted from its column.
    int npv_col = -1;
    for (std::size_t c = 0; c < columns.size(); ++c)
        if (columns[c].key_template == "%s.result.npv.mean") npv_col = static_cast<int>(c) + 2;
    if (npv_col >= 0 && !rows.empty())
        column_chart(b, ws, "Stress", first, first + static_cast<int>(rows.size()) - 1, 0, npv_col,
                     "Mean project NPV by scenario (" + plain_unit(UnitKind::Money, currency) + ")",
                     first + static_cast<int>(rows.size()) + 1, 0);
    return b.bytes();
}

std::string xlsx_sizing_workbook(const json& doc) {
    Book b;
    lxw_worksheet* ws = b.sheet("Sizing");
    const std::string currency = doc.value("currency", kDefaultCurrency);
    int row = 0;
    facts(b, ws, row, doc["result"]);
    ++row;
    const std::vector<Row> rows = {
        {"Gearing (fraction)", "gearing", UnitKind::Percent},
        {"Debt, mean peak senior debt (" + plain_unit(UnitKind::Money, currency) + ")", "debt", UnitKind::Money},
        {"Bisection iterations", "iterations", UnitKind::Count},
        {"Smallest failing gearing", "smallest_failing.gearing", UnitKind::Percent},
        {"Its DSCR at the percentile", "smallest_failing.dscr_at_percentile", UnitKind::Ratio},
        {"Its LLCR at the percentile", "smallest_failing.llcr_at_percentile", UnitKind::Ratio},
        {"Share of paths with a negative minimum DSCR there", "smallest_failing.share_negative_min_dscr",
         UnitKind::Probability}};
    const int first = keyed_table(b, ws, row, doc, rows, {{"Value", "%s", UnitKind::Count}}, true);
    const int end = first + static_cast<int>(rows.size());
    write_text(ws, end, 0, "Feasible", b.bold);
    write_text(ws, end, 2, doc.value("feasible", false) ? "true" : "false");
    write_text(ws, end + 1, 0, "Binding constraint", b.bold);
    write_text(ws, end + 1, 2, doc["binding"].is_string() ? doc["binding"].get<std::string>() : "");
    // The simulation at the sized gearing, as in a run's workbook (no base-case schedule:
    // the deal file's schedule is at its own gearing).
    summary_sheet(b, doc["result"]);
    bands_sheet(b, doc["result"]);
    defaults_sheet(b, doc["result"]);
    buyers_sheet(b, doc["result"]);
    bankability_sheet(b, doc["result"]);
    return b.bytes();
}

std::string xlsx_run_workbook(const json& document, const Deal& deal, const std::string& schedule) {
    Book b;
    summary_sheet(b, document);
    schedule_sheet(b, parse_csv(schedule), deal);
    if (document.value("kind", "") == "monte_carlo") {
        bands_sheet(b, document);
        defaults_sheet(b, document);
    }
    buyers_sheet(b, document);
    bankability_sheet(b, document);
    return b.bytes();
}

std::string xlsx_tornado_workbook(const json& doc) {
    Book b;
    lxw_worksheet* ws = b.sheet("Tornado");
    int row = 0;
    facts(b, ws, row, doc);
    ++row;
    const std::vector<std::string> heads = {"Input", "Low", "High", "NPV low", "NPV high", "NPV swing",
                                            "NPV low - base", "NPV high - base", "P50 min DSCR low",
                                            "P50 min DSCR high", "P(default) low", "P(default) high"};
    const std::vector<std::string> keys = {"input", "low", "high", "npv_low.mean", "npv_high.mean", "npv_swing",
                                           "", "", "dscr_min_p50_low", "dscr_min_p50_high", "p_default_low.mean",
                                           "p_default_high.mean"};
    write_text(ws, row, 0, "Base case: mean NPV", b.bold);
    const int base_row = row;
    write_value(ws, row, 3, number_of(doc["base"]["npv"]["mean"]), b.money);
    write_text(ws, row, 8, "P50 min DSCR", b.bold);
    write_value(ws, row, 9, number_of(doc["base"]["dscr_min_p50"]), b.ratio);
    write_text(ws, row, 10, "P(default)", b.bold);
    write_value(ws, row, 11, number_of(doc["base"]["p_default"]["mean"]), b.probability);
    row += 2;
    const int head_row = row;
    for (std::size_t c = 0; c < heads.size(); ++c) {
        write_text(ws, row, static_cast<int>(c), heads[c], b.header);
        write_text(ws, row + 1, static_cast<int>(c), keys[c], b.key);
    }
    row += 2;
    const int first = row;
    const auto base_npv = number_of(doc["base"]["npv"]["mean"]);
    for (const auto& r : doc["rows"]) {
        write_text(ws, row, 0, r.value("input", ""));
        write_text(ws, row, 1, r.value("low", ""));
        write_text(ws, row, 2, r.value("high", ""));
        const auto low = number_of(r["npv_low"]["mean"]), high = number_of(r["npv_high"]["mean"]);
        write_value(ws, row, 3, low, b.money);
        write_value(ws, row, 4, high, b.money);
        if (low && high && number_of(r["npv_swing"]))
            worksheet_write_formula_num(ws, row, 5, ("=" + cell_name(row, 4) + "-" + cell_name(row, 3)).c_str(),
                                        b.money, *number_of(r["npv_swing"]));
        else
            write_value(ws, row, 5, number_of(r["npv_swing"]), b.money);
        const std::string base_cell = "$" + column_letters(3) + "$" + std::to_string(base_row + 1);
        if (low && base_npv)
            worksheet_write_formula_num(ws, row, 6, ("=" + cell_name(row, 3) + "-" + base_cell).c_str(), b.money,
                                        *low - *base_npv);
        if (high && base_npv)
            worksheet_write_formula_num(ws, row, 7, ("=" + cell_name(row, 4) + "-" + base_cell).c_str(), b.money,
                                        *high - *base_npv);
        write_value(ws, row, 8, number_of(r["dscr_min_p50_low"]), b.ratio);
        write_value(ws, row, 9, number_of(r["dscr_min_p50_high"]), b.ratio);
        write_value(ws, row, 10, number_of(r["p_default_low"]["mean"]), b.probability);
        write_value(ws, row, 11, number_of(r["p_default_high"]["mean"]), b.probability);
        ++row;
    }
    const int last = row - 1;
    if (last >= first) {
        lxw_chart* chart = b.chart(LXW_CHART_BAR);
        const char* names[] = {"Input low", "Input high"};
        for (int k = 0; k < 2; ++k) {
            lxw_chart_series* s = chart_add_series(chart, nullptr, nullptr);
            chart_series_set_categories(s, "Tornado", first, 0, last, 0);
            chart_series_set_values(s, "Tornado", first, 6 + k, last, 6 + k);
            chart_series_set_name(s, names[k]);
        }
        chart_set_series_overlap(chart, 100);
        chart_title_set_name(chart, "Mean NPV change from the base case, each input low and high");
        chart_axis_set_reverse(chart->y_axis);  // largest swing on top, as in the table
        worksheet_insert_chart(ws, last + 2, 0, chart);
    }
    worksheet_freeze_panes(ws, head_row + 2, 1);
    worksheet_set_column(ws, 0, 0, 22, nullptr);
    worksheet_set_column(ws, 1, 2, 16, nullptr);
    worksheet_set_column(ws, 3, 11, 15, nullptr);
    worksheet_set_row(ws, head_row, 30, nullptr);
    return b.bytes();
}

}  // namespace offtake::cli
