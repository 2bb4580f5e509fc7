// Unit tests of the tool's number formatting and tables: expected strings are written
// out by hand from the rules in docs/cli.md (thousands separators, one decimal for
// millions, "n/a" for absent values).
#include "number_format.hpp"
#include "progress_bar.hpp"
#include "text_table.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace offtake::cli;

TEST(NumberFormat, ThousandsSeparators) {
    EXPECT_EQ(thousands(0), "0");
    EXPECT_EQ(thousands(999), "999");
    EXPECT_EQ(thousands(1000), "1,000");
    EXPECT_EQ(thousands(1234567.8), "1,234,568");
    EXPECT_EQ(thousands(-1234567.8), "-1,234,568");
    EXPECT_EQ(thousands(1234567.891, 2), "1,234,567.89");
    EXPECT_EQ(thousands(-0.0001, 2), "0.00");  // no "-0.00"
}

TEST(NumberFormat, MillionsPercentRatio) {
    EXPECT_EQ(millions(2601345000.0), "2,601.3");
    EXPECT_EQ(millions(-581000000.0), "-581.0");
    EXPECT_EQ(percent(0.2934), "29.3 %");
    EXPECT_EQ(percent(-0.05), "-5.0 %");
    EXPECT_EQ(ratio(1.4231), "1.42x");
}

TEST(NumberFormat, AbsentAndNonFiniteAreNA) {
    std::optional<double> none;
    EXPECT_EQ(millions(none), "n/a");
    EXPECT_EQ(percent(none), "n/a");
    EXPECT_EQ(ratio(none), "n/a");
    EXPECT_EQ(fixed(none, 2), "n/a");
    EXPECT_EQ(thousands(std::numeric_limits<double>::infinity()), "n/a");
    EXPECT_EQ(percent(std::nan("")), "n/a");
    EXPECT_EQ(ratio(std::optional<double>(2.0)), "2.00x");
}

TEST(TextTable, AlignsLabelsLeftAndNumbersRight) {
    TextTable t({"metric", "value"});
    t.add_row({"NPV", "2,601.3"});
    t.add_row({"IRR", "29.3 %"});
    // widths: "metric" 6, "2,601.3" 7; two spaces between columns; rule = 6+2+7.
    EXPECT_EQ(t.render(),
              "metric    value\n"
              "---------------\n"
              "NPV     2,601.3\n"
              "IRR      29.3 %\n");
}

TEST(TextTable, SeparatorAndShortRows) {
    TextTable t({"a", "b"});
    t.add_row({"x"});
    t.add_separator();
    t.add_row({"y", "1"});
    EXPECT_EQ(t.render(), "a  b\n----\nx\n\ny  1\n");
}

TEST(Csv, QuotesOnlyWhenNeeded) {
    EXPECT_EQ(csv_field("plain"), "plain");
    EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
    EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(csv_line({"period", "1,000", ""}), "period,\"1,000\",\n");
}

TEST(ProgressBar, DurationFormat) {
    EXPECT_EQ(format_duration(0), "0:00");
    EXPECT_EQ(format_duration(65), "1:05");
    EXPECT_EQ(format_duration(3723), "1:02:03");
    EXPECT_EQ(format_duration(std::nan("")), "--:--");
}
