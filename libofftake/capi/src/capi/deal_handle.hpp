// The deal handle: an editable deal document behind a lock. yaml-cpp trees may not be
// read from two threads at once, so every access to the document takes the lock; a run
// holds it only while it turns the document into a plain Deal, then runs unlocked.
#pragma once

#include <offtake/deal.hpp>
#include <offtake/deal_file.hpp>
#include <offtake/offtake.h>

#include <mutex>
#include <string>

struct offtake_deal {
    explicit offtake_deal(offtake::DealDocument d) : document(std::move(d)) {}
    mutable std::mutex mutex;
    offtake::DealDocument document;
};

struct offtake_problems {
    std::vector<offtake::Problem> problems;
};

namespace offtake::capi {

// The live deal behind `handle`, or OFFTAKE_E_MISUSE.
const offtake_deal& live_deal(const offtake_deal* handle, const char* argument);
offtake_deal& live_deal(offtake_deal* handle, const char* argument);

// A snapshot of the deal as plain data (throws DealError when it breaks a rule).
Deal deal_snapshot(const offtake_deal& deal);

}  // namespace offtake::capi
