// Calibration recovers known parameters from long synthetic series generated here with
// std::mt19937_64 and the exact transitions written out below (not the library's
// simulator), within 4 of its own standard errors; the standard errors agree with the
// textbook asymptotics where one exists; results load back as model files.
#include "price_test_util.hpp"

#include <offtake/calibration.hpp>
#include <offtake/errors.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

using namespace offtake;
using namespace offtake::test;

namespace {

QuantLib::Date day0() { return QuantLib::Date(1, QuantLib::January, 1990); }

// Irregular spacing: gaps of 1 to 20 days (Actual/365F years).
std::vector<int> irregular_days(int n, std::mt19937_64& rng) {
    std::uniform_int_distribution<int> gap(1, 20);
    std::vector<int> days = {0};
    for (int i = 1; i < n; ++i) days.push_back(days.back() + gap(rng));
    return days;
}

void expect_within(const CalibrationResult& r, const std::string& name, double truth) {
    const auto& p = r.parameter(name);
    ASSERT_TRUE(p.std_error.has_value()) << name;
    EXPECT_NEAR(p.value, truth, 4 * *p.std_error) << name << " se " << *p.std_error;
    EXPECT_LT(*p.std_error, std::max(0.5 * std::fabs(truth), 0.05)) << name << " too imprecise to test";
}

}  // namespace

TEST(Calibration, GbmExactMleOnIrregularDailySeries) {
    std::mt19937_64 rng(11);
    std::normal_distribution<double> z;
    const double mu = 0.06, sigma = 0.3;
    const auto days = irregular_days(3000, rng);
    PriceSeries s;
    s.file = "synthetic";
    double x = std::log(8000.0);
    for (size_t i = 0; i < days.size(); ++i) {
        if (i) {
            const double d = (days[i] - days[i - 1]) / 365.0;
            x += (mu - 0.5 * sigma * sigma) * d + sigma * std::sqrt(d) * z(rng);
        }
        s.dates.push_back(day0() + days[i]);
        s.prices.push_back(std::exp(x));
    }
    const auto r = calibrate_gbm(s);
    expect_within(r, "sigma", sigma);
    expect_within(r, "mu", mu);
    // Asymptotics: se(sigma) = sigma / sqrt(2 n); se(mu) ~ sigma / sqrt(T) (T = span).
    const double n = days.size() - 1, T = days.back() / 365.0;
    EXPECT_NEAR(*r.parameter("sigma").std_error, sigma / std::sqrt(2 * n), 0.05 * sigma / std::sqrt(2 * n));
    EXPECT_NEAR(*r.parameter("mu").std_error, sigma / std::sqrt(T), 0.1 * sigma / std::sqrt(T));
}

TEST(Calibration, OneFactorExactMleOnIrregularSeries) {
    std::mt19937_64 rng(12);
    std::normal_distribution<double> z;
    const double kappa = 1.5, alpha = std::log(9000.0), sigma = 0.4;
    const auto days = irregular_days(2500, rng);
    PriceSeries s;
    s.file = "synthetic";
    double x = alpha + 0.5;
    for (size_t i = 0; i < days.size(); ++i) {
        if (i) {
            const double d = (days[i] - days[i - 1]) / 365.0, e = std::exp(-kappa * d);
            x = alpha + (x - alpha) * e +
                sigma * std::sqrt((1 - e * e) / (2 * kappa)) * z(rng);
        }
        s.dates.push_back(day0() + days[i]);
        s.prices.push_back(std::exp(x));
    }
    const auto r = calibrate_one_factor(s);
    expect_within(r, "kappa", kappa);
    expect_within(r, "alpha", alpha);
    expect_within(r, "sigma", sigma);
}

