#!/usr/bin/env python3
"""Reads the Excel workbooks of `offtake` back with openpyxl and checks them against the
JSON of the same run (docs/reports.md, "How the tests check a workbook"):

- every number of the Summary, Bands, Buyers, Bankability and Tornado sheets equals the
  JSON document of the same run (same seed and paths), found by the key each sheet
  writes beside its numbers; every cell of the Schedule sheet equals the schedule CSV
  (`offtake schedule`, every waterfall line);
- every formula (revenue, EBITDA, CFADS, DSCR, totals, factor contributions, the score,
  tornado swings) recomputes, from the cells it names, to the value cached with it;
- the header rows are frozen and the native charts are in the file.

Tolerance: libxlsxwriter writes numbers with 16 significant digits (%.16G), one short of
the 17 a double needs to round-trip, so a number read back may differ from the JSON by
one unit in the 16th digit: relative 1e-15. A recomputed formula also carries the
rounding of its inputs: relative 1e-12 of the sum of its terms' magnitudes.

Usage: xlsx_report_test.py --offtake PATH --source REPO_ROOT
Exits 77 (ctest SKIP_RETURN_CODE) when python3-openpyxl is not installed.
"""
import argparse
import csv
import datetime
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile

SKIP = 77
try:
    import openpyxl
except ImportError:
    openpyxl = None

FAILURES = []


def fail(message):
    FAILURES.append(message)


def offtake(args, *command):
    proc = subprocess.run([args.offtake, *command], capture_output=True, text=True, cwd=args.source, timeout=120)
    if proc.returncode != 0:
        raise AssertionError(f"offtake {' '.join(command)}: exit {proc.returncode}\n{proc.stderr}")
    return proc.stdout


def lookup(doc, path):
    value = doc
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        value = value[int(part[1:-1])] if part.startswith("[") else value[part]
    return value


def same(a, b, where):
    if isinstance(b, bool):
        b = 1.0 if b else 0.0
    if a is None or b is None:
        if a is not None or b is not None:
            fail(f"{where}: workbook {a!r}, expected {b!r}")
        return
    if abs(float(a) - float(b)) > 1e-15 * max(abs(float(a)), abs(float(b))):
        fail(f"{where}: workbook {a!r}, expected {b!r}")


def as_date(v):
    return v.date().isoformat() if isinstance(v, datetime.datetime) else v


# --- Formulas: the small language the workbook uses ---------------------------------

REF = r"\$?([A-Z]+)\$?(\d+)"


def col_index(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def evaluate(formula, values):
    """`values` is the data-only sheet. Returns (value, scale): scale is the sum of the
    magnitudes of the terms, for the tolerance."""
    f = formula.lstrip("=")
    m = re.fullmatch(r"SUM\(" + REF + ":" + REF + r"\)", f)
    if m:
        c0, r0, c1, r1 = col_index(m.group(1)), int(m.group(2)), col_index(m.group(3)), int(m.group(4))
        terms = [values.cell(row=r, column=c).value for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)]
        terms = [t for t in terms if isinstance(t, (int, float))]
        return sum(terms), sum(abs(t) for t in terms)

    def ref_value(m):
        v = values.cell(row=int(m.group(2)), column=col_index(m.group(1))).value
        return repr(float(v if v is not None else 0.0))

    expression = re.sub(REF, ref_value, f)
    if not re.fullmatch(r"[-+*/() 0-9.e]+", expression):
        raise AssertionError(f"unexpected formula {formula}")
    numbers = [abs(float(x)) for x in re.findall(r"-?\d+\.?\d*(?:e[-+]?\d+)?", expression)]
    value = eval(expression)  # only numbers and + - * / ( ) remain
    return value, max(numbers + [abs(value)])


def check_formulas(sheet_formulas, sheet_values, name):
    count = 0
    for row in sheet_formulas.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cached = sheet_values[cell.coordinate].value
                value, scale = evaluate(cell.value, sheet_values)
                if cached is None or abs(value - cached) > 1e-12 * max(scale, 1.0):
                    fail(f"{name}!{cell.coordinate} {cell.value}: recomputes to {value}, cached {cached}")
                count += 1
    return count


