// libFuzzer target for the deal-file loader. Any input must give either a Deal or a
// list of problems, never a crash, hang or sanitizer report. Beyond not crashing:
// - a deal that loads must survive DealDocument's to_yaml() and load again, and
// - every problem must carry the source name.
#include <offtake/deal_file.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const auto problems = offtake::validate_deal_string(text, "fuzz.yaml");
    for (const auto& p : problems)
        if (p.file != "fuzz.yaml" || p.rule.empty()) std::abort();
    if (!problems.empty()) return 0;

    offtake::Deal deal = offtake::load_deal_string(text, "fuzz.yaml");
    offtake::DealDocument doc = offtake::DealDocument::from_string(text, "fuzz.yaml");
    const std::string again = doc.to_yaml();
    if (!offtake::validate_deal_string(again, "again.yaml").empty()) std::abort();
    offtake::Deal reloaded = offtake::load_deal_string(again, "fuzz.yaml");
    if (reloaded.offtakes.size() != deal.offtakes.size() ||
        reloaded.project.production_tpa != deal.project.production_tpa)
        std::abort();
    // A few edits through parameter paths: they may be refused, never crash.
    try {
        doc.set_number("debt.margin_bps", 250);
        doc.set_number("offtakes[0].pricing.floor", 1000);
    } catch (const offtake::DealError&) {
    }
    return 0;
}
