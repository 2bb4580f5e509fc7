// The sample-average problem as a GLPK model (docs/portfolio.md section 5d).
//
// Columns: y_c per candidate (its scale is a_c + b_c y_c); per path s and cell i the
// spot top-up g and, where needed, binaries. On a path the cell's delivered tonnes are
// D = D0 + sum_c e_c y_c (e_c >= 0), so over the candidates' bounds D lies in
// [D_lo, D_hi], known before solving; each path-cell gets only the columns its range needs:
//
//   spot top-up S = min(max(N - D, 0), sN) (s = spot.max_share), cost P(1 + premium) S:
//     D_lo >= N: S = 0.  D_hi <= (1 - s)N: S = sN, a constant.
//     (1 - s)N <= D_lo: S = max(N - D, 0), convex: g >= N - D, g >= 0 (minimised, so equal).
//     otherwise the cap may bind (the cost is then non-convex in D, hence a binary w):
//       the disjunction w = 1 (D <= (1 - s)N, S = sN) or w = 0 (D >= (1 - s)N,
//       S >= N - D) as its convex hull (Balas): D = D0 + D1, D1 in [D_lo, (1 - s)N] w,
//       D0 in [(1 - s)N, D_hi] (1 - w), S >= sN w + N(1 - w) - D0, S >= sN w.
//   unmet U = max((1 - s)N - D, 0); short: U > xN, i.e. D < T = (1 - s - x)N:
//     P(shortfall) <= p: D_lo >= T never short; D_hi < T always short; else
//       D + M b >= T, b binary, M = T - D_lo; sum_s b <= floor(p n) - always (per cell or
//       over all cells, p n K).
//     CVaR 95 % <= L (Rockafellar and Uryasev 2000): t + 1 / (0.05 n) sum_s z_s <= L,
//       z_s >= U_s - t, z_s >= 0, U as u >= (1 - s)N - D, u >= 0 (U sits on the
//       small side of every row, so u = U is always possible).
// Rows are divided by the need N so that every coefficient is of order one.
#include "portfolio/sample_average.hpp"

#include <offtake/errors.hpp>

#include <glpk.h>

#include <fmt/format.h>

#include <chrono>
#include <algorithm>
#include <cmath>
#include <memory>