# --- The run workbook ---------------------------------------------------------------

def key_row_columns(ws, row):
    return {ws.cell(row=row, column=c).value: c for c in range(1, ws.max_column + 1)
            if ws.cell(row=row, column=c).value}


def check_run(args, workdir, deal, extra):
    path = os.path.join(workdir, os.path.basename(deal) + ".xlsx")
    offtake(args, "run", deal, *extra, "--threads", "2", "--format", "xlsx", "--out", path)
    doc = json.loads(offtake(args, "run", deal, *extra, "--threads", "2", "--format", "json"))
    schedule = list(csv.reader(io.StringIO(offtake(args, "schedule", deal))))
    numbers, checked = check_run_sheets(path, doc, schedule)
    print(f"{deal}: {numbers} numbers and {checked} formulas checked")


def check_run_sheets(path, doc, schedule):
    """The sheets of a run's workbook against its Monte Carlo (or deterministic) document
    `doc`; the Schedule sheet against `schedule` (None: no Schedule sheet)."""
    mc = doc["kind"] == "monte_carlo"
    base = (doc.get("base_case") or {}) if mc else doc
    formulas = openpyxl.load_workbook(path)
    values = openpyxl.load_workbook(path, data_only=True)
    numbers = 0

    # Summary: a Key column (B) names each row's metric.
    ws = values["Summary"]
    head = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=2).value == "Key")
    columns = key_row_columns(ws, head)
    for r in range(head + 1, ws.max_row + 1):
        key = ws.cell(row=r, column=2).value
        if not key:
            continue
        try:
            expected_base = lookup(base, key)
        except (KeyError, IndexError):
            expected_base = None
        same(ws.cell(row=r, column=columns["Base case"]).value, expected_base, f"Summary {key} base case")
        numbers += 1
        if mc:
            try:
                stat = lookup(doc, key)  # a base-case-only metric (debt at COD) has none
            except (KeyError, IndexError):
                stat = {}
            for s in ("mean", "std_error", "sd", "p5", "p10", "p50", "p90", "p95", "count"):
                same(ws.cell(row=r, column=columns[s]).value, stat.get(s), f"Summary {key} {s}")
                numbers += 1
    facts = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2).value for r in range(1, head)}
    for k in ("inputs_hash", "library_version", "seed", "measure"):
        if k in doc and facts.get(k) != doc[k]:
            fail(f"Summary fact {k}: {facts.get(k)!r}, JSON {doc[k]!r}")

    if schedule is not None:
        numbers += check_schedule(values, formulas, base, schedule)
    numbers += check_mc_sheets(path, values, doc, mc)
    checked = sum(check_formulas(formulas[s], values[s], s) for s in formulas.sheetnames)
    if schedule is not None and checked < len(schedule) * 3:
        fail(f"only {checked} formulas in the workbook")
    return numbers, checked


def check_schedule(values, formulas, base, schedule):
    numbers = 0
    # Schedule: every cell of the schedule CSV, same header.
    ws = values["Schedule"]
    header = [ws.cell(row=1, column=c).value for c in range(1, ws.max_column + 1)]
    if header != schedule[0]:
        fail(f"Schedule header differs from the schedule CSV: {header[:5]}... vs {schedule[0][:5]}...")
    for t, line in enumerate(schedule[1:]):
        for c, text in enumerate(line):
            got = as_date(ws.cell(row=t + 2, column=c + 1).value)
            name = schedule[0][c]
            if name in ("start", "end"):
                if got != text:
                    fail(f"Schedule {name}[{t}]: {got!r}, CSV {text!r}")
            else:
                same(got, float(text) if text != "" else None, f"Schedule {name}[{t}]")
            numbers += 1
    # And the JSON's period lines agree with it (the same base case).
    for t, p in enumerate(base["periods"]):
        for k in ("cfads", "debt_service_due", "dscr"):
            same(ws.cell(row=t + 2, column=schedule[0].index(k) + 1).value, p[k], f"Schedule {k}[{t}] vs JSON")
    if formulas["Schedule"].freeze_panes != "D2":
        fail(f"Schedule freeze panes {formulas['Schedule'].freeze_panes}")
    return numbers


