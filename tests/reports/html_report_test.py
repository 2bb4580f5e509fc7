#!/usr/bin/env python3
"""Opens the HTML reports of `offtake` in headless Chromium and checks what a reader
relies on (docs/reports.md, "How the tests check a report"):

- the page raises no console error or warning, no script error and no CSP refusal;
- it makes no network request of any kind (the page itself is the only URL loaded);
- every chart is drawn: each canvas has painted pixels and its chart has data;
- every number in the page equals the JSON document of the same run (`--format json`,
  same seed and paths), by its document path (data-key) and value (data-value), and its
  text is that value rounded as the page says (money in millions, rates in %);
- the data block inside the file is that JSON document (all but the run's timing);
- the header names the inputs hash, seed, measure and library version of the JSON.

Usage: html_report_test.py --offtake PATH --source REPO_ROOT [--screenshots FOLDER]
Exits 77 (ctest SKIP_RETURN_CODE) when Chromium is not installed.
"""
import argparse
import json
import math
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import browser  # noqa: E402

SKIP = 77
# Every kind of report: Monte Carlo runs of two kinds of deal, a base case, and the
# tornado, comparison, stress and debt-sizing reports. Few paths: the test checks the
# page against the JSON of the same run, not the statistics.
RUNS = [
    ["run", "examples/thacker-pass-gm.yaml", "--paths", "300", "--seed", "11"],
    ["run", "examples/copper-prepay.yaml", "--paths", "200", "--seed", "5"],
    ["run", "examples/rhyolite-ridge.yaml"],
    ["tornado", "examples/rhyolite-ridge.yaml", "--paths", "100", "--seed", "3"],
    ["compare", "examples/procurement/fixed.yaml", "examples/procurement/collar-prepay.yaml",
     "examples/procurement/index-equity-eca.yaml", "--paths", "200", "--seed", "7"],
    ["stress", "examples/rhyolite-ridge.yaml", "--paths", "100", "--seed", "3"],
    ["size-debt", "examples/rhyolite-ridge.yaml", "--paths", "100", "--seed", "3"],
    # negotiate: the frontier of a grid, the optimiser's structures, a one-term threshold.
    ["negotiate", "examples/procurement/collar-prepay.yaml", "--vary", "offtakes[0].pricing.floor=6000..8500",
     "--vary", "prepayment.amount=1e6..100e6", "--target", "p_default<=0.02,category>=Good", "--points", "4",
     "--measure", "lenders_case", "--paths", "200", "--seed", "7"],
    ["negotiate", "examples/procurement/fixed.yaml", "--vary", "offtakes[0].pricing.price=6000..8500",
     "--vary", "offtakes[0].share=0.2..0.6", "--target", "p10_dscr_min>=1.3", "--search", "nlopt",
     "--max-evaluations", "12", "--paths", "200", "--seed", "7"],
    ["negotiate", "examples/procurement/index-equity-eca.yaml", "--vary", "offtakes[0].pricing.discount=0..0.1",
     "--target", "category>=Good", "--measure", "lenders_case", "--sensitivity", "--paths", "200", "--seed", "7"],
]


def offtake(args, *command):
    proc = subprocess.run([args.offtake, *command], capture_output=True, text=True, cwd=args.source, timeout=120)
    if proc.returncode != 0:
        raise AssertionError(f"offtake {' '.join(command)}: exit {proc.returncode}\n{proc.stderr}")
    return proc.stdout


def lookup(doc, path):
    """The value at a data-key path such as base_case.periods[3].cfads or npv.p50."""
    value = doc
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        if part.startswith("["):
            value = value[int(part[1:-1])]
        else:
            value = value[part]
    return value


# How the page rounds a value of each kind: (scale, decimals), as report.js formats.
ROUNDING = {"money": (1e-6, 1), "money_per_tonne": (1, 0), "tonnes": (1, 0), "percent": (100, 1),
            "probability": (100, 2), "ratio": (1, 2), "years": (1, 1), "count": (1, 0), "plain": (1, 2)}


def check_text(text, value, kind):
    if kind not in ROUNDING:
        return None
    scale, decimals = ROUNDING[kind]
    shown = float(text.replace(",", ""))
    # Rounded to `decimals`: within half a unit of the last digit (and a hair for binary).
    if abs(shown - value * scale) > 0.5 * 10 ** -decimals + 1e-9 * max(1.0, abs(value * scale)):
        return f"shows {text}, the value is {value} ({kind})"
    return None


