// run_path must not allocate once its PathResult and PathScratch are sized (the Monte
// Carlo engine calls it ~100,000 times per run). This program replaces the global
// operator new to count allocations; it is its own test binary so that the counter
// cannot disturb other tests.
#include "../engine/deal_builder.hpp"

#include <offtake/engine.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

namespace {
std::atomic<long> g_allocations{0};
}

void* operator new(std::size_t n) {
    ++g_allocations;
    if (void* p = std::malloc(n ? n : 1)) return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return operator new(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
    ++g_allocations;
    return std::malloc(n ? n : 1);
}
void* operator new[](std::size_t n, const std::nothrow_t& tag) noexcept { return operator new(n, tag); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }

using namespace offtake;

TEST(RunPath, DoesNotAllocateOnceSized) {
    Deal d = test::minimal_deal(8);
    d.project.time.frequency = Frequency::Quarterly;
    d.project.construction_periods = 2;
    d.project.construction_capex = {1000, 1000};
    d.project.tax_rate = 0.3;
    d.offtakes.push_back(test::offtake_for("A", 4, Pricing::Type::Collar));
    d.offtakes[0].pricing.floor = 80;
    d.offtakes.push_back(test::offtake_for("B", 3, Pricing::Type::Fixed));
    d.offtakes[1].pricing.price = 90;
    Prepayment pp;
    pp.buyer = "A";
    pp.amount = 300;
    pp.rate = 0.05;
    pp.deduction_share = 0.3;
    d.prepayment = pp;
    d.equity = {{"S", 0.6}, {"A", 0.4}};
    SeniorDebt debt;
    debt.gearing = 0.6;
    debt.tenor_years = 5;
    debt.profile = SeniorDebt::Profile::Sculpted;
    debt.margin_bps = 300;
    d.debt = debt;
    const auto p = prepare(d);
    std::vector<double> prices = base_prices(*p);
    std::vector<int> defaults(2, grid(*p).periods() + 1);
    PathResult r;
    PathScratch s;
    PathSeries series;
    PathInputs in;
    in.price = prices.data();
    in.buyer_default_period = defaults.data();
    run_path(*p, in, r, s, &series);  // sizes everything
    const long before = g_allocations.load();
    for (int k = 0; k < 50; ++k) {
        for (double& x : prices) x *= (k % 2) ? 0.7 : 1.3;  // some paths lock up or default
        defaults[0] = 3 + k % 10;
        run_path(*p, in, r, s, &series);
    }
    EXPECT_EQ(g_allocations.load() - before, 0);
}
