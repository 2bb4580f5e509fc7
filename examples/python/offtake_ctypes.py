#!/usr/bin/env python3
"""libofftake from Python through ctypes (standard library only).

    python3 offtake_ctypes.py DEAL.yaml [PATHS [SEED]]

Does what examples/c/price_deal.c does, through the same C API, and prints the same
lines. The library is found through $OFFTAKE_LIBRARY (a path to libofftake.so.0), else
the system's loader path (ctypes.util.find_library("offtake")).

A small object layer shows how a binding keeps the C API's rules: every call's status is
checked and turned into an exception carrying offtake_last_error(); handles are freed
by their owner (context managers); borrowed pointers are copied before their owner goes.
"""
import ctypes
import ctypes.util
import os
import sys

# offtake_status values (offtake.h).
OK, E_ABSENT = 0, 11
STAT_MEAN, STAT_SD, STAT_STD_ERROR, STAT_P5, STAT_P10, STAT_P50, STAT_P90, STAT_P95 = range(8)
SIMULATION_OPTIONS_VERSION = 1

PROGRESS_FN = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_longlong,
                               ctypes.c_longlong)


class SimulationOptions(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint), ("paths", ctypes.c_longlong),
                ("seed", ctypes.c_ulonglong), ("threads", ctypes.c_int),
                ("measure", ctypes.c_int), ("antithetic", ctypes.c_int),
                ("progress", PROGRESS_FN), ("progress_user_data", ctypes.c_void_p)]


class Bankability(ctypes.Structure):
    _fields_ = [("score", ctypes.c_double), ("category", ctypes.c_char_p),
                ("risk_weight", ctypes.c_double), ("scorecard", ctypes.c_char_p),
                ("factor_count", ctypes.c_size_t)]


class BankabilityFactor(ctypes.Structure):
    _fields_ = [("id", ctypes.c_char_p), ("group", ctypes.c_char_p),
                ("label", ctypes.c_char_p), ("has_value", ctypes.c_int),
                ("value", ctypes.c_double), ("sub_score", ctypes.c_double),
                ("weight", ctypes.c_double), ("contribution", ctypes.c_double)]


class OfftakeError(Exception):
    def __init__(self, function, status, message):
        super().__init__(f"{function}: {status}: {message}")
        self.status = status


def load_library():
    path = os.environ.get("OFFTAKE_LIBRARY") or ctypes.util.find_library("offtake")
    if not path:
        sys.exit("offtake_ctypes: libofftake not found (set OFFTAKE_LIBRARY)")
    lib = ctypes.CDLL(path)
    P = ctypes.POINTER
    handle = ctypes.c_void_p
    signatures = {
        "offtake_version_string": (ctypes.c_char_p, []),
        "offtake_last_error": (ctypes.c_char_p, []),
        "offtake_status_name": (ctypes.c_char_p, [ctypes.c_int]),
        "offtake_deal_load_file": (ctypes.c_int, [P(handle), ctypes.c_char_p]),
        "offtake_deal_free": (None, [handle]),
        "offtake_run_deterministic": (ctypes.c_int, [P(handle), handle]),
        "offtake_simulation_options_init": (ctypes.c_int, [P(SimulationOptions), ctypes.c_uint]),
        "offtake_simulate": (ctypes.c_int, [P(handle), handle, P(SimulationOptions)]),
        "offtake_result_free": (None, [handle]),
        "offtake_result_stat": (ctypes.c_int, [P(ctypes.c_double), handle, ctypes.c_char_p,
                                               ctypes.c_int]),
        "offtake_result_bankability": (ctypes.c_int, [P(Bankability), handle]),
        "offtake_result_bankability_factor": (ctypes.c_int, [P(BankabilityFactor), handle,
                                                             ctypes.c_size_t]),
        "offtake_result_json": (ctypes.c_int, [P(ctypes.c_char_p), P(ctypes.c_size_t), handle]),
    }
    for name, (restype, argtypes) in signatures.items():
        function = getattr(lib, name)
        function.restype = restype
        function.argtypes = argtypes
    return lib


LIB = load_library()


def check(function, status):
    if status != OK:
        raise OfftakeError(function, LIB.offtake_status_name(status).decode(),
                           LIB.offtake_last_error().decode())


