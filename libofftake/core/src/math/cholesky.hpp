// Correlation between factor shocks: validation and the Cholesky factor that turns
// independent normals into correlated ones.
#pragma once

#include <vector>

namespace offtake {

// Cholesky factor L (row-major, lower) of a symmetric positive semi-definite n x n
// matrix A = L L^T. A zero pivot (a factor that is a combination of earlier ones) gives
// a zero column, which is how a PSD but singular matrix factors. Returns -1 on success,
// else the index k of the first pivot below -tol: the leading (k+1) x (k+1) block of A is
// not PSD.
int semidefinite_cholesky(const double* a, int n, double* l, double tol = 1e-10);

}  // namespace offtake