def check_mc_sheets(path, values, doc, mc):
    numbers = 0

    # Bands, Buyers: a key row (2) over the numbers.
    if mc:
        ws = values["Bands"]
        keys = key_row_columns(ws, 2)
        for t, d in enumerate(doc["bands"]["dates"]):
            if as_date(ws.cell(row=t + 3, column=1).value) != d:
                fail(f"Bands date {t}")
            for key, c in keys.items():
                if key == "dates":
                    continue
                same(ws.cell(row=t + 3, column=c).value, lookup(doc["bands"], key)[t], f"Bands {key}[{t}]")
                numbers += 1
        timing = doc.get("default_timing")
        if timing:
            ws = values["Defaults"]
            for t, d in enumerate(timing["dates"]):
                if as_date(ws.cell(row=t + 3, column=1).value) != d:
                    fail(f"Defaults date {t}")
                for c, key in ((2, "p_default"), (3, "std_error"), (4, "cumulative")):
                    same(ws.cell(row=t + 3, column=c).value, timing[key][t], f"Defaults {key}[{t}]")
                    numbers += 1
        charts = [n for n in zipfile.ZipFile(path).namelist() if n.startswith("xl/charts/chart")]
        if len(charts) != 4 + (1 if timing else 0):
            fail(f"{len(charts)} charts in the workbook, expected the 4 band charts and the defaults'")
    ws = values["Buyers"]
    keys = key_row_columns(ws, 2)
    for i, b in enumerate(doc["buyers"]):
        if ws.cell(row=i + 3, column=1).value != b["buyer"]:
            fail(f"Buyers row {i}: {ws.cell(row=i + 3, column=1).value}")
        for key, c in keys.items():
            if key != "buyer":
                same(ws.cell(row=i + 3, column=c).value, lookup(b, key), f"Buyers[{i}] {key}")
                numbers += 1

    # Bankability factors.
    if doc.get("bankability"):
        ws = values["Bankability"]
        for i, f in enumerate(doc["bankability"]["factors"]):
            for c, k in ((4, "value"), (5, "sub_score"), (6, "weight"), (7, "contribution")):
                same(ws.cell(row=i + 2, column=c).value, f[k], f"Bankability {f['id']} {k}")
                numbers += 1
        n = len(doc["bankability"]["factors"])
        same(ws.cell(row=n + 2, column=7).value, doc["bankability"]["score"], "Bankability score")
    return numbers


def check_keyed(ws, doc, name):
    """A keyed table (compare, stress, sizing): the header row has "key" in column B, the
    row under it the column templates, then the rows with their keys; a cell's JSON path
    is its column's template with %s replaced by its row's key."""
    head = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=2).value == "key")
    templates = {c: ws.cell(row=head + 1, column=c).value for c in range(3, ws.max_column + 1)
                 if ws.cell(row=head + 1, column=c).value}
    numbers = 0
    r = head + 2
    while ws.cell(row=r, column=2).value:
        key = ws.cell(row=r, column=2).value
        for c, template in templates.items():
            path = template.replace("%s", key)
            try:
                expected = lookup(doc, path)
            except (KeyError, IndexError, TypeError):
                expected = None
            same(ws.cell(row=r, column=c).value, expected, f"{name} {path}")
            numbers += 1
        r += 1
    if numbers < 5:
        fail(f"{name}: only {numbers} numbers")
    return numbers


def charts_in(path):
    return [n for n in zipfile.ZipFile(path).namelist() if n.startswith("xl/charts/chart")]


