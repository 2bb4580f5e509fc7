// Net present value of dated flows with precomputed discount factors (conventions
// section 2). Flows at index t happen at grid date d_t.
#pragma once

namespace offtake::metrics {

inline double npv(const double* flows, const double* df, int first, int last) {
    double s = 0.0;
    for (int t = first; t <= last; ++t) s += flows[t] * df[t];
    return s;
}

}  // namespace offtake::metrics
