// Every bundled example runs deterministically and reconciles to the cent
// (issue 2: "the reconciliation holds for every bundled example").
#include <offtake/deal_file.hpp>
#include <offtake/deterministic.hpp>

#include <gtest/gtest.h>

#include <filesystem>

using namespace offtake;

TEST(BundledExamples, RunAndReconcileToTheCent) {
    int count = 0;
    for (const auto& entry :
         std::filesystem::recursive_directory_iterator(std::string(OFFTAKE_SOURCE_DIR) + "/examples")) {
        if (entry.path().extension() != ".yaml") continue;
        if (entry.path().stem().extension() == ".portfolio") continue;  // a portfolio, not a deal
        SCOPED_TRACE(entry.path().string());
        const Deal d = load_deal_file(entry.path().string());
        const DealReport rep = run_deterministic(d);
        const ReconciliationReport rec = reconcile(rep);
        for (const auto& c : rec.checks) EXPECT_TRUE(c.ok) << c.name << ": " << c.residual;
        EXPECT_TRUE(rec.ok);
        ++count;
    }
    EXPECT_GE(count, 3);
}