TEST(Calibration, SchwartzSmithKalmanMleOnSyntheticPanel) {
    // Schwartz-Smith (2000) Table 2 values, weekly panel of 5 maturities with 1 % errors.
    const double kappa = 1.49, sc = 0.286, lc = 0.157, mx = -0.0125, sx = 0.145, ms = 0.0115,
                 rho = 0.3;
    const std::vector<double> T = {0.1, 0.5, 1.0, 2.0, 3.0};
    auto A = [&](double t) {
        return ms * t - (1 - std::exp(-kappa * t)) * lc / kappa +
               0.5 * ((1 - std::exp(-2 * kappa * t)) * sc * sc / (2 * kappa) + sx * sx * t +
                      2 * (1 - std::exp(-kappa * t)) * rho * sc * sx / kappa);
    };
    std::mt19937_64 rng(13);
    std::normal_distribution<double> z;
    FuturesPanel p;
    p.file = "synthetic";
    p.maturities = T;
    double chi = 0.1, xi = std::log(20.0);
    const int n = 600;
    const double d = 7.0 / 365.0, e = std::exp(-kappa * d);
    const double v00 = sc * sc * (1 - e * e) / (2 * kappa), v11 = sx * sx * d,
                 v01 = rho * sc * sx * (1 - e) / kappa;
    const double l00 = std::sqrt(v00), l10 = v01 / l00, l11 = std::sqrt(v11 - l10 * l10);
    for (int t = 0; t < n; ++t) {
        if (t) {
            const double z1 = z(rng), z2 = z(rng);
            chi = e * chi + l00 * z1;
            xi = xi + mx * d + l10 * z1 + l11 * z2;
        }
        p.dates.push_back(day0() + 7 * t);
        for (double m : T)
            p.prices.push_back(std::exp(std::exp(-kappa * m) * chi + xi + A(m) + 0.01 * z(rng)));
    }
    const auto r = calibrate_schwartz_smith(p);
    for (const auto& [name, truth] : std::vector<std::pair<std::string, double>>{
             {"kappa", kappa}, {"sigma_chi", sc}, {"sigma_xi", sx}, {"rho", rho},
             {"mu_xi_star", ms}, {"lambda_chi", lc}}) {
        const auto& q = r.parameter(name);
        ASSERT_TRUE(q.std_error.has_value()) << name;
        EXPECT_NEAR(q.value, truth, 4 * *q.std_error) << name << " se " << *q.std_error;
    }
    // The Brownian drift is poorly identified in 11.5 years (se ~ sigma_xi / sqrt(T)), as
    // Schwartz and Smith found: only check it lies within its (wide) error.
    EXPECT_NEAR(r.parameter("mu_xi").value, mx, 4 * *r.parameter("mu_xi").std_error);
    EXPECT_NEAR(r.parameter("measurement_sd[1]").value, 0.01, 0.002);
    EXPECT_NEAR(r.parameter("kappa").value, kappa, 0.3);  // and it is informative
}

TEST(Calibration, ResultLoadsBackAsAModelFile) {
    PriceSeries s;
    s.file = "synthetic";
    std::mt19937_64 rng(5);
    std::normal_distribution<double> z;
    double x = 9.0;
    for (int i = 0; i < 200; ++i) {
        x = 9.0 + (x - 9.0) * std::exp(-1.0 / 12) + 0.1 * z(rng);
        s.dates.push_back(day0() + 30 * i);
        s.prices.push_back(std::exp(x));
    }
    const auto r = calibrate_one_factor(s);
    const std::string path = std::string(OFFTAKE_BINARY_DIR) + "/price_test_calibrated.yaml";
    write_price_model(r, "lithium_carbonate", path);
    const auto spec = load_price_model(path);
    const auto* c = spec->find(Commodity::LithiumCarbonate);
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->dynamics, PriceDynamics::OneFactor);
    EXPECT_NEAR(c->kappa, r.parameter("kappa").value, 1e-5 * c->kappa);
    EXPECT_NEAR(c->alpha, r.parameter("alpha").value, 1e-5);
    EXPECT_NEAR(c->sigma, r.parameter("sigma").value, 1e-5 * c->sigma);
}

TEST(Calibration, CsvErrorsNameLineAndColumn) {
    const std::string path = std::string(OFFTAKE_BINARY_DIR) + "/price_test_bad.csv";
    std::ofstream(path) << "date,price\n# comment\n2020-01-01,100\n2020-02-01,abc\n2019-12-15,90\n";
    try {
        read_price_series(path);
        FAIL();
    } catch (const DealError& e) {
        ASSERT_EQ(e.problems().size(), 2u);
        EXPECT_EQ(e.problems()[0].line, 4);
        EXPECT_EQ(e.problems()[0].column, 2);
        EXPECT_EQ(e.problems()[1].line, 5);
        EXPECT_NE(e.problems()[1].rule.find("increase"), std::string::npos);
    }
}

TEST(Calibration, ShippedSeriesParse) {
    for (const char* f : {"/models/data/lithium_carbonate_usgs_annual.csv",
                          "/models/data/copper_usgs_annual.csv"}) {
        const auto s = read_price_series(std::string(OFFTAKE_SOURCE_DIR) + f);
        EXPECT_GE(s.prices.size(), 10u) << f;
    }
}