class Result:
    """A result handle owned by Python; freed on close()."""

    def __init__(self, handle):
        self._handle = handle

    def close(self):
        if self._handle:
            LIB.offtake_result_free(self._handle)
            self._handle = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def stat(self, metric, stat=STAT_MEAN):
        """The statistic, or None when it is absent (JSON null)."""
        value = ctypes.c_double()
        status = LIB.offtake_result_stat(ctypes.byref(value), self._handle, metric.encode(), stat)
        if status == E_ABSENT:
            return None
        check("offtake_result_stat", status)
        return value.value

    def bankability(self):
        b = Bankability()
        check("offtake_result_bankability", LIB.offtake_result_bankability(ctypes.byref(b), self._handle))
        factors = []
        for i in range(b.factor_count):
            f = BankabilityFactor()
            check("offtake_result_bankability_factor",
                  LIB.offtake_result_bankability_factor(ctypes.byref(f), self._handle, i))
            factors.append((f.id.decode(), f.value if f.has_value else None, f.sub_score,
                            f.weight, f.contribution))
        # Strings are borrowed from the result: decoded (copied) here, before it is freed.
        return {"score": b.score, "category": b.category.decode(),
                "risk_weight": b.risk_weight, "factors": factors}

    def json(self):
        text, length = ctypes.c_char_p(), ctypes.c_size_t()
        check("offtake_result_json",
              LIB.offtake_result_json(ctypes.byref(text), ctypes.byref(length), self._handle))
        return ctypes.string_at(text, length.value).decode()


class Deal:
    """A deal handle owned by Python; freed on close()."""

    def __init__(self, path):
        self._handle = ctypes.c_void_p()
        check("offtake_deal_load_file",
              LIB.offtake_deal_load_file(ctypes.byref(self._handle), os.fsencode(path)))

    def close(self):
        if self._handle:
            LIB.offtake_deal_free(self._handle)
            self._handle = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def run_deterministic(self):
        out = ctypes.c_void_p()
        check("offtake_run_deterministic", LIB.offtake_run_deterministic(ctypes.byref(out), self._handle))
        return Result(out)

    def simulate(self, paths=0, seed=0, threads=0, progress=None):
        options = SimulationOptions()
        check("offtake_simulation_options_init",
              LIB.offtake_simulation_options_init(ctypes.byref(options), SIMULATION_OPTIONS_VERSION))
        options.paths, options.seed, options.threads = paths, seed, threads
        if progress is not None:
            # Kept referenced until the call returns: ctypes frees the thunk with it.
            options.progress = PROGRESS_FN(lambda _user, done, total: 1 if progress(done, total) else 0)
        out = ctypes.c_void_p()
        check("offtake_simulate", LIB.offtake_simulate(ctypes.byref(out), self._handle, ctypes.byref(options)))
        return Result(out)


def fmt(value):
    # The C example prints "%.10g"; Python's %-formatting is the same conversion.
    return "null" if value is None else "%.10g" % value


def main(argv):
    if len(argv) < 2:
        print("usage: offtake_ctypes.py DEAL.yaml [PATHS [SEED]]", file=sys.stderr)
        return 2
    paths = int(argv[2]) if len(argv) > 2 else 2000
    seed = int(argv[3]) if len(argv) > 3 else 0
    print(f"libofftake {LIB.offtake_version_string().decode()}")
    with Deal(argv[1]) as deal:
        with deal.run_deterministic() as base:
            print("base.npv", fmt(base.stat("npv")))
            print("base.irr", fmt(base.stat("irr")))
            print("base.dscr_min", fmt(base.stat("dscr_min")))
        with deal.simulate(paths=paths, seed=seed, threads=2) as mc:
            print("mc.npv.mean", fmt(mc.stat("npv")))
            print("mc.npv.p10", fmt(mc.stat("npv", STAT_P10)))
            print("mc.dscr_min.p50", fmt(mc.stat("dscr_min", STAT_P50)))
            print("mc.p_default", fmt(mc.stat("p_default")))
            print("mc.p_default.std_error", fmt(mc.stat("p_default", STAT_STD_ERROR)))
            b = mc.bankability()
            print("bankability.score", fmt(b["score"]))
            print("bankability.category", b["category"])
            print("bankability.risk_weight", fmt(b["risk_weight"]))
            for factor_id, value, sub_score, weight, contribution in b["factors"]:
                print("bankability.factor", factor_id, fmt(value), fmt(sub_score), fmt(weight),
                      fmt(contribution))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