namespace offtake::portfolio {

namespace {

// A sparse row: column indices and values, then bounds.
struct Row {
    std::vector<int> cols;
    std::vector<double> vals;
    int type = GLP_LO;
    double lo = 0.0, hi = 0.0;
};

// What a column stands for, so that a choice of volumes can be written as a whole
// solution (the starting incumbent of the branch and bound).
enum class Role { Volume, Spot, CapBinds, CapTonnes, Short, CvarT, CvarZ, Unmet, PathZ };
struct ColumnRole {
    Role role = Role::Volume;
    std::size_t s = 0, i = 0;  // path, cell (or the candidate for Volume, the group for CvarT)
};

class Model {
  public:
    Model() : prob_(glp_create_prob(), glp_delete_prob) { glp_set_obj_dir(prob_.get(), GLP_MIN); }
    int column(int kind, int bound, double lo, double hi, double cost, ColumnRole role) {
        roles.push_back(role);
        const int j = glp_add_cols(prob_.get(), 1);
        glp_set_col_kind(prob_.get(), j, kind);
        glp_set_col_bnds(prob_.get(), j, bound, lo, hi);
        glp_set_obj_coef(prob_.get(), j, cost);
        if (kind == GLP_BV) ++binaries;
        if (kind == GLP_IV) ++integers;
        return j;
    }
    void add(Row r) { rows_.push_back(std::move(r)); }
    void constant(double c) { constant_ += c; }
    glp_prob* finish() {
        std::vector<int> ia{0}, ja{0};
        std::vector<double> ar{0.0};
        const int first = glp_add_rows(prob_.get(), static_cast<int>(rows_.size()));
        for (std::size_t r = 0; r < rows_.size(); ++r) {
            const int i = first + static_cast<int>(r);
            glp_set_row_bnds(prob_.get(), i, rows_[r].type, rows_[r].lo, rows_[r].hi);
            for (std::size_t k = 0; k < rows_[r].cols.size(); ++k) {
                ia.push_back(i);
                ja.push_back(rows_[r].cols[k]);
                ar.push_back(rows_[r].vals[k]);
            }
        }
        glp_load_matrix(prob_.get(), static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
        glp_set_obj_coef(prob_.get(), 0, constant_);
        return prob_.get();
    }
    std::size_t rows() const { return rows_.size(); }
    int binaries = 0, integers = 0;
    std::vector<ColumnRole> roles;  // [j - 1]

  private:
    std::unique_ptr<glp_prob, void (*)(glp_prob*)> prob_;
    std::vector<Row> rows_;
    double constant_ = 0.0;
};

// A feasible choice of volumes by a plain search: from every candidate at its largest
// volume (feasible: checked before solving), each candidate in turn moves to the cheapest
// value that keeps the constraint, over its whole steps or 50 points of its range, until
// no move helps.
std::vector<double> incumbent_volumes(const SampleProblem& p) {
    std::vector<double> y = p.hi;
    auto scales = [&](const std::vector<double>& v) {
        std::vector<double> sc(p.candidates);
        for (std::size_t c = 0; c < p.candidates; ++c) sc[c] = p.scale(c, v[c]);
        return sc;
    };
    auto cost_of = [&](const std::vector<double>& v) {
        const SampleEvaluation e = evaluate(p, scales(v));
        return meets_constraint(p, e) ? e.cost_total : HUGE_VAL;
    };
    double best = cost_of(y);
    for (int round = 0; round < 10; ++round) {
        bool moved = false;
        for (std::size_t c = 0; c < p.candidates; ++c) {
            const double span = p.hi[c] - p.lo[c];
            const int steps = p.integer[c] ? static_cast<int>(std::lround(span)) : 50;
            for (int k = 0; k <= steps; ++k) {
                std::vector<double> v = y;
                v[c] = p.integer[c] ? p.lo[c] + k : p.lo[c] + span * k / std::max(steps, 1);
                const double cost = cost_of(v);
                if (cost < best - 1e-9 * std::fabs(best)) {
                    best = cost;
                    y = v;
                    moved = true;
                }
            }
        }
        if (!moved) break;
    }
    return y;
}

// Every column's value at volumes `y` (1-based, as GLPK reads it): the spot top-ups, the
// binaries and the CVaR columns follow from the tonnes of each path and cell.
std::vector<double> solution_of(const SampleProblem& p, const std::vector<ColumnRole>& roles,
                                const std::vector<double>& y) {
    const std::size_t n = p.paths, K = p.cells, m = p.candidates;
    std::vector<double> D(n * K), U(n * K, 0.0), S(n * K, 0.0), path_unmet(n, 0.0);
    for (std::size_t s = 0; s < n; ++s)
        for (std::size_t i = 0; i < K; ++i) {
            const std::size_t at = s * K + i;
            double d = p.base_delivered[at];
            for (std::size_t c = 0; c < m; ++c) d += p.scale(c, y[c]) * p.delivered[at * m + c];
            D[at] = d;
            const double N = p.need[i];
            S[at] = std::min(std::max(N - d, 0.0), p.sigma(at) * N);
            U[at] = std::max((1.0 - p.sigma(at)) * N - d, 0.0);
            path_unmet[s] += U[at];
        }
    // The 95 % quantile of n values: the RU minimum is reached there.
    auto var95 = [&](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        const auto k = static_cast<std::size_t>(std::ceil(0.95 * static_cast<double>(v.size())));
        return v[std::min(v.size(), std::max<std::size_t>(k, 1)) - 1];
    };
    std::vector<double> t_cell(K, 0.0);
    for (std::size_t i = 0; i < K; ++i) {
        std::vector<double> v(n);
        for (std::size_t s = 0; s < n; ++s) v[s] = U[s * K + i];
        t_cell[i] = var95(v);
    }
    const double t_all = var95(path_unmet);
    const bool each = p.spec.over == OptimiseScope::EachYear;
    std::vector<double> x(roles.size() + 1, 0.0);
    for (std::size_t j = 0; j < roles.size(); ++j) {
        const ColumnRole& r = roles[j];
        const std::size_t at = r.s * K + r.i;
        double v = 0.0;
        switch (r.role) {
            case Role::Volume: v = y[r.i]; break;
            case Role::Spot: v = S[at] / p.need[r.i]; break;
            case Role::CapBinds: v = D[at] < (1.0 - p.sigma(at)) * p.need[r.i] ? 1.0 : 0.0; break;
            case Role::CapTonnes: v = D[at] < (1.0 - p.sigma(at)) * p.need[r.i] ? D[at] / p.need[r.i] : 0.0; break;
            case Role::Short: v = D[at] < (1.0 - p.sigma(at) - p.threshold) * p.need[r.i] ? 1.0 : 0.0; break;
            case Role::CvarT: v = each ? t_cell[r.i] : t_all; break;
            case Role::CvarZ: v = std::max(U[at] - t_cell[r.i], 0.0); break;
            case Role::Unmet: v = U[at]; break;
            case Role::PathZ: v = std::max(path_unmet[r.s] - t_all, 0.0); break;
        }
        x[j + 1] = v;
    }
    return x;
}

}  // namespace

std::string glpk_version() { return glp_version(); }

SolveOutcome solve_with_glpk(const SampleProblem& p) {
    const auto started = std::chrono::steady_clock::now();
    const std::size_t n = p.paths, K = p.cells, m = p.candidates;
    const double nd = static_cast<double>(n);
    Model model;
    std::vector<int> y(m);
    for (std::size_t c = 0; c < m; ++c) {
        double cost = 0.0;  // (1 / n) sum over paths and cells of the invoices per unit of y
        for (std::size_t at = 0; at < n * K; ++at) cost += p.invoiced[at * m + c] * p.b[c] / nd;
        const bool fixed = !(p.hi[c] > p.lo[c]);
        y[c] = model.column(p.integer[c] ? GLP_IV : GLP_CV, fixed ? GLP_FX : GLP_DB, p.lo[c], p.hi[c], cost,
                            {Role::Volume, 0, c});
    }
    const bool pshort = p.spec.measure == OptimiseMeasure::PShortfall;
    const bool each = p.spec.over == OptimiseScope::EachYear;
    // Per cell (each_year) or one group (all_years): the shortfall binaries and the
    // count of paths short whatever the volumes; or the CVaR columns.
    const std::size_t groups = each ? K : 1;
    std::vector<Row> count_rows(groups);
    std::vector<double> always(groups, 0.0);
    std::vector<int> t_col(groups, 0);
    std::vector<Row> cvar_rows(groups);
    if (!pshort)
        for (std::size_t g = 0; g < groups; ++g) {
            t_col[g] = model.column(GLP_CV, GLP_FR, 0.0, 0.0, 0.0, {Role::CvarT, 0, g});
            cvar_rows[g].cols.push_back(t_col[g]);
            cvar_rows[g].vals.push_back(1.0);
        }
    // all_years CVaR: per path, z_s + t - sum_i u_si >= 0.
    std::vector<Row> path_rows;

    for (std::size_t s = 0; s < n; ++s) {
        Row path_row;
        if (!pshort && !each) {
            const int z = model.column(GLP_CV, GLP_LO, 0.0, 0.0, 0.0, {Role::PathZ, s, 0});
            path_row.cols = {z, t_col[0]};
            path_row.vals = {1.0, 1.0};
            cvar_rows[0].cols.push_back(z);
            cvar_rows[0].vals.push_back(1.0 / (0.05 * nd));
        }
        for (std::size_t i = 0; i < K; ++i) {
            const std::size_t at = s * K + i;
            double d0 = p.base_delivered[at];
            model.constant(p.base_invoiced[at] / nd);
            std::vector<double> e(m);
            for (std::size_t c = 0; c < m; ++c) {
                d0 += p.delivered[at * m + c] * p.a[c];
                model.constant(p.invoiced[at * m + c] * p.a[c] / nd);
                e[c] = p.delivered[at * m + c] * p.b[c];
            }
            double dlo = d0, dhi = d0;
            for (std::size_t c = 0; c < m; ++c) {
                dlo += e[c] * p.lo[c];
                dhi += e[c] * p.hi[c];
            }
            const double N = p.need[i];
            const double sigma = p.sigma(at);
            if (!(N > 0.0)) continue;  // nothing needed: no spot, never short
            // D as a row's columns, divided by N.
            auto with_d = [&](Row r) {
                for (std::size_t c = 0; c < m; ++c)
                    if (e[c] != 0.0) {
                        r.cols.push_back(y[c]);
                        r.vals.push_back(e[c] / N);
                    }
                return r;
            };
            // The spot top-up's cost.
            int spot_binary = 0;
            if (sigma > 0.0 && dlo < N) {
                if (!p.has_index[at])
                    throw UsageError(fmt::format("the optimiser cannot price spot top-ups of {}: no position's deal "
                                                 "of the product has days in that year to give its index",
                                                 p.cell_names[i]));
                const double price = p.index[at] * (1.0 + p.premium);
                if (dhi <= (1.0 - sigma) * N) {
                    model.constant(sigma * N * price / nd);
                } else if (price > 0.0) {
                    const int g = model.column(GLP_CV, GLP_LO, 0.0, 0.0, price * N / nd, {Role::Spot, s, i});  // in N
                    const double cap = (1.0 - sigma) * N;
                    if (dlo >= cap) {
                        model.add(with_d(Row{{g}, {1.0}, GLP_LO, 1.0 - d0 / N, 0.0}));  // g >= (N - D) / N
                    } else {
                        // The disjunction "cap binds (w = 1, D in [D_lo, cap], S = sN)" or
                        // "it does not (w = 0, D in [cap, D_hi], S >= N - D)" as its convex
                        // hull (Balas): D = D0 + D1, D1 the tonnes when it binds (v, in N),
                        // so the LP relaxation prices each path-cell at the convex envelope
                        // of the spot cost, not below it.
                        const int w = model.column(GLP_BV, GLP_DB, 0.0, 1.0, 0.0, {Role::CapBinds, s, i});
                        const int v = model.column(GLP_CV, GLP_LO, 0.0, 0.0, 0.0, {Role::CapTonnes, s, i});
                        model.add(Row{{v, w}, {1.0, -dlo / N}, GLP_LO, 0.0, 0.0});
                        model.add(Row{{v, w}, {1.0, -cap / N}, GLP_UP, 0.0, 0.0});
                        model.add(with_d(Row{{v, w}, {-1.0, cap / N}, GLP_LO, (cap - d0) / N, 0.0}));
                        model.add(with_d(Row{{v, w}, {-1.0, dhi / N}, GLP_UP, 0.0, (dhi - d0) / N}));
                        model.add(with_d(Row{{g, v, w}, {1.0, -1.0, 1.0 - sigma}, GLP_LO, 1.0 - d0 / N, 0.0}));
                        model.add(Row{{g, w}, {1.0, -sigma}, GLP_LO, 0.0, 0.0});
                        spot_binary = w;
                    }
                }
            }
            const double floor_tonnes = (1.0 - sigma) * N;  // U = max(floor_tonnes - D, 0)
            if (pshort) {
                const double T = (1.0 - sigma - p.threshold) * N;
                Row& count = count_rows[each ? i : 0];
                if (dlo >= T) continue;
                if (dhi < T) {
                    always[each ? i : 0] += 1.0;
                    continue;
                }
                // With x = 0, "short" is "the spot cap binds" (to 1e-9 of need): one binary.
                const int b = spot_binary && p.threshold <= 1e-9
                                  ? spot_binary
                                  : model.column(GLP_BV, GLP_DB, 0.0, 1.0, 0.0, {Role::Short, s, i});
                Row r = with_d(Row{{b}, {(T - dlo) / N}, GLP_LO, (T - d0) / N, 0.0});
                model.add(std::move(r));
                count.cols.push_back(b);
                count.vals.push_back(1.0);
            } else if (each) {
                // z_si + t_i >= U_si: z + t >= 0 and z + t + D >= floor (rows in tonnes / N).
                const int z = model.column(GLP_CV, GLP_LO, 0.0, 0.0, 0.0, {Role::CvarZ, s, i});
                cvar_rows[i].cols.push_back(z);
                cvar_rows[i].vals.push_back(1.0 / (0.05 * nd));
                model.add(Row{{z, t_col[i]}, {1.0, 1.0}, GLP_LO, 0.0, 0.0});
                if (dlo < floor_tonnes)
                    model.add(with_d(Row{{z, t_col[i]}, {1.0 / N, 1.0 / N}, GLP_LO, (floor_tonnes - d0) / N, 0.0}));
            } else if (dlo < floor_tonnes) {
                const int u = model.column(GLP_CV, GLP_LO, 0.0, 0.0, 0.0, {Role::Unmet, s, i});
                model.add(with_d(Row{{u}, {1.0 / N}, GLP_LO, (floor_tonnes - d0) / N, 0.0}));
                path_row.cols.push_back(u);
                path_row.vals.push_back(-1.0);
            }
        }
        if (!pshort && !each) {
            path_row.type = GLP_LO;
            model.add(std::move(path_row));
        }
    }
    if (pshort) {
        const double allowed = std::floor(p.spec.max * nd * (each ? 1.0 : static_cast<double>(K)) + 1e-9);
        for (std::size_t g = 0; g < groups; ++g) {
            Row r = std::move(count_rows[g]);
            r.type = GLP_UP;
            r.hi = allowed - always[g];
            // A group without binaries holds or fails on its constants alone.
            if (r.cols.empty()) {
                if (r.hi < 0.0) {
                    SolveOutcome out;
                    out.status = SolveStatus::Infeasible;
                    out.message = "short on too many paths whatever the volumes";
                    return out;
                }
                continue;
            }
            model.add(std::move(r));
        }
    } else {
        for (std::size_t g = 0; g < groups; ++g) {
            Row r = std::move(cvar_rows[g]);
            r.type = GLP_UP;
            r.hi = p.spec.max;
            model.add(std::move(r));
        }
    }

    SolveOutcome out;
    out.rows = static_cast<int>(model.rows());
    out.binaries = model.binaries;
    out.integers = model.integers;
    glp_prob* lp = model.finish();
    // GLPK's presolver prints whatever msg_lev says; its terminal switch belongs to the
    // calling thread's GLPK environment, and is put back as it was.
    struct Quiet {
        int before = glp_term_out(GLP_OFF);
        ~Quiet() { glp_term_out(before); }
    } quiet;
    out.columns = glp_get_num_cols(lp);
    out.mip = out.binaries + out.integers > 0;
    const int limit_ms = static_cast<int>(std::lround(p.spec.time_limit_s * 1000.0));
    auto done = [&] {
        out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        return out;
    };
    if (!out.mip) {
        glp_smcp parm;
        glp_init_smcp(&parm);
        parm.msg_lev = GLP_MSG_OFF;
        parm.presolve = GLP_ON;
        parm.tm_lim = limit_ms;
        const int ret = glp_simplex(lp, &parm);
        const int status = ret == 0 ? glp_get_status(lp) : 0;
        if (ret == GLP_ENOPFS || status == GLP_NOFEAS || status == GLP_INFEAS) {
            out.status = SolveStatus::Infeasible;
            return done();
        }
        if (ret != 0 || status != GLP_OPT) {
            out.status = SolveStatus::Failed;
            out.message = fmt::format("GLPK simplex returned {} (status {})", ret, status);
            return done();
        }
        out.status = SolveStatus::Optimal;
        out.objective = glp_get_obj_val(lp);
        for (std::size_t c = 0; c < m; ++c) out.y.push_back(glp_get_col_prim(lp, y[c]));
        return done();
    }
    // The branch and bound starts from a feasible choice found by a plain search of the
    // volumes (evaluated from the formulas, sample_average.cpp): without one, GLPK may
    // not find any feasible point in its time (thousands of binaries, weak big-M bounds).
    // A start of its own needs the original problem in the tree: no MIP presolver, so
    // the LP relaxation is solved first.
    const std::vector<double> start = incumbent_volumes(p);
    std::vector<double> x = solution_of(p, model.roles, start);
    glp_smcp lp_parm;
    glp_init_smcp(&lp_parm);
    lp_parm.msg_lev = GLP_MSG_OFF;
    lp_parm.tm_lim = limit_ms;
    const int lp_ret = glp_simplex(lp, &lp_parm);
    if (lp_ret != 0 || glp_get_status(lp) != GLP_OPT) {
        if (glp_get_status(lp) == GLP_NOFEAS) {
            out.status = SolveStatus::Infeasible;
            return done();
        }
        out.status = SolveStatus::Failed;
        out.message = fmt::format("GLPK simplex on the LP relaxation returned {} (status {})", lp_ret,
                                  glp_get_status(lp));
        return done();
    }
    struct Start {
        std::vector<double>* x;
        bool given = false;
    } begin{&x};
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_OFF;
    parm.tm_lim = limit_ms;
    parm.cb_info = &begin;
    parm.cb_func = [](glp_tree* tree, void* info) {
        auto* b = static_cast<Start*>(info);
        if (glp_ios_reason(tree) == GLP_IHEUR && !b->given) {
            b->given = true;
            glp_ios_heur_sol(tree, b->x->data());
        }
    };
    const int ret = glp_intopt(lp, &parm);
    const int status = glp_mip_status(lp);
    if (status == GLP_NOFEAS) {
        out.status = SolveStatus::Infeasible;
        return done();
    }
    if (status != GLP_OPT && status != GLP_FEAS) {
        out.status = SolveStatus::Failed;
        out.message = ret == GLP_ETMLIM ? fmt::format("no feasible choice found within the time limit ({} s)",
                                                      p.spec.time_limit_s)
                                        : fmt::format("GLPK branch and cut returned {} (status {})", ret, status);
        return done();
    }
    out.status = status == GLP_OPT ? SolveStatus::Optimal : SolveStatus::Feasible;
    out.objective = glp_mip_obj_val(lp);
    for (std::size_t c = 0; c < m; ++c) {
        const double v = glp_mip_col_val(lp, y[c]);
        out.y.push_back(p.integer[c] ? std::round(v) : v);
    }
    return done();
}

}  // namespace offtake::portfolio
