#include "math/cholesky.hpp"

#include <cmath>

namespace offtake {

int semidefinite_cholesky(const double* a, int n, double* l, double tol) {
    for (int i = 0; i < n * n; ++i) l[i] = 0.0;
    for (int j = 0; j < n; ++j) {
        double d = a[j * n + j];
        for (int k = 0; k < j; ++k) d -= l[j * n + k] * l[j * n + k];
        if (d < -tol) return j;
        if (d <= tol) {
            // Singular direction: the column must vanish, which requires the remaining
            // entries of this column to be explained by earlier columns already.
            for (int i = j + 1; i < n; ++i) {
                double s = a[i * n + j];
                for (int k = 0; k < j; ++k) s -= l[i * n + k] * l[j * n + k];
                if (std::fabs(s) > 1e-7) return i > j ? i : j;
            }
            continue;
        }
        const double ljj = std::sqrt(d);
        l[j * n + j] = ljj;
        for (int i = j + 1; i < n; ++i) {
            double s = a[i * n + j];
            for (int k = 0; k < j; ++k) s -= l[i * n + k] * l[j * n + k];
            l[i * n + j] = s / ljj;
        }
    }
    return -1;
}

}  // namespace offtake