// The issue asks for a lithium carbonate history covering at least 2015-2025, annual or
// better: every calendar year from 2015 to 2025 must hold an observation.
TEST(Calibration, ShippedLithiumSeriesCoversEveryYearFrom2015To2025) {
    const auto s = read_price_series(std::string(OFFTAKE_SOURCE_DIR) +
                                     "/models/data/lithium_carbonate_usgs_annual.csv");
    std::vector<int> years;
    for (const auto& d : s.dates) years.push_back(d.year());
    for (int y = 2015; y <= 2025; ++y)
        EXPECT_NE(std::find(years.begin(), years.end(), y), years.end()) << y;
}

// Provenance check: each shipped model file claims to be the exact ML fit of a shipped
// series (models/prices/*.yaml comments). Refitting the series must give the file's
// values to the digits written there, so the data and the model cannot drift apart.
TEST(Calibration, ShippedModelFilesAreTheFitsOfTheShippedSeries) {
    const std::string root = OFFTAKE_SOURCE_DIR;
    const auto lithium = calibrate_file(root + "/models/data/lithium_carbonate_usgs_annual.csv",
                                        CalibrationModel::Schwartz1F);
    const auto copper = calibrate_file(root + "/models/data/copper_usgs_annual.csv",
                                       CalibrationModel::Gbm);
    EXPECT_EQ(lithium.observations, 12);  // 2014-2025
    EXPECT_EQ(copper.observations, 60);   // 1960-2013 and 2019-2024
    for (const char* file : {"lithium_carbonate.yaml", "copper.yaml", "battery_metals.yaml"}) {
        const auto spec = load_price_model(root + "/models/prices/" + file);
        for (const auto& c : spec->commodities) {
            const auto close = [&](double shipped, const CalibrationResult& fit, const char* name) {
                EXPECT_NEAR(shipped, fit.parameter(name).value, 5e-6 * std::abs(shipped))
                    << file << " " << c.name << "." << name;
            };
            if (c.name == "lithium_carbonate") {
                close(c.kappa, lithium, "kappa");
                close(c.alpha, lithium, "alpha");
                close(c.sigma, lithium, "sigma");
            } else if (c.name == "copper") {
                close(c.mu, copper, "mu");
                close(c.sigma, copper, "sigma");
            }
        }
    }
}

TEST(Calibration, FuturesPanelWithMissingCells) {
    const std::string path = std::string(OFFTAKE_BINARY_DIR) + "/price_test_panel.csv";
    {
        std::ofstream out(path);
        out << "date,0.25,1.0\n";
        for (int i = 0; i < 12; ++i)
            out << QuantLib::io::iso_date(day0() + 7 * i) << "," << (i == 3 ? "" : "20.5") << ",21\n";
    }
    const auto p = read_futures_panel(path);
    ASSERT_EQ(p.dates.size(), 12u);
    EXPECT_EQ(p.maturities, (std::vector<double>{0.25, 1.0}));
    EXPECT_TRUE(std::isnan(p.prices[3 * 2 + 0]));
    EXPECT_DOUBLE_EQ(p.prices[3 * 2 + 1], 21.0);
    std::ofstream(path) << "date,0.25,x\n2020-01-01,1,2\n";
    try {
        read_futures_panel(path);
        FAIL();
    } catch (const DealError& e) {
        EXPECT_EQ(e.problems().at(0).line, 1);
        EXPECT_EQ(e.problems().at(0).column, 3);
    }
}

TEST(Calibration, CalibrateFileDispatchesOnTheModelName) {
    EXPECT_EQ(parse_calibration_model("gbm"), CalibrationModel::Gbm);
    EXPECT_EQ(parse_calibration_model("schwartz1f"), CalibrationModel::Schwartz1F);
    EXPECT_EQ(parse_calibration_model("schwartz-smith"), CalibrationModel::SchwartzSmith);
    EXPECT_FALSE(parse_calibration_model("heston").has_value());
    const auto path = std::string(OFFTAKE_SOURCE_DIR) + "/models/data/copper_usgs_annual.csv";
    const auto a = calibrate_file(path, CalibrationModel::Gbm);
    const auto b = calibrate_gbm(read_price_series(path));
    EXPECT_EQ(a.parameter("sigma").value, b.parameter("sigma").value);
    EXPECT_EQ(a.observations, 60);
}
