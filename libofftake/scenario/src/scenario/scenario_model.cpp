// Generating one scenario path (docs/scenarios.md sections 3 and 4). Per factor and per
// year of the calendar, one Philox block keyed by (factor name, the year's closing anchor
// date) gives four normals: lane 0 moves the factor from one yearly anchor to the next by
// the exact transition; lanes 1-3 place the quarters by the Gaussian bridge. Two more
// blocks give the eight remaining months. Values are filled coarse to fine, each from
// values of its own level or coarser, so a run that needs months (a monthly deal) leaves
// every anchor and quarter exactly as a run that needs only anchors computes them.
// Jumps: per commodity and year one block keyed by (commodity name, anchor date) gives
// the Poisson count, then one block per arrival its time and size; a jump component at a
// point is computed directly from the previous anchor, whatever else is computed.
#include "scenario/bridge.hpp"

#include "prices/jump_overlay.hpp"
#include "random/counter_rng.hpp"
#include "random/identity_hash.hpp"

#include <offtake/errors.hpp>
#include <offtake/scenario.hpp>

#include <fmt/format.h>

#include <cmath>

namespace offtake {

namespace {

constexpr int kMaxFactors = 16;
constexpr int kMaxJumpsPerYear = 1000;

// The bridge points of one year, in the order they are filled: month offset, the offsets
// of the two known points it sits between, and the lane of its normal.
struct BridgePoint {
    int month, left, right, block, lane;
};
constexpr BridgePoint kBridge[11] = {
    {3, 0, 12, 0, 1}, {6, 3, 12, 0, 2}, {9, 6, 12, 0, 3},                       // level 1
    {1, 0, 3, 1, 0},  {2, 1, 3, 1, 1},  {4, 3, 6, 1, 2},  {5, 4, 6, 1, 3},      // level 2
    {7, 6, 9, 2, 0},  {8, 7, 9, 2, 1},  {10, 9, 12, 2, 2}, {11, 10, 12, 2, 3},
};
constexpr int kLevelEnd[3] = {0, 3, 11};  // bridge points filled up to each level

struct JumpLaw {
    int commodity = 0;
    std::uint64_t identity = 0;
    double kappa = 0.0, intensity = 0.0, mean = 0.0, stdev = 0.0;
};

}  // namespace

struct ScenarioModel::Plan {
    std::vector<std::uint64_t> factor_identity;           // per factor
    std::vector<std::uint64_t> year_key;                  // per year: its closing anchor's yyyymmdd
    std::vector<scenario::StepCoefficients> anchor;       // per year
    std::vector<scenario::BridgeCoefficients> bridge;     // per year, 11 in kBridge order
    std::vector<JumpLaw> jumps;                           // per jump slot
};

ScenarioModel::ScenarioModel(std::shared_ptr<const PriceModelSpec> spec, ScenarioCalendar calendar, bool antithetic)
    : spec_(std::move(spec)), calendar_(std::move(calendar)), antithetic_(antithetic), plan_(std::make_unique<Plan>()) {
    if (!spec_) throw UsageError("ScenarioModel: no price model");
    factors_ = static_cast<int>(spec_->factors.size());
    if (factors_ > kMaxFactors)
        throw UsageError(fmt::format("price model {}: {} factors, at most {} supported", spec_->file, factors_,
                                     kMaxFactors));
    Plan& p = *plan_;
    for (const auto& f : spec_->factors) p.factor_identity.push_back(identity_hash("factor:" + f.name));
    const int years = calendar_.years_covered();
    for (int y = 0; y < years; ++y) {
        const auto& d = calendar_.date(12 * y + 12);
        p.year_key.push_back(date_key(d.year(), static_cast<int>(d.month()), d.dayOfMonth()));
        if (factors_ == 0) continue;
        p.anchor.push_back(scenario::exact_step(*spec_, calendar_.time(12 * y + 12) - calendar_.time(12 * y)));
        for (const auto& b : kBridge) {
            const double ta = calendar_.time(12 * y + b.left), ts = calendar_.time(12 * y + b.month),
                         tb = calendar_.time(12 * y + b.right);
            p.bridge.push_back(scenario::gaussian_bridge(*spec_, ts - ta, tb - ts));
        }
    }
    jump_slot_.assign(spec_->commodities.size(), -1);
    for (std::size_t c = 0; c < spec_->commodities.size(); ++c) {
        const auto& cs = spec_->commodities[c];
        if (!cs.jumps || !(cs.jumps->intensity > 0.0)) continue;
        jump_slot_[c] = static_cast<int>(p.jumps.size());
        p.jumps.push_back(JumpLaw{static_cast<int>(c), identity_hash("jumps:" + cs.name), jump_kappa(cs),
                                  cs.jumps->intensity, cs.jumps->mean, cs.jumps->stdev});
    }
    jump_base_ = static_cast<std::size_t>(calendar_.months() + 1) * factors_;
}

ScenarioModel::~ScenarioModel() = default;

bool ScenarioModel::models(Commodity c) const { return spec_->find(c) != nullptr; }

std::string ScenarioModel::commodity_names() const {
    std::string names;
    for (const auto& x : spec_->commodities) names += (names.empty() ? "" : ", ") + x.name;
    return names;
}

const std::string& ScenarioModel::file() const { return spec_->file; }

std::size_t ScenarioModel::path_size() const {
    return jump_base_ + plan_->jumps.size() * static_cast<std::size_t>(calendar_.months() + 1);
}

void ScenarioModel::generate(std::uint64_t seed, std::uint64_t path, int finest, double* world) const {
    const Plan& p = *plan_;
    const bool mirror = antithetic_ && (path & 1u);
    const std::uint64_t base = antithetic_ ? path >> 1 : path;
    const double sign = mirror ? -1.0 : 1.0;
    finest = finest < 0 ? 0 : finest > 2 ? 2 : finest;
    const int years = calendar_.years_covered();
    const int F = factors_;

    if (F > 0) {
        const CounterRng rng(seed, base, RandomStream::Prices);
        double z[3][4][kMaxFactors];
        const int blocks = finest == 2 ? 3 : 1;
        for (int f = 0; f < F; ++f) world[f] = 0.0;
        for (int y = 0; y < years; ++y) {
            for (int f = 0; f < F; ++f)
                for (int b = 0; b < blocks; ++b) {
                    const auto w = rng.words(p.factor_identity[f], p.year_key[y], static_cast<std::uint64_t>(b));
                    const auto n01 = r123::boxmuller(w.v[0], w.v[1]);
                    z[b][0][f] = sign * n01.x;
                    if (finest == 0) continue;
                    const auto n23 = r123::boxmuller(w.v[2], w.v[3]);
                    z[b][1][f] = sign * n01.y;
                    z[b][2][f] = sign * n23.x;
                    z[b][3][f] = sign * n23.y;
                }
            double* x0 = world + static_cast<std::size_t>(12 * y) * F;
            double* x12 = world + static_cast<std::size_t>(12 * y + 12) * F;
            const auto& a = p.anchor[static_cast<std::size_t>(y)];
            for (int i = 0; i < F; ++i) {
                double shock = 0.0;
                for (int j = 0; j <= i; ++j) shock += a.shock[i * F + j] * z[0][0][j];
                x12[i] = a.decay[i] * x0[i] + shock;
            }
            for (int q = 0; q < kLevelEnd[finest]; ++q) {
                const BridgePoint& bp = kBridge[q];
                const auto& c = p.bridge[static_cast<std::size_t>(y) * 11 + q];
                const double* xl = x0 + static_cast<std::size_t>(bp.left) * F;
                const double* xr = x0 + static_cast<std::size_t>(bp.right) * F;
                double* xs = x0 + static_cast<std::size_t>(bp.month) * F;
                const double* zs = z[bp.block][bp.lane];
                for (int i = 0; i < F; ++i) {
                    double v = 0.0;
                    for (int j = 0; j < F; ++j) v += c.from_left[i * F + j] * xl[j] + c.from_right[i * F + j] * xr[j];
                    for (int j = 0; j <= i; ++j) v += c.shock[i * F + j] * zs[j];
                    xs[i] = v;
                }
            }
        }
    }

    const std::size_t stride = static_cast<std::size_t>(calendar_.months() + 1);
    for (std::size_t slot = 0; slot < p.jumps.size(); ++slot) {
        const JumpLaw& law = p.jumps[slot];
        const CounterRng rng(seed, base, RandomStream::Jumps);
        double* jump = world + jump_base_ + slot * stride;
        jump[0] = 0.0;
        for (int y = 0; y < years; ++y) {
            const int k0 = 12 * y;
            const double ta = calendar_.time(k0), h = calendar_.time(k0 + 12) - ta;
            for (int m = 1; m <= 12; ++m)
                if (ScenarioCalendar::level(m) <= finest)
                    jump[k0 + m] = std::exp(-law.kappa * (calendar_.time(k0 + m) - ta)) * jump[k0];
            const double rate = law.intensity * h, p0 = std::exp(-rate);
            const double u = r123::u01<double>(rng.words(law.identity, p.year_key[y], 0).v[0]);
            if (!(u > p0)) continue;
            // Poisson count by inversion of its distribution function.
            double prob = p0, cdf = p0;
            int count = 0;
            while (u > cdf && count < kMaxJumpsPerYear) {
                ++count;
                prob *= rate / count;
                cdf += prob;
            }
            for (int i = 0; i < count; ++i) {
                const auto v = rng.words(law.identity, p.year_key[y], 1 + static_cast<std::uint64_t>(i));
                const double s = ta + r123::u01<double>(v.v[0]) * h;  // arrival in (ta, ta + h]
                const double size = law.mean + sign * law.stdev * r123::boxmuller(v.v[2], v.v[3]).x;
                for (int m = 1; m <= 12; ++m) {
                    const double tm = calendar_.time(k0 + m);
                    if (ScenarioCalendar::level(m) <= finest && s <= tm) jump[k0 + m] += size * std::exp(-law.kappa * (tm - s));
                }
            }
        }
    }
}

}  // namespace offtake
