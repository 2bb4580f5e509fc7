// The offtake report's renderer (docs/reports.md). It reads one JSON blob, the element
// #offtake-data written by the tool: {"report", "metrics", "levels", "document"}, where
// "document" is the JSON document `--format json` prints for the same run, and
// "metrics" the library's metric catalogue (labels, units). It draws every section with
// Chart.js and puts under each chart the table of the numbers it shows. Every number
// cell carries data-key (its path in the document) and data-value (the number itself),
// which is how the tests compare the page with the JSON.
(function () {
  "use strict";
  var blob = JSON.parse(document.getElementById("offtake-data").textContent);
  var doc = blob.document;      // the document a section reads (a part of it for some reports)
  var prefix = "";              // the path of `doc` in blob.document, for data-key
  var root = document.getElementById("report");
  var currency = doc.currency || "USD";
  var unitOf = {};
  blob.metrics.forEach(function (m) { unitOf[m.scope + ":" + m.key] = m; });

  // --- Formatting (the command-line tables' rules: money in millions, rates in %) ----
  function grouped(x, digits) {
    return x.toLocaleString("en-US", {minimumFractionDigits: digits, maximumFractionDigits: digits});
  }
  function format(x, kind) {
    if (x === null || x === undefined || typeof x !== "number" || !isFinite(x)) return "n/a";
    switch (kind) {
      case "money": return grouped(x / 1e6, 1);
      case "money_per_tonne": return grouped(x, 0);
      case "tonnes": return grouped(x, 0);
      case "percent": return grouped(100 * x, 1);
      case "probability": return grouped(100 * x, 2);
      case "ratio": return grouped(x, 2);
      case "years": return grouped(x, 1);
      case "count": return grouped(x, 0);
      case "flag": return x ? "yes" : "no";
      default: return grouped(x, 2);
    }
  }
  function unitText(kind) {
    return {money: currency + " m", money_per_tonne: currency + "/t", tonnes: "t", percent: "%",
            probability: "%", ratio: "x", years: "years"}[kind] || "";
  }

  // --- Building the page -----------------------------------------------------------
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) {
      e.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return e;
  }
  function section(id, title, intro) {
    var s = el("section", {id: id, "aria-labelledby": id + "-title"},
               [el("h2", {id: id + "-title"}, [title])]);
    if (intro) s.appendChild(el("p", {"class": "intro"}, [intro]));
    root.appendChild(s);
    return s;
  }
  // A number cell: the formatted text, with its document path and exact value.
  function numberCell(value, kind, key) {
    var attrs = {"class": "num"};
    if (key) attrs["data-key"] = key.indexOf("levels.") === 0 ? key : prefix + key;
    if (typeof value === "number") attrs["data-value"] = String(value);
    if (kind) attrs["data-kind"] = kind;
    return el("td", attrs, [format(value, kind)]);
  }
  function table(caption, headings, rows) {
    var head = el("tr", {}, headings.map(function (h) { return el("th", {scope: "col"}, [h]); }));
    var body = rows.map(function (r) {
      return el("tr", {}, r.map(function (c, i) {
        if (typeof c === "string") return el(i === 0 ? "th" : "td", i === 0 ? {scope: "row"} : {}, [c]);
        return c;
      }));
    });
    return el("table", {}, [el("caption", {}, [caption]), el("thead", {}, [head]), el("tbody", {}, body)]);
  }
  // A chart and the table of its numbers, in a figure the reader can print.
  function chartFigure(parent, id, label, config, tableNode, height) {
    var canvas = el("canvas", {id: id, role: "img", "aria-label": label});
    var box = el("div", {"class": "canvas-box"}, [canvas]);
    if (height) box.style.height = height + "px";   // CSSOM, which the CSP allows
    var fig = el("figure", {"class": "chart"}, [box, el("figcaption", {}, [label])]);
    parent.appendChild(fig);
    // The numbers behind the chart, always in the page (print, screen readers); on screen
    // a long table scrolls in its box.
    parent.appendChild(el("div", {"class": "data", role: "region", "aria-label": "Data: " + label, tabindex: "0"},
                          [tableNode]));
    config.options = config.options || {};
    config.options.animation = false;   // drawn at once: for print and for the tests
    config.options.responsive = true;
    config.options.maintainAspectRatio = false;
    new Chart(canvas.getContext("2d"), config);
  }

  var palette = {band: "rgba(31, 119, 180, 0.18)", line: "rgb(31, 119, 180)", second: "rgb(214, 39, 40)",
                 third: "rgb(44, 160, 44)", grey: "rgb(110, 110, 110)"};

  // --- Header: what produced this report --------------------------------------------
  function factList(facts) {
    var dl = el("dl", {"class": "facts"}, []);
    facts.forEach(function (f) {
      dl.appendChild(el("dt", {}, [f[0]]));
      dl.appendChild(el("dd", {"data-fact": f[0]}, [f[1] === undefined || f[1] === null ? "" : String(f[1])]));
    });
    return dl;
  }
  function header(title) {
    var mc = doc.kind === "monte_carlo";
    var base = mc ? doc.base_case : doc;
    var name = doc.deal ? doc.deal.name : "";
    document.title = "offtake report: " + name;
    var facts = [["Deal", name], ["Deal file", doc.deal ? doc.deal.source : ""],
                 ["Inputs hash", doc.inputs_hash], ["Library version", doc.library_version],
                 ["Currency", currency]];
    if (mc) {
      facts.push(["Seed", String(doc.seed)], ["Paths", String(doc.paths)], ["Measure", doc.measure],
                 ["Price model", doc.price_model], ["Price aggregation", doc.price_aggregation],
                 ["Scenario origin", doc.scenario_origin]);
      if (doc.nonfinite_paths) facts.push(["Paths with non-finite numbers (left out)", String(doc.nonfinite_paths)]);
    } else {
      facts.push(["Run", "deterministic base case (no Monte Carlo: run with --paths N for distributions)"]);
    }
    root.appendChild(el("header", {}, [el("h1", {}, [(title || "Financing report") + ": " + name]), factList(facts)]));
    return base;
  }

  // --- Summary: the catalogue's deal metrics -----------------------------------------
  function summary(base) {
    var mc = doc.kind === "monte_carlo";
    var s = section("summary", "Deal summary",
                    mc ? "Base case on the price deck, and the distribution over the simulated paths."
                       : "Base case on the price deck.");
    var headings = mc ? ["Metric", "Unit", "Base case", "Mean", "Std error", "P5", "P50", "P95"]
                      : ["Metric", "Unit", "Base case"];
    var rows = [];
    blob.metrics.forEach(function (m) {
      if (m.scope !== "deal") return;
      var st = mc ? doc[m.key] : null;
      var b = base ? base[m.key] : undefined;
      if (b === undefined && !st) return;
      var baseValue = typeof b === "boolean" ? (b ? 1 : 0) : b;
      var baseKey = (mc ? "base_case." : "") + m.key;
      var row = [m.label, unitText(m.kind), b === undefined ? el("td", {}, [""]) : numberCell(baseValue, m.kind, baseKey)];
      if (mc) {
        // A probability (an estimate) has a mean and a standard error, no percentiles.
        var estimate = st && st.quantiles === null && st.sd === null;
        ["mean", "std_error", "p5", "p50", "p95"].forEach(function (k) {
          var shown = st && !(estimate && k !== "mean" && k !== "std_error");
          row.push(shown ? numberCell(st[k], m.kind, m.key + "." + k) : el("td", {}, [""]));
        });
      }
      rows.push(row);
    });
    // Equity per investor.
    var investors = base && base.investors ? base.investors
                  : (doc.equity_npv || []).map(function (x) { return x.investor; });
    blob.metrics.forEach(function (m) {
      if (m.scope !== "investor") return;
      investors.forEach(function (inv, i) {
        var b = base && base[m.key] ? base[m.key][i] : undefined;
        var st = mc && doc[m.key] ? doc[m.key][i] : null;
        var row = [m.label + ", " + inv, unitText(m.kind),
                   base ? numberCell(b, m.kind, (mc ? "base_case." : "") + m.key + "[" + i + "]") : el("td", {}, [""])];
        if (mc) {
          ["mean", "std_error", "p5", "p50", "p95"].forEach(function (k) {
            row.push(st ? numberCell(st[k], m.kind, m.key + "[" + i + "]." + k) : el("td", {}, [""]));
          });
        }
        rows.push(row);
      });
    });
    s.appendChild(table("Deal metrics" + (mc ? " (" + doc.paths + " paths, seed " + doc.seed + ")" : ""),
                        headings, rows));
  }

  // --- Bankability ------------------------------------------------------------------
  function bankability() {
    var b = doc.bankability;
    if (!b) return;
    var s = section("bankability", "Bankability score",
                    "Score " + grouped(b.score, 1) + " of 100, " + b.category + " (scorecard " + b.scorecard +
                    "). Each factor adds weight x sub-score; the contributions add up to the score.");
    var applicable = b.factors.filter(function (f) { return f.applicable; });
    var rows = b.factors.map(function (f) {
      var i = b.factors.indexOf(f);
      return [f.label, f.group, numberCell(f.value, "plain", "bankability.factors[" + i + "].value"),
              numberCell(f.sub_score, "plain", "bankability.factors[" + i + "].sub_score"),
              numberCell(f.weight, "plain", "bankability.factors[" + i + "].weight"),
              numberCell(f.contribution, "plain", "bankability.factors[" + i + "].contribution"),
              f.applicable ? "yes" : "no"];
    });
    rows.push(["Score", "", el("td", {}, [""]), el("td", {}, [""]), el("td", {}, [""]),
               numberCell(b.score, "plain", "bankability.score"), ""]);
    chartFigure(s, "chart-bankability", "Contribution of each factor to the bankability score", {
      type: "bar",
      data: {labels: applicable.map(function (f) { return f.label; }),
             datasets: [{label: "contribution (points)", data: applicable.map(function (f) { return f.contribution; }),
                         backgroundColor: palette.line}]},
      options: {indexAxis: "y", plugins: {legend: {display: false}},
                scales: {x: {title: {display: true, text: "points of the score"}}, y: {ticks: {autoSkip: false}}}}
    }, table("Bankability factors", ["Factor", "Group", "Value", "Sub-score", "Weight", "Contribution", "Applies"], rows),
    60 + 24 * applicable.length);
  }

  // --- Fan charts ---------------------------------------------------------------------
  // A band's P5-P95 area and P50 line, plus optional extra lines ({label, data, color, dash}).
  function fan(parent, id, title, bandKey, kind, axis, extras) {
    var bands = doc.bands;
    var series = bands[bandKey];
    var scale = kind === "money" ? 1e-6 : 1;
    function scaled(list) { return list.map(function (x) { return x === null ? null : x * scale; }); }
    var datasets = [
      {label: "P95", data: scaled(series.p95), borderColor: "transparent", backgroundColor: palette.band,
       pointRadius: 0, fill: "+1"},
      {label: "P5 to P95", data: scaled(series.p5), borderColor: "transparent", backgroundColor: palette.band,
       pointRadius: 0, fill: false},
      {label: "P50", data: scaled(series.p50), borderColor: palette.line, backgroundColor: palette.line,
       pointRadius: 0, borderWidth: 2, fill: false}
    ];
    (extras || []).forEach(function (x) {
      datasets.push({label: x.label, data: x.data.map(function (v) { return v === null ? null : v * scale; }),
                     borderColor: x.color, backgroundColor: x.color, borderDash: x.dash || [], pointRadius: 0,
                     borderWidth: 2, fill: false, stepped: x.stepped || false});
    });
    var headings = ["Period end", "P5", "P50", "P95"].concat((extras || []).map(function (x) { return x.label; }));
    var rows = bands.dates.map(function (d, t) {
      var row = [d, numberCell(series.p5[t], kind, "bands." + bandKey + ".p5[" + t + "]"),
                 numberCell(series.p50[t], kind, "bands." + bandKey + ".p50[" + t + "]"),
                 numberCell(series.p95[t], kind, "bands." + bandKey + ".p95[" + t + "]")];
      (extras || []).forEach(function (x) { row.push(numberCell(x.data[t], kind, x.key ? x.key(t) : null)); });
      return row;
    });
    chartFigure(parent, id, title, {
      type: "line",
      data: {labels: bands.dates, datasets: datasets},
      options: {spanGaps: false, interaction: {mode: "index", intersect: false},
                plugins: {legend: {labels: {filter: function (item) { return item.text !== "P95"; }}}},
                scales: {y: {title: {display: true, text: axis}}, x: {ticks: {maxTicksLimit: 12}}}}
    }, table(title + " (" + axis + ")", headings, rows));
  }

  // The base case's value of a period line on each band date (periods and bands share
  // the period end dates; period 0, financial close, has no band).
  function baseLine(key) {
    var base = doc.base_case;
    var byDate = {};
    var index = {};
    (base ? base.periods : []).forEach(function (p, i) { byDate[p.end] = p[key]; index[p.end] = i; });
    return {data: doc.bands.dates.map(function (d) { return d in byDate ? byDate[d] : null; }),
            key: function (t) {
              var d = doc.bands.dates[t];
              return d in index ? "base_case.periods[" + index[d] + "]." + key : null;
            }};
  }
  function constantLine(value, n) {
    var out = [];
    for (var i = 0; i < n; i++) out.push(value);
    return out;
  }

  function fans() {
    if (doc.kind !== "monte_carlo" || !doc.bands) return;
    var n = doc.bands.dates.length;
    var s = section("fans", "Over time: fan charts",
                    "Shaded: the range from the 5th to the 95th percentile of the simulated paths in each period; " +
                    "line: the median (P50). Percentiles are taken period by period, so a line is not one path.");
    fan(s, "chart-price", "Price", "price", "money_per_tonne", currency + "/t");
    var ds = baseLine("debt_service_due");
    fan(s, "chart-cfads", doc.base_case ? "CFADS against scheduled debt service" : "CFADS", "cfads", "money",
        currency + " m", doc.base_case ? [{label: "Debt service due (base case)", data: ds.data, key: ds.key,
                                           color: palette.second}] : []);
    var extras = [];
    if (blob.levels && blob.levels.lockup_dscr !== null)
      extras.push({label: "Lock-up level", data: constantLine(blob.levels.lockup_dscr, n), color: palette.third,
                   dash: [6, 4], key: function () { return "levels.lockup_dscr"; }});
    if (doc.covenant_dscr !== null && doc.covenant_dscr !== undefined)
      extras.push({label: "Covenant level", data: constantLine(doc.covenant_dscr, n), color: palette.second,
                   dash: [2, 3], key: function () { return "covenant_dscr"; }});
    fan(s, "chart-dscr", "DSCR against the lock-up and covenant levels", "dscr", "ratio", "x", extras);
    fan(s, "chart-cash", "Cash balance (unspent prepayment + DSRA + trapped cash)", "cash_balance", "money",
        currency + " m");
  }

  // --- Distributions from the quantile grid ------------------------------------------
  // The grid q_0..q_20 puts 5 % of the paths between neighbours: a bin [q_k, q_k+1] of
  // width w has density 0.05 / w. Bins of zero width (many paths on one value) join the
  // next bin, whose share grows accordingly.
  function bins(quantiles) {
    var out = [];
    var start = 0;
    for (var k = 1; k < quantiles.length; k++) {
      var from = quantiles[start], to = quantiles[k];
      if (to > from) {
        var share = (k - start) / (quantiles.length - 1);
        out.push({from: from, to: to, share: share, density: share / (to - from), start: start, end: k});
        start = k;
      }
    }
    // Paths on the largest value, past the last bin of positive width, belong to it.
    var last = out[out.length - 1];
    if (last && start < quantiles.length - 1) {
      last.share += (quantiles.length - 1 - start) / (quantiles.length - 1);
      last.density = last.share / (last.to - last.from);
      last.end = quantiles.length - 1;
    }
    return out;
  }
  function histogram(parent, id, title, stat, key, kind) {
    if (!stat || !stat.quantiles || stat.count === 0) return;
    var q = stat.quantiles;
    if (q.some(function (x) { return x === null; })) return;
    var scale = kind === "money" ? 1e-6 : kind === "percent" ? 100 : 1;
    var b = bins(q);
    if (b.length === 0) {
      parent.appendChild(el("p", {}, [title + ": every path has the same value, " + format(q[0], kind) + " " + unitText(kind) + "."]));
      return;
    }
    // A stepped line over (bin start, density), closed at the last bin's end.
    // Chart.js's "after" steps hold each point's height until the next point.
    var points = [{x: b[0].from * scale, y: 0}].concat(
        b.map(function (x) { return {x: x.from * scale, y: x.density / scale}; }));
    points.push({x: b[b.length - 1].to * scale, y: b[b.length - 1].density / scale});
    points.push({x: b[b.length - 1].to * scale, y: 0});
    var rows = b.map(function (x, i) {
      return ["bin " + (i + 1), numberCell(x.from, kind, key + ".quantiles[" + x.start + "]"),
              numberCell(x.to, kind, key + ".quantiles[" + x.end + "]"),
              numberCell(x.share, "probability", null)];
    });
    chartFigure(parent, id, title, {
      type: "line",
      data: {datasets: [{label: "share of paths per unit", data: points, stepped: "after", fill: "origin",
                         borderColor: palette.line, backgroundColor: palette.band, pointRadius: 0}]},
      options: {parsing: true, plugins: {legend: {display: false}},
                scales: {x: {type: "linear", title: {display: true, text: unitText(kind)}},
                         y: {title: {display: true, text: "density"}, beginAtZero: true}}}
    }, table(title + ": bins from the quantile grid (" + stat.count + " paths" +
             (stat.exact_quantiles ? "" : ", quantiles from the bounded-memory sketch") + ")",
             ["Bin", "From (" + unitText(kind) + ")", "To (" + unitText(kind) + ")", "Share of paths (%)"], rows));
  }

  function distributions() {
    if (doc.kind !== "monte_carlo") return;
    var s = section("distributions", "Distributions over the simulated paths",
                    "Histograms of equal-probability bins: the run's quantile grid (21 points) puts 5 % of the paths " +
                    "between neighbouring quantiles, so a bar's area is its share of paths.");
    histogram(s, "chart-hist-dscr-min", "Minimum DSCR", doc.dscr_min, "dscr_min", "ratio");
    histogram(s, "chart-hist-npv", "Project NPV", doc.npv, "npv", "money");
    (doc.equity_irr || []).forEach(function (st, i) {
      histogram(s, "chart-hist-equity-irr-" + i, "Equity IRR, " + st.investor, st, "equity_irr[" + i + "]", "percent");
    });
  }

  // --- Lender risk probabilities -------------------------------------------------------
  function risks() {
    if (doc.kind !== "monte_carlo") return;
    var keys = blob.metrics.filter(function (m) { return m.scope === "deal" && m.kind === "probability" && doc[m.key]; });
    if (!keys.length) return;
    var s = section("risks", "Lender risk", "Shares of paths, with their binomial standard errors.");
    var rows = keys.map(function (m) {
      return [m.label, numberCell(doc[m.key].mean, "probability", m.key + ".mean"),
              numberCell(doc[m.key].std_error, "probability", m.key + ".std_error")];
    });
    var caption = "Lender risk";
    if (keys.every(function (m) { return !doc[m.key].mean; })) {
      // Nothing to draw: say so instead of showing an empty chart.
      s.appendChild(el("p", {}, ["On none of the " + doc.paths + " paths did any of these happen."]));
      s.appendChild(table(caption, ["Metric", "Probability (%)", "Std error (%)"], rows));
      return;
    }
    chartFigure(s, "chart-risks", "Lender risk probabilities", {
      type: "bar",
      data: {labels: keys.map(function (m) { return m.label; }),
             datasets: [{label: "%", data: keys.map(function (m) { return 100 * (doc[m.key].mean || 0); }),
                         backgroundColor: palette.second}]},
      options: {indexAxis: "y", plugins: {legend: {display: false}}, scales: {x: {beginAtZero: true, title: {display: true, text: "%"}}}}
    }, table("Lender risk", ["Metric", "Probability (%)", "Std error (%)"], rows));
  }

  // --- When defaults happen -------------------------------------------------------------
  function defaultTiming() {
    var d = doc.default_timing;
    if (doc.kind !== "monte_carlo" || !d) return;
    var s = section("default-timing", "When defaults happen",
                    "Per period: the share of paths whose event of default falls in that period, and the cumulative " +
                    "share (the probability of default by then); the last cumulative value is P(payment default).");
    var rows = d.dates.map(function (date, t) {
      return [date, numberCell(d.p_default[t], "probability", "default_timing.p_default[" + t + "]"),
              numberCell(d.std_error[t], "probability", "default_timing.std_error[" + t + "]"),
              numberCell(d.cumulative[t], "probability", "default_timing.cumulative[" + t + "]")];
    });
    var tableNode = table("Probability of default by period", ["Period end", "In the period (%)", "Std error (%)",
                                                                "Cumulative (%)"], rows);
    if (d.p_default.every(function (x) { return !x; })) {
      s.appendChild(el("p", {}, ["No event of default on any of the " + doc.paths + " paths."]));
      s.appendChild(tableNode);
      return;
    }
    function pct(list) { return list.map(function (x) { return x === null ? null : 100 * x; }); }
    chartFigure(s, "chart-default-timing", "Probability of default by period (%)", {
      type: "bar",
      data: {labels: d.dates, datasets: [
        {type: "line", label: "cumulative", data: pct(d.cumulative), borderColor: palette.second,
         backgroundColor: palette.second, pointRadius: 0, borderWidth: 2, fill: false, yAxisID: "y"},
        {label: "in the period", data: pct(d.p_default), backgroundColor: palette.line, yAxisID: "y"}]},
      options: {scales: {y: {beginAtZero: true, title: {display: true, text: "%"}}, x: {ticks: {maxTicksLimit: 12}}}}
    }, tableNode);
  }

  // --- Buyers -----------------------------------------------------------------------
  function buyers(base) {
    var mc = doc.kind === "monte_carlo";
    var list = mc ? doc.buyers : (base ? base.buyers : []);
    if (!list || !list.length) return;
    var s = section("buyers", "Buyers", mc ? "Per offtake: the mean over the simulated paths." : "Per offtake, base case.");
    var cols = blob.metrics.filter(function (m) { return m.scope === "buyer" && list[0][m.key] !== undefined; });
    var rows = list.map(function (b, i) {
      var row = [b.buyer, numberCell(b.contracted_tonnes, "tonnes", "buyers[" + i + "].contracted_tonnes")];
      cols.forEach(function (m) {
        var v = b[m.key];
        if (mc) row.push(numberCell(v ? v.mean : null, m.kind, "buyers[" + i + "]." + m.key + ".mean"));
        else row.push(numberCell(typeof v === "boolean" ? (v ? 1 : 0) : v, m.kind, "buyers[" + i + "]." + m.key));
      });
      return row;
    });
    s.appendChild(table("Buyers", ["Buyer", "Contracted (t)"].concat(cols.map(function (m) {
      var u = unitText(m.kind);
      return m.column + (u ? " (" + u + ")" : "");
    })), rows));
  }

  // --- Base-case schedule charts (deterministic runs) ----------------------------------
  function baseCase(base) {
    if (doc.kind === "monte_carlo" || !base || !base.periods) return;
    var s = section("base-case", "Base case over time", "The deal's price deck, period by period.");
    var periods = base.periods.filter(function (p) { return p.period > 0; });
    var labels = periods.map(function (p) { return p.end; });
    function key(p, k) { return "periods[" + base.periods.indexOf(p) + "]." + k; }
    var rows = periods.map(function (p) {
      return [p.end, numberCell(p.cfads, "money", key(p, "cfads")),
              numberCell(p.debt_service_due, "money", key(p, "debt_service_due")),
              numberCell(p.dscr, "ratio", key(p, "dscr")),
              numberCell(p.cash_balance, "money", key(p, "cash_balance"))];
    });
    chartFigure(s, "chart-base-cfads", "CFADS against debt service (base case)", {
      type: "bar",
      data: {labels: labels, datasets: [
        {label: "CFADS", data: periods.map(function (p) { return p.cfads / 1e6; }), backgroundColor: palette.line},
        {label: "Debt service due", data: periods.map(function (p) { return p.debt_service_due / 1e6; }),
         backgroundColor: palette.second}]},
      options: {scales: {y: {title: {display: true, text: currency + " m"}}}}
    }, table("Base case per period", ["Period end", "CFADS (" + currency + " m)", "Debt service (" + currency + " m)",
                                      "DSCR (x)", "Cash balance (" + currency + " m)"], rows));
  }

  // Every section of a run's report, on the Monte Carlo (or deterministic) document `d`
  // found at `path` in the blob's document.
  function renderRun(d, path, title) {
    doc = d;
    prefix = path;
    var base = header(title);
    summary(base);
    bankability();
    fans();
    distributions();
    risks();
    defaultTiming();
    buyers(base);
    baseCase(base);
  }

  // --- Other reports ----------------------------------------------------------------
  function simpleFacts(title, name, facts) {
    document.title = "offtake report: " + (name || title);
    root.appendChild(el("header", {}, [el("h1", {}, [name ? title + ": " + name : title]), factList(facts)]));
  }
  function runFacts(d) {
    return [["Seed", String(d.seed)], ["Paths", String(d.paths)], ["Measure", d.measure],
            ["Library version", d.library_version], ["Currency", currency]];
  }
  var catalogueDeal = blob.metrics.filter(function (m) { return m.scope === "deal"; });
  function mean(stat) { return stat && typeof stat === "object" ? stat.mean : null; }
  function millions(x) { return x === null || x === undefined ? null : x / 1e6; }

  function renderTornado() {
    var t = blob.document;
    simpleFacts("Tornado", t.deal ? t.deal.name : "",
                [["Deal file", t.deal ? t.deal.source : ""], ["Inputs hash", t.inputs_hash]].concat(runFacts(t)));
    var s = section("tornado", "What moves the deal",
                    "Each input moved down and up on the same simulated paths; bars: the change in mean project NPV " +
                    "from the base case, largest swing on top.");
    var baseNpv = t.base.npv.mean;
    s.appendChild(table("Base case (same paths)", ["Metric", "Value", "Std error"], [
      ["Mean NPV (" + currency + " m)", numberCell(t.base.npv.mean, "money", "base.npv.mean"),
       numberCell(t.base.npv.std_error, "money", "base.npv.std_error")],
      ["P50 minimum DSCR (x)", numberCell(t.base.dscr_min_p50, "ratio", "base.dscr_min_p50"), el("td", {}, [""])],
      ["P(payment default) (%)", numberCell(t.base.p_default.mean, "probability", "base.p_default.mean"),
       numberCell(t.base.p_default.std_error, "probability", "base.p_default.std_error")]]));
    var rows = t.rows.map(function (r, i) {
      var k = "rows[" + i + "].";
      return [r.input, r.low, r.high, numberCell(r.npv_low.mean, "money", k + "npv_low.mean"),
              numberCell(r.npv_high.mean, "money", k + "npv_high.mean"), numberCell(r.npv_swing, "money", k + "npv_swing"),
              numberCell(r.dscr_min_p50_low, "ratio", k + "dscr_min_p50_low"),
              numberCell(r.dscr_min_p50_high, "ratio", k + "dscr_min_p50_high"),
              numberCell(r.p_default_low.mean, "probability", k + "p_default_low.mean"),
              numberCell(r.p_default_high.mean, "probability", k + "p_default_high.mean")];
    });
    function delta(x) { return x === null || baseNpv === null ? null : (x - baseNpv) / 1e6; }
    chartFigure(s, "chart-tornado", "Change in mean NPV from the base case (" + currency + " m)", {
      type: "bar",
      data: {labels: t.rows.map(function (r) { return r.input; }), datasets: [
        {label: "input low", data: t.rows.map(function (r) { return [0, delta(r.npv_low.mean)]; }),
         backgroundColor: palette.second, grouped: false},
        {label: "input high", data: t.rows.map(function (r) { return [0, delta(r.npv_high.mean)]; }),
         backgroundColor: palette.line, grouped: false}]},
      options: {indexAxis: "y", scales: {x: {title: {display: true, text: currency + " m"}}}}
    }, table("Tornado rows", ["Input", "Low", "High", "NPV low (" + currency + " m)", "NPV high (" + currency + " m)",
                              "Swing (" + currency + " m)", "P50 min DSCR low (x)", "high (x)", "P(default) low (%)",
                              "high (%)"], rows), 80 + 36 * t.rows.length);
  }

  // Label of deal k in a comparison: its name, or its file when names repeat.
  function dealLabels(list) {
    var names = list.map(function (d) { return d.deal ? d.deal.name : ""; });
    return list.map(function (d, k) {
      var repeated = names.filter(function (n) { return n === names[k]; }).length > 1;
      return repeated && d.deal ? d.deal.source : names[k];
    });
  }

  function p50Lines(parent, id, title, list, labels, path, band, kind, axis) {
    var colors = [palette.line, palette.second, palette.third, "rgb(148, 103, 189)", "rgb(255, 127, 14)",
                  "rgb(140, 86, 75)"];
    var first = list.find(function (d) { return d.bands; });
    if (!first) return;
    var scale = kind === "money" ? 1e-6 : 1;
    var datasets = list.map(function (d, k) {
      return {label: labels[k], data: d.bands ? d.bands[band].p50.map(function (x) { return x === null ? null : x * scale; }) : [],
              borderColor: colors[k % colors.length], backgroundColor: colors[k % colors.length], pointRadius: 0,
              borderWidth: 2, fill: false};
    });
    var rows = first.bands.dates.map(function (date, t) {
      return [date].concat(list.map(function (d, k) {
        return numberCell(d.bands ? d.bands[band].p50[t] : null, kind, path(k) + ".bands." + band + ".p50[" + t + "]");
      }));
    });
    chartFigure(parent, id, title, {
      type: "line", data: {labels: first.bands.dates, datasets: datasets},
      options: {interaction: {mode: "index", intersect: false}, scales: {y: {title: {display: true, text: axis}}}}
    }, table(title + " (" + axis + ")", ["Period end"].concat(labels), rows));
  }

  // A metric table: one row per deal-scope catalogue metric, one column per item.
  function metricTable(caption, list, labels, path) {
    var rows = [];
    catalogueDeal.forEach(function (m) {
      if (!list.some(function (d) { return d[m.key] && typeof d[m.key] === "object"; })) return;
      var estimate = list[0][m.key] && list[0][m.key].quantiles === null && list[0][m.key].sd === null;
      [["mean", "mean"], ["p50", "P50"]].forEach(function (stat) {
        if (estimate && stat[0] !== "mean") return;
        rows.push([m.label + (estimate ? "" : ", " + stat[1]) + (unitText(m.kind) ? " (" + unitText(m.kind) + ")" : "")]
          .concat(list.map(function (d, k) {
            return numberCell(d[m.key] ? d[m.key][stat[0]] : null, m.kind, path(k) + "." + m.key + "." + stat[0]);
          })));
      });
    });
    return table(caption, ["Metric"].concat(labels), rows);
  }

  function renderCompare() {
    var c = blob.document;
    var deals = c.deals;
    var labels = dealLabels(deals);
    currency = c.currency || currency;
    simpleFacts("Comparison of " + deals.length + " term sheets", "", runFacts(deals[0]));
    var s = section("deals", "The term sheets", "Every deal on one simulated market: the same paths, the same price " +
                    "on the same date, a buyer named in several deals defaulting on the same date in each.");
    s.appendChild(table("Deals", ["Deal", "File", "Inputs hash"], deals.map(function (d, k) {
      return [labels[k], el("td", {}, [d.deal ? d.deal.source : ""]), el("td", {"data-fact-hash": String(k)}, [d.inputs_hash])];
    })));
    s.appendChild(metricTable("Key metrics, deal by deal", deals, labels, function (k) { return "deals[" + k + "]"; }));

    var d = section("differences", "Paired differences to the baseline (" + labels[0] + ")",
                    "Mean over the common paths of deal minus baseline, with its standard error; the bars show the " +
                    "95 % interval (mean ± 1.96 standard errors).");
    var keys = catalogueDeal.filter(function (m) { return c.differences.length > 1 && c.differences[1][m.key]; });
    var rows = [];
    keys.forEach(function (m) {
      for (var k = 1; k < deals.length; k++) {
        var e = c.differences[k][m.key];
        rows.push([m.label + ": " + labels[k] + " - " + labels[0],
                   numberCell(e.mean, m.kind, "differences[" + k + "]." + m.key + ".mean"),
                   numberCell(e.std_error, m.kind, "differences[" + k + "]." + m.key + ".std_error")]);
      }
    });
    ["npv", "p_default"].forEach(function (key) {
      var m = catalogueDeal.find(function (x) { return x.key === key; });
      if (!m || !keys.some(function (x) { return x.key === key; })) return;
      var scale = m.kind === "money" ? 1e-6 : 100;
      var others = labels.slice(1);
      var intervals = others.map(function (_, j) {
        var e = c.differences[j + 1][key];
        return e.mean === null || e.std_error === null ? null
             : [(e.mean - 1.96 * e.std_error) * scale, (e.mean + 1.96 * e.std_error) * scale];
      });
      chartFigure(d, "chart-diff-" + key, m.label + ": difference to " + labels[0] + " (" + unitText(m.kind) + ")", {
        type: "bar",
        data: {labels: others, datasets: [
          {type: "line", label: "mean", data: others.map(function (_, j) {
             var e = c.differences[j + 1][key]; return e.mean === null ? null : e.mean * scale; }),
           showLine: false, pointRadius: 5, borderColor: palette.grey, backgroundColor: palette.grey},
          {label: "95 % interval", data: intervals, backgroundColor: palette.band, borderColor: palette.line,
           borderWidth: 1}]},
        options: {indexAxis: "y", scales: {x: {title: {display: true, text: unitText(m.kind)}}}}
      }, table(m.label + ": paired differences", ["Deal - baseline", "Mean", "Std error"], others.map(function (o, j) {
        var e = c.differences[j + 1][key];
        return [o, numberCell(e.mean, m.kind, "differences[" + (j + 1) + "]." + key + ".mean"),
                numberCell(e.std_error, m.kind, "differences[" + (j + 1) + "]." + key + ".std_error")];
      })), 80 + 40 * others.length);
    });
    d.appendChild(table("Every paired difference", ["Difference", "Mean", "Std error"], rows));

    var b = section("buyers", "The buyers' view", "Per deal and offtake: the mean over the paths.");
    var bcols = blob.metrics.filter(function (m) {
      return m.scope === "buyer" && deals.some(function (x) { return x.buyers.length && x.buyers[0][m.key]; });
    });
    var brows = [];
    deals.forEach(function (x, k) {
      x.buyers.forEach(function (by, i) {
        brows.push([labels[k] + ": " + by.buyer].concat(bcols.map(function (m) {
          return numberCell(mean(by[m.key]), m.kind, "deals[" + k + "].buyers[" + i + "]." + m.key + ".mean");
        })));
      });
    });
    b.appendChild(table("Buyers, deal by deal", ["Deal: buyer"].concat(bcols.map(function (m) {
      return m.column + (unitText(m.kind) ? " (" + unitText(m.kind) + ")" : "");
    })), brows));

    var f = section("over-time", "Over time, deal by deal", "The median (P50) of each deal's paths, period by period.");
    p50Lines(f, "chart-compare-dscr", "DSCR, P50", deals, labels, function (k) { return "deals[" + k + "]"; },
             "dscr", "ratio", "x");
    p50Lines(f, "chart-compare-cfads", "CFADS, P50", deals, labels, function (k) { return "deals[" + k + "]"; },
             "cfads", "money", currency + " m");
  }

  function renderStress() {
    var st = blob.document;
    var list = st.scenarios.map(function (x) { return x.result; });
    var labels = st.scenarios.map(function (x) { return x.name; });
    simpleFacts("Stress test", st.deal ? st.deal.name : "",
                [["Deal file", st.deal ? st.deal.source : ""], ["Inputs hash", list.length ? list[0].inputs_hash : ""]]
                  .concat(runFacts(st)));
    var s = section("scenarios", "Scenarios", "Each scenario on the same simulated paths as the base row.");
    var changeKeys = ["price_shock", "capex_overrun", "construction_delay_periods", "production_shortfall",
                      "opex_change", "rate_shift_bps"];
    s.appendChild(table("Scenario inputs", ["Scenario"].concat(changeKeys), st.scenarios.map(function (x, k) {
      return [x.name].concat(changeKeys.map(function (c) {
        return numberCell(x.changes[c], "plain", "scenarios[" + k + "].changes." + c);
      }));
    })));
    var path = function (k) { return "scenarios[" + k + "].result"; };
    s.appendChild(metricTable("Key metrics, scenario by scenario", list, labels, path));
    var c = section("stress-charts", "What each scenario does", "");
    [["npv", "Mean project NPV", "money", currency + " m", 1e-6], ["p_default", "P(payment default)", "probability", "%", 100],
     ["dscr_min", "Minimum DSCR, P50", "ratio", "x", 1]].forEach(function (spec) {
      var stat = spec[0] === "dscr_min" ? "p50" : "mean";
      chartFigure(c, "chart-stress-" + spec[0], spec[1] + " (" + spec[3] + ")", {
        type: "bar",
        data: {labels: labels, datasets: [{label: spec[1], data: list.map(function (r) {
          var v = r[spec[0]] ? r[spec[0]][stat] : null; return v === null ? null : v * spec[4]; }),
          backgroundColor: palette.line}]},
        options: {plugins: {legend: {display: false}}, scales: {y: {title: {display: true, text: spec[3]}}}}
      }, table(spec[1], ["Scenario", spec[1] + " (" + spec[3] + ")"], list.map(function (r, k) {
        return [labels[k], numberCell(r[spec[0]] ? r[spec[0]][stat] : null, spec[2], path(k) + "." + spec[0] + "." + stat)];
      })));
    });
    p50Lines(c, "chart-stress-dscr", "DSCR, P50, scenario by scenario", list, labels, path, "dscr", "ratio", "x");
  }

  function renderSizing() {
    var z = blob.document;
    var s = section("sizing", "The sized debt",
                    z.feasible ? "The largest gearing meeting the targets, and the full simulation at that gearing below."
                               : "No gearing met the targets (see the smallest gearing that failed).");
    s.appendChild(table("The sized debt", ["Result", "Value"], [
      ["Feasible", el("td", {}, [z.feasible ? "yes" : "no"])],
      ["Gearing (%)", numberCell(z.gearing, "percent", "gearing")],
      ["Debt, mean peak senior debt (" + currency + " m)", numberCell(z.debt, "money", "debt")],
      ["Binding constraint", el("td", {}, [z.binding || ""])],
      ["Bisection iterations", numberCell(z.iterations, "count", "iterations")],
      ["Smallest failing gearing (%)", numberCell(z.smallest_failing.gearing, "percent", "smallest_failing.gearing")],
      ["Its DSCR at the percentile (x)", numberCell(z.smallest_failing.dscr_at_percentile, "ratio",
                                                    "smallest_failing.dscr_at_percentile")],
      ["Its LLCR at the percentile (x)", numberCell(z.smallest_failing.llcr_at_percentile, "ratio",
                                                    "smallest_failing.llcr_at_percentile")],
      ["Share of paths with a negative minimum DSCR there (%)",
       numberCell(z.smallest_failing.share_negative_min_dscr, "probability", "smallest_failing.share_negative_min_dscr")]]));
    root.removeChild(s);
    renderRun(z.result, "result.", "Debt sizing");
    var head = root.querySelector("header");   // the sizing goes right under the run's header
    head.parentNode.insertBefore(s, head.nextSibling);
  }

  // --- Negotiation (docs/negotiation.md): the structures tried, buyer's cost against the
  // project's coverage or default probability, with the lenders' bound drawn as a line.
  function targetAxis(n) {
    // The axis the target speaks about: P(default) when a condition bounds it, else the P10
    // of the minimum DSCR (with its bound when a condition sets one).
    var pd = n.target.find(function (t) { return /^p_default(<=|>=)/.test(t.condition); });
    if (pd) return {key: "p_default", label: "P(default) (%)", kind: "probability", scale: 100, bound: pd.bound,
                    value: function (p) { return p.project.p_default.mean; }, path: "project.p_default.mean"};
    var dscr = n.target.find(function (t) { return /^p10_dscr_min(<=|>=)/.test(t.condition); });
    return {key: "p10_dscr_min", label: "P10 of minimum DSCR (x)", kind: "ratio", scale: 1,
            bound: dscr ? dscr.bound : null, value: function (p) { return p.project.p10_dscr_min; },
            path: "project.p10_dscr_min"};
  }

  function renderNegotiateThreshold(n) {
    var s = section("threshold", "The threshold",
                    "The least (or most) value of the term that meets the target, by bisection on common random " +
                    "numbers, with its Monte Carlo standard error.");
    s.appendChild(table("The threshold", ["Result", "Value"], [
      ["Threshold", numberCell(n.threshold, "plain", "threshold")],
      ["Monte Carlo standard error", numberCell(n.threshold_std_error, "plain", "threshold_std_error")],
      ["Direction", el("td", {}, [n.direction])],
      ["Binding condition", el("td", {}, [n.binding || ""])],
      ["Runs", numberCell(n.runs, "count", "runs")]]));
    var b = n.target.findIndex(function (t) { return t.condition === n.binding; });
    if (b < 0) b = 0;
    var pts = n.evaluations.map(function (e, i) { return {e: e, i: i}; })
      .filter(function (x) { return x.e.conditions[b] && typeof x.e.conditions[b].value === "number"; });
    var bound = n.target[b].bound;
    var xs = pts.map(function (x) { return x.e.terms[0]; });
    chartFigure(s, "chart-negotiate-trace", "Every run: " + n.target[b].condition + " against " + n.terms[0].path, {
      type: "scatter",
      data: {datasets: [
        {label: "meets the target", data: pts.filter(function (x) { return x.e.meets; })
           .map(function (x) { return {x: x.e.terms[0], y: x.e.conditions[b].value}; }),
         backgroundColor: palette.third, borderColor: palette.third, pointRadius: 7},
        {label: "misses it", data: pts.filter(function (x) { return !x.e.meets; })
           .map(function (x) { return {x: x.e.terms[0], y: x.e.conditions[b].value}; }),
         backgroundColor: palette.second, borderColor: palette.second, pointRadius: 7},
        {type: "line", label: "bound " + n.target[b].condition,
         data: [{x: Math.min.apply(null, xs), y: bound}, {x: Math.max.apply(null, xs), y: bound}],
         borderColor: palette.grey, borderDash: [6, 4], pointRadius: 0, fill: false}]},
      options: {scales: {x: {type: "linear", title: {display: true, text: n.terms[0].path}},
                         y: {title: {display: true, text: n.target[b].condition}}}}
    }, table("Every run", ["Run", n.terms[0].path, "Meets", n.target[b].condition], pts.map(function (x) {
      var k = "evaluations[" + x.i + "].";
      return [String(x.i + 1), numberCell(x.e.terms[0], "plain", k + "terms[0]"), el("td", {}, [x.e.meets ? "yes" : "no"]),
              numberCell(x.e.conditions[b].value, "plain", k + "conditions[" + b + "].value")];
    })));
    negotiateSensitivity(n);
    renderRun(n.at_threshold.result, "at_threshold.result.", "The run at the threshold");
  }

  // --sensitivity: the structure found under the price model's other measures.
  function negotiateSensitivity(n) {
    if (!n.sensitivity || !n.sensitivity.length) return;
    var s = section("sensitivity", "Sensitivity to the price model",
                    "The same structure, seed and paths under another measure of the price model" +
                    (n.search === "threshold" ? "; and the threshold searched again there." : "."));
    s.appendChild(table("Under the other measures", ["Measure", "Meets", "P(default) (%)", "Score", "Category",
                                                      "Threshold there", "Its std error"],
                        n.sensitivity.map(function (r, k) {
      var key = "sensitivity[" + k + "].";
      return [r.measure, el("td", {}, [r.meets ? "yes" : "no"]), numberCell(r.p_default, "probability", key + "p_default"),
              numberCell(r.score, "plain", key + "score"), el("td", {}, [r.category || ""]),
              numberCell(r.threshold, "plain", key + "threshold"),
              numberCell(r.threshold_std_error, "plain", key + "threshold_std_error")];
    })));
  }

  function renderNegotiate() {
    var n = blob.document;
    var run = n.search === "threshold" ? n.at_threshold.result : n.recommended_result;
    currency = (run && run.currency) || currency;
    var searchWords = n.search === "threshold" ? "one term, bisection"
                    : n.search === "optimiser" ? n.optimiser.library + " " + n.optimiser.algorithm + ", " +
                                                  n.optimiser.evaluations + " runs; stopped: " + n.optimiser.stop_words
                    : "grid, " + n.points_per_term + " points per term";
    var facts = [["Deal file", n.deal ? n.deal.source : ""], ["Search", searchWords],
                 ["Target", n.target.map(function (t) { return t.condition; }).join(", ")], ["Debt", n.debt_view_label]];
    simpleFacts("Negotiation", n.deal ? n.deal.name : "",
                facts.concat(run ? runFacts(run) : [["Library version", n.library_version]]));
    if (n.search === "threshold") {
      renderNegotiateThreshold(n);
      return;
    }
    var axis = targetAxis(n);
    var s = section("frontier", "The structures tried and the frontier",
                    "Each point a structure, a full run on the same simulated paths: the buyer's cost (cost of its " +
                    "supply against spot plus expected loss on its capital) against " + axis.label +
                    (axis.bound !== null ? ", with the lenders' bound as a dashed line" : "") + ". Ringed: on the " +
                    "Pareto frontier (no other structure is at least as good on every side and better on one).");
    function cost(p) {
      var c = p.buyer.cost_against_spot.mean, l = p.buyer.expected_loss.mean;
      return c === null || l === null ? null : (c + l) / 1e6;
    }
    function xy(p) { var y = axis.value(p); return {x: cost(p), y: y === null ? null : y * axis.scale}; }
    var pts = n.points.map(function (p, i) { return {p: p, i: i}; });
    var xs = pts.map(function (x) { return cost(x.p); }).filter(function (x) { return x !== null; });
    var datasets = [
      {label: "meets the target", data: pts.filter(function (x) { return x.p.meets; }).map(function (x) { return xy(x.p); }),
       backgroundColor: palette.third, borderColor: palette.third, pointRadius: 7},
      {label: "misses it", data: pts.filter(function (x) { return !x.p.meets; }).map(function (x) { return xy(x.p); }),
       backgroundColor: palette.second, borderColor: palette.second, pointRadius: 7},
      {label: "on the frontier", data: pts.filter(function (x) { return x.p.on_frontier; }).map(function (x) { return xy(x.p); }),
       backgroundColor: "rgba(0, 0, 0, 0)", borderColor: palette.line, borderWidth: 2, pointRadius: 9}];
    if (n.recommended !== null)
      datasets.push({label: "recommended", data: [xy(n.points[n.recommended])], pointStyle: "star", pointRadius: 14,
                     borderColor: "rgb(255, 127, 14)", backgroundColor: "rgb(255, 127, 14)", borderWidth: 2});
    if (axis.bound !== null && xs.length)
      datasets.push({type: "line", label: "lenders' bound", data: [{x: Math.min.apply(null, xs), y: axis.bound * axis.scale},
                                                                   {x: Math.max.apply(null, xs), y: axis.bound * axis.scale}],
                     borderColor: palette.grey, borderDash: [6, 4], pointRadius: 0, fill: false});
    var headings = n.terms.map(function (t) { return t.path; }).concat(
      ["Meets", "Frontier", "Recommended", "Buyer cost vs spot (" + currency + " m)", "Capital at risk (" + currency + " m)",
       "Buyer expected loss (" + currency + " m)", "P(shortfall) (%)", "P(default) (%)", "P10 min DSCR (x)", "Score"]);
    var rows = pts.map(function (x) {
      var p = x.p, k = "points[" + x.i + "].";
      return p.terms.map(function (t, i) { return numberCell(t, "plain", k + "terms[" + i + "]"); }).concat([
        el("td", {}, [p.meets ? "yes" : "no"]), el("td", {}, [p.on_frontier ? "yes" : "no"]),
        el("td", {}, [n.recommended === x.i ? "yes" : "no"]),
        numberCell(p.buyer.cost_against_spot.mean, "money", k + "buyer.cost_against_spot.mean"),
        numberCell(p.buyer.capital_at_risk, "money", k + "buyer.capital_at_risk"),
        numberCell(p.buyer.expected_loss.mean, "money", k + "buyer.expected_loss.mean"),
        numberCell(p.buyer.p_shortfall.mean, "probability", k + "buyer.p_shortfall.mean"),
        numberCell(p.project.p_default.mean, "probability", k + "project.p_default.mean"),
        numberCell(p.project.p10_dscr_min, "ratio", k + "project.p10_dscr_min"),
        numberCell(p.project.score, "plain", k + "project.score")]);
    });
    chartFigure(s, "chart-negotiate-frontier", "Buyer's cost against " + axis.label, {
      type: "scatter", data: {datasets: datasets},
      options: {scales: {x: {type: "linear", title: {display: true, text: "buyer's cost, " + currency + " m"}},
                         y: {title: {display: true, text: axis.label}}}}
    }, table("Every structure tried", headings, rows), 420);
    negotiateSensitivity(n);
    if (n.recommended !== null) renderRun(n.recommended_result, "recommended_result.", "The recommended structure");
  }

  var renderers = {run: function () { renderRun(blob.document, "", "Financing report"); }, tornado: renderTornado,
                   compare: renderCompare, stress: renderStress, "size-debt": renderSizing, negotiate: renderNegotiate};
  renderers[blob.report]();
  document.body.setAttribute("data-rendered", "true");
})();