def check_other(args, workdir, command):
    """compare, stress and size-debt workbooks against their JSON documents."""
    path = os.path.join(workdir, command[0] + ".xlsx")
    offtake(args, *command, "--threads", "2", "--format", "xlsx", "--out", path)
    doc = json.loads(offtake(args, *command, "--threads", "2", "--format", "json"))
    values = openpyxl.load_workbook(path, data_only=True)
    numbers = 0
    if command[0] == "compare":
        numbers += check_keyed(values["Compare"], doc, "Compare") + check_keyed(values["Buyers"], doc, "Buyers")
        ws = values["Compare"]
        # The table the NPV chart draws: key in column B, value in column C.
        for r in range(1, ws.max_row + 1):
            key = ws.cell(row=r, column=2).value
            if isinstance(key, str) and key.endswith(".npv.mean") and key.startswith("deals["):
                same(ws.cell(row=r, column=3).value, lookup(doc, key), f"Compare chart table {key}")
                numbers += 1
        expected_charts = 1
    elif command[0] == "stress":
        numbers += check_keyed(values["Stress"], doc, "Stress")
        expected_charts = 1
    else:
        numbers += check_keyed(values["Sizing"], doc, "Sizing")
        more, _ = check_run_sheets(path, doc["result"], None)
        numbers += more
        expected_charts = 5 if doc["result"].get("default_timing") else 4
    if len(charts_in(path)) != expected_charts:
        fail(f"{command[0]}: {len(charts_in(path))} charts, expected {expected_charts}")
    print(f"{command[0]}: {numbers} numbers checked")


def check_tornado(args, workdir, deal, extra):
    path = os.path.join(workdir, "tornado.xlsx")
    offtake(args, "tornado", deal, *extra, "--threads", "2", "--format", "xlsx", "--out", path)
    doc = json.loads(offtake(args, "tornado", deal, *extra, "--threads", "2", "--format", "json"))
    formulas = openpyxl.load_workbook(path)
    values = openpyxl.load_workbook(path, data_only=True)
    ws = values["Tornado"]
    key_row = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == "input")
    keys = key_row_columns(ws, key_row)
    for i, row in enumerate(doc["rows"]):
        for key, c in keys.items():
            got = ws.cell(row=key_row + 1 + i, column=c).value
            if key in ("input", "low", "high"):
                if got != row[key]:
                    fail(f"Tornado {key}[{i}]: {got!r}, JSON {row[key]!r}")
            else:
                same(got, lookup(row, key), f"Tornado {key}[{i}]")
    checked = check_formulas(formulas["Tornado"], ws, "Tornado")
    if checked != 3 * len(doc["rows"]):
        fail(f"Tornado: {checked} formulas, expected 3 per row")
    if not any(n.startswith("xl/charts/chart") for n in zipfile.ZipFile(path).namelist()):
        fail("Tornado: no chart")
    print(f"tornado {deal}: {len(doc['rows'])} rows, {checked} formulas checked")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--offtake", required=True)
    parser.add_argument("--source", required=True)
    args = parser.parse_args()
    if openpyxl is None:
        print("SKIP: python3-openpyxl is not installed (scripts/install-deps.sh --test installs it)")
        return SKIP
    with tempfile.TemporaryDirectory(prefix="offtake-xlsx-") as workdir:
        check_run(args, workdir, "examples/thacker-pass-gm.yaml", ["--paths", "300", "--seed", "11"])
        check_run(args, workdir, "examples/copper-prepay.yaml", ["--paths", "200", "--seed", "5"])
        check_run(args, workdir, "examples/rhyolite-ridge.yaml", [])
        check_tornado(args, workdir, "examples/rhyolite-ridge.yaml", ["--paths", "100", "--seed", "3"])
        check_other(args, workdir, ["compare", "examples/procurement/fixed.yaml", "examples/procurement/collar-prepay.yaml",
                                    "examples/procurement/index-equity-eca.yaml", "--paths", "150", "--seed", "7"])
        check_other(args, workdir, ["stress", "examples/rhyolite-ridge.yaml", "--paths", "100", "--seed", "3"])
        check_other(args, workdir, ["size-debt", "examples/rhyolite-ridge.yaml", "--paths", "100", "--seed", "3"])
    for f in FAILURES[:50]:
        print("FAIL:", f)
    print(f"{len(FAILURES)} failures")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