def without_timing(doc):
    """The document without the run times (`seconds`), which differ between two runs."""
    if isinstance(doc, dict):
        return {k: without_timing(v) for k, v in doc.items() if k != "seconds"}
    if isinstance(doc, list):
        return [without_timing(v) for v in doc]
    return doc


def wanted_facts(doc):
    """What the report's header must say, from the JSON document."""
    def run(d):
        return {"Seed": str(d["seed"]), "Paths": str(d["paths"]), "Measure": d["measure"]}
    kind = doc["kind"]
    if kind == "deterministic":
        return {"Inputs hash": doc["inputs_hash"], "Library version": doc["library_version"]}
    if kind == "monte_carlo":
        return dict(run(doc), **{"Inputs hash": doc["inputs_hash"], "Library version": doc["library_version"]})
    if kind == "tornado":
        return dict(run(doc), **{"Inputs hash": doc["inputs_hash"], "Library version": doc["library_version"]})
    if kind == "comparison":
        return dict(run(doc["deals"][0]), **{"Library version": doc["library_version"]})
    if kind == "stress":
        return dict(run(doc), **{"Inputs hash": doc["scenarios"][0]["result"]["inputs_hash"],
                                 "Library version": doc["library_version"]})
    if kind == "debt_sizing":
        return wanted_facts(doc["result"])
    if kind == "negotiation":
        found = doc["at_threshold"]["result"] if doc["search"] == "threshold" else doc["recommended_result"]
        return dict(run(found), **{"Library version": doc["library_version"]})
    raise AssertionError(f"unknown document kind {kind}")


CANVAS_CHECK = """
Array.from(document.querySelectorAll('canvas')).map(function (c) {
  var ctx = c.getContext('2d');
  var pixels = ctx.getImageData(0, 0, c.width, c.height).data;
  // Axes, grid lines and labels are grey; the data are drawn in colour.
  var painted = 0, coloured = 0;
  for (var i = 0; i < pixels.length; i += 4) {
    if (pixels[i + 3] === 0) continue;
    painted++;
    var r = pixels[i], g = pixels[i + 1], b = pixels[i + 2];
    if (Math.max(r, g, b) - Math.min(r, g, b) > 40) coloured++;
  }
  var chart = Chart.getChart(c);
  var points = 0;
  if (chart) chart.data.datasets.forEach(function (d) {
    d.data.forEach(function (p) {
      // a number, an {x, y} point, or a floating bar [from, to]
      var y = Array.isArray(p) ? p[1] : (p !== null && typeof p === 'object') ? p.y : p;
      if (typeof y === 'number' && isFinite(y)) points++;
    });
  });
  return {id: c.id, width: c.width, height: c.height, painted: painted, coloured: coloured, points: points,
          chart: !!chart};
})
"""

CELLS = """
Array.from(document.querySelectorAll('[data-key]')).map(function (e) {
  return {key: e.getAttribute('data-key'), value: e.getAttribute('data-value'),
          kind: e.getAttribute('data-kind'), text: e.textContent};
})
"""

FACTS = """
(function () { var o = {}; document.querySelectorAll('[data-fact]').forEach(function (e) {
  o[e.getAttribute('data-fact')] = e.textContent; }); return o; })()
"""


