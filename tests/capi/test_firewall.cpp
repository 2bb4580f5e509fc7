// The C API's exception firewall (src/capi/firewall.hpp): every kind of exception an
// entry point's body may throw becomes its documented status and a message, and none
// escapes. The C tests cannot provoke out-of-memory or internal errors on demand; here
// the body throws them directly.
#include "capi/firewall.hpp"

#include <offtake/errors.hpp>

#include <gtest/gtest.h>

#include <new>
#include <stdexcept>
#include <string>

namespace {

using offtake::capi::guarded;

std::string message() { return offtake_last_error(); }

TEST(CapiFirewall, SuccessClearsTheMessage) {
    guarded("f", [] { throw std::runtime_error("x"); });
    EXPECT_NE(message(), "");
    EXPECT_EQ(guarded("f", [] {}), OFFTAKE_OK);
    EXPECT_EQ(message(), "");
}

TEST(CapiFirewall, OutOfMemory) {
    EXPECT_EQ(guarded("offtake_f", [] { throw std::bad_alloc(); }), OFFTAKE_E_NOMEM);
    EXPECT_EQ(message(), "offtake_f: out of memory");
    EXPECT_EQ(guarded("offtake_f", [] { throw std::length_error("vector::reserve"); }), OFFTAKE_E_NOMEM);
}

TEST(CapiFirewall, DealErrorsListEveryProblemWithItsPlace) {
    const auto status = guarded("f", [] {
        throw offtake::DealError({offtake::Problem{"deal.yaml", 14, 12, "offtakes[0].pricing.floor", "floor above cap"},
                                  offtake::Problem{"deal.yaml", 20, 3, "debt.gearing", "must be in [0, 1]"}});
    });
    EXPECT_EQ(status, OFFTAKE_E_INVALID_DEAL);
    EXPECT_EQ(message(),
              "deal.yaml:14:12: offtakes[0].pricing.floor: floor above cap\n"
              "deal.yaml:20:3: debt.gearing: must be in [0, 1]");
}

TEST(CapiFirewall, UsageErrorsAreRangeErrors) {
    EXPECT_EQ(guarded("f", [] { throw offtake::UsageError("paths above the limit"); }), OFFTAKE_E_RANGE);
    EXPECT_EQ(message(), "f: paths above the limit");
}

TEST(CapiFirewall, AnythingElseIsInternalAndNamed) {
    EXPECT_EQ(guarded("f", [] { throw std::logic_error("broken invariant"); }), OFFTAKE_E_INTERNAL);
    EXPECT_EQ(message(), "f: internal error: broken invariant");
    EXPECT_EQ(guarded("f", [] { throw 42; }), OFFTAKE_E_INTERNAL);
    EXPECT_EQ(message(), "f: internal error of unknown type");
}

TEST(CapiFirewall, ChosenStatusAndMessage) {
    EXPECT_EQ(guarded("f", [] { offtake::capi::fail(OFFTAKE_E_BUFFER, "too small"); }), OFFTAKE_E_BUFFER);
    EXPECT_EQ(message(), "f: too small");
    int* p = nullptr;
    EXPECT_EQ(guarded("f", [&] { offtake::capi::require(p, "out"); }), OFFTAKE_E_MISUSE);
    EXPECT_EQ(message(), "f: out is NULL");
}

}  // namespace