def check_report(args, chrome, workdir, command, failures, screenshot=None):
    title = " ".join(command[:2])
    html_path = os.path.join(workdir, "-".join(os.path.splitext(os.path.basename(c))[0] for c in command[:2]) + ".html")
    offtake(args, *command, "--threads", "2", "--format", "html", "--out", html_path)
    doc = json.loads(offtake(args, *command, "--threads", "2", "--format", "json"))

    def fail(message):
        failures.append(f"{title}: {message}")

    # The data block is the JSON document.
    text = open(html_path, encoding="utf-8").read()
    block = re.search(r'<script type="application/json" id="offtake-data">(.*?)</script>', text, re.S)
    blob = json.loads(block.group(1))
    if without_timing(blob["document"]) != without_timing(doc):
        fail("the data block differs from `--format json` of the same run")

    url = chrome.open(html_path)
    if chrome.evaluate("document.body.getAttribute('data-rendered')") != "true":
        fail("the report script did not finish")
    for problem in chrome.problems(url):
        fail(problem)

    canvases = chrome.evaluate(CANVAS_CHECK)
    if not canvases:
        fail("no chart")
    for c in canvases:
        # Drawn: the chart has data points and its data are on the canvas, in colour (an
        # empty chart's axes and grid, all grey, would count 0 coloured pixels). 0.5 % of
        # the canvas is a thin line's worth; a band or a bar paints far more.
        if not c["chart"] or c["points"] == 0 or c["coloured"] < 0.005 * c["width"] * c["height"]:
            fail(f"chart {c['id']} looks blank: {c}")

    cells = chrome.evaluate(CELLS)
    if len(cells) < 20:
        fail(f"only {len(cells)} numbers in the page")
    source = {"levels": blob["levels"]}
    for cell in cells:
        root = source if cell["key"].startswith("levels.") else doc
        try:
            expected = lookup(root, cell["key"])
        except (KeyError, IndexError, TypeError):
            fail(f"{cell['key']}: not in the JSON document")
            continue
        if isinstance(expected, bool):
            expected = 1.0 if expected else 0.0
        if cell["value"] is None:
            if expected is not None:
                fail(f"{cell['key']}: the page has no number, the JSON has {expected}")
            elif cell["text"] != "n/a":
                fail(f"{cell['key']}: a missing value shows '{cell['text']}', not n/a")
            continue
        if expected is None or float(cell["value"]) != float(expected):
            fail(f"{cell['key']}: the page has {cell['value']}, the JSON {expected}")
            continue
        problem = check_text(cell["text"], float(expected), cell["kind"])
        if problem:
            fail(f"{cell['key']}: {problem}")

    facts = chrome.evaluate(FACTS)
    for label, value in wanted_facts(doc).items():
        if facts.get(label) != value:
            fail(f"header {label}: '{facts.get(label)}', the JSON '{value}'")
    if doc["kind"] == "comparison":
        hashes = chrome.evaluate("Array.from(document.querySelectorAll('[data-fact-hash]')).map(e => e.textContent)")
        if hashes != [d["inputs_hash"] for d in doc["deals"]]:
            fail(f"the deals' inputs hashes {hashes}, the JSON's {[d['inputs_hash'] for d in doc['deals']]}")

    if screenshot:
        chrome.screenshot(screenshot, height=2400 if command[0] == "run" else 1500)
    print(f"{title}: {len(canvases)} charts, {len(cells)} numbers checked")


def check_terminal_refusal(args, failures):
    """`--format html` without --out on a terminal: bad usage (exit 2) with a message
    saying to give --out, before any work; redirected, the page goes to standard output."""
    import pty
    main_fd, terminal = pty.openpty()
    try:
        proc = subprocess.run([args.offtake, "run", "examples/rhyolite-ridge.yaml", "--format", "html"],
                              stdout=terminal, stderr=subprocess.PIPE, text=True, cwd=args.source, timeout=60)
    finally:
        os.close(terminal)
        os.close(main_fd)
    if proc.returncode != 2 or "give --out FILE" not in proc.stderr:
        failures.append(f"--format html on a terminal: exit {proc.returncode}, {proc.stderr!r}")
    page = subprocess.run([args.offtake, "run", "examples/rhyolite-ridge.yaml", "--format", "html"],
                          capture_output=True, text=True, cwd=args.source, timeout=60)
    if page.returncode != 0 or not page.stdout.startswith("<!DOCTYPE html>"):
        failures.append(f"--format html to a pipe: exit {page.returncode}, {page.stderr!r}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--offtake", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--screenshots", help="also write a PNG of the first report of each command into this "
                        "folder (<command>-report.png; docs/images holds them)")
    args = parser.parse_args()
    failures = []
    check_terminal_refusal(args, failures)
    executable = browser.find_chromium()
    if not executable:
        for f in failures:
            print("FAIL:", f)
        if failures:
            return 1
        print("SKIP: Chromium is not installed (scripts/install-deps.sh --test installs it)")
        return SKIP
    with tempfile.TemporaryDirectory(prefix="offtake-html-") as workdir:
        chrome = browser.Browser(executable)
        try:
            shot = set()
            for command in RUNS:
                picture = None
                if args.screenshots and command[0] not in shot:
                    shot.add(command[0])
                    picture = os.path.join(args.screenshots, command[0] + "-report.png")
                check_report(args, chrome, workdir, command, failures, screenshot=picture)
        finally:
            chrome.close()
    for f in failures:
        print("FAIL:", f)
    print(f"{len(RUNS)} reports, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
