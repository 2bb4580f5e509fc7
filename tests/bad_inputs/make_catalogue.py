#!/usr/bin/env python3
"""Writes the catalogue of broken deal files: NN-name.yaml and NN-name.expected.

Each case starts from one realistic, valid copper cathode deal and breaks one thing.
A .expected file lists, one per line, substrings the loader's message must contain:
the file name with line and column, the field path, and the rule. Positions are
computed here from the text itself (the line and column where the broken value
starts), not taken from the loader's output. Run from anywhere:
    python3 tests/bad_inputs/make_catalogue.py
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))

BASE = """project:
  name: Copper cathode heap-leach project
  commodity: copper_cathode
  time:
    start: 2026-01-01
    frequency: quarterly
  construction_periods: 8
  mine_life_years: 25
  production_tpa: [120000, 150000, 150000]
  construction_capex: [250e6, 250e6, 250e6, 250e6, 250e6, 250e6, 250e6, 250e6]
  sustaining_capex: [60e6]
  fixed_opex: [90e6]
  unit_opex: 2400
  inflation: 0.02
  royalty_rate: 0.0125
  tax_rate: 0.35
  depreciation_years: 10
  working_capital_days: 30
  closure_cost: 150e6
price_deck:
  type: flat
  price: 8800
  spot_discount: 0.01
discounting:
  rate: 0.08
  cost_of_equity: 0.12
offtakes:
  - buyer: Commodity trader
    share: 0.2
    end: 2031-12-31
    pricing:
      type: index
      discount: 0.01
    take_or_pay: 1.0
    buyer_pd: 0.005
  - buyer: Wire-rod mill
    volume_tpa: 40000
    priority: 2
    pricing:
      type: collar
      floor: 7000
      cap: 11000
    buyer_rating: BBB
prepayment:
  buyer: Commodity trader
  amount: 200e6
  draw_date: 2027-07-01
  rate: 0.08
  deduction_share: 0.35
equity:
  - {name: Sponsor, share: 0.8}
  - {name: Commodity trader, share: 0.2}
debt:
  gearing: 0.5
  tenor_years: 12
  grace_periods: 2
  profile: sculpted
  target_dscr: 1.35
  base_rate: 0.0425
  margin_bps: 350
  dsra_months: 6
simulation:
  paths: 10000
  seed: 7
"""

cases = []


def case(name, comment, text, expected):
    cases.append((name, comment, text, expected))


def sub(text, old, new, count=1):
    assert old in text, old
    return text.replace(old, new, count)


def pos(text, marker, nth=0, offset=0, after=0):
    """line:column (one-based) where `marker` starts in the final file text, searching
    from `after` (past the header comment)."""
    start = after - 1
    for _ in range(nth + 1):
        start = text.index(marker, start + 1)
    start += offset
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return f"{line}:{column}"



def add(name, comment, body, *expected):
    """expected items: plain strings, or ('@', marker[, nth[, offset]]) for a position."""
    header = f"# Broken on purpose ({comment}); the loader must refuse it.\n" if comment else ""
    text = header + body
    lines = []
    for e in expected:
        if isinstance(e, tuple):
            marker = e[1]
            nth = e[2] if len(e) > 2 else 0
            offset = e[3] if len(e) > 3 else 0
            lines.append(f"{name}.yaml:{pos(text, marker, nth, offset, len(header))}")
        else:
            lines.append(e)
    case(name, comment, text, lines)


B = BASE
# --- whole-file problems -------------------------------------------------------------
add("01-empty-file", "", "", "01-empty-file.yaml:1:1", "file is empty")
add("02-comment-only", "nothing but a comment", "", "02-comment-only.yaml:1:1", "file is empty")
add("03-root-is-list", "a list where the sections belong", "- project\n- price_deck\n",
    ("@", "- project"), "the top level must be a map", "got a list")
add("04-root-is-scalar", "plain text", "Copper project, see spreadsheet\n",
    ("@", "Copper"), "the top level must be a map", "got a single value")
cases.append(("05-binary-garbage", None,
              b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00\x01\x00\x00\x00\xd0\xff",
              ["05-binary-garbage.yaml:1:1", "file is not text: control byte 0x7f"]))
latin1 = ("# Broken on purpose (a Latin-1 byte in a name); the loader must refuse it.\n"
          + sub(B, "Copper cathode heap-leach project", "Cobre Caf\xe9 project")).encode("latin-1")
lat_text = latin1.decode("latin-1")
cases.append(("06-invalid-utf8", None, latin1,
              [f"06-invalid-utf8.yaml:{pos(lat_text, chr(0xe9))}", "file is not UTF-8 text: byte 0xe9"]))
add("07-deep-flow-nesting", "brackets nested 200 deep",
    "project: " + "[" * 200 + "]" * 200 + "\n",
    ("@", "[", 64), "YAML nested deeper than 64 levels")
add("08-deep-block-nesting", "block lists nested 3000 deep", "- " * 3000 + "x\n",
    "08-deep-block-nesting.yaml:2:", "YAML nested too deeply")
add("09-yaml-syntax-error", "an unclosed list", sub(B, "[120000, 150000, 150000]", "[120000, 150000, 150000"),
    "09-yaml-syntax-error.yaml:11:", "YAML syntax error: while parsing a flow sequence")
add("10-two-documents", "two deals in one file", B + "---\n" + B,
    ("@", "project:", 1), "file holds 2 YAML documents; a deal file holds one")
# --- keys ----------------------------------------------------------------------------
add("11-unknown-top-level-key", "a section the schema does not know",
    B + "financing:\n  senior: 1e9\n",
    ("@", "financing:"), "financing", "unknown key 'financing' (known keys: project, price_deck")
add("12-unknown-key-typo", "a misspelt key", sub(B, "  royalty_rate:", "  royalty_rte:"),
    ("@", "royalty_rte"), "project.royalty_rte", "unknown key 'royalty_rte' (did you mean 'royalty_rate'?)")
t = sub(B, "    volume_tpa: 40000", "    volume: 40000")
add("13-unknown-key-in-offtake", "volume instead of volume_tpa", t,
    ("@", "volume: 40000"), "offtakes[1].volume", "unknown key 'volume' (did you mean 'volume_tpa'?)")
add("14-duplicate-key", "the price given twice", sub(B, "  price: 8800\n", "  price: 8800\n  price: 9200\n"),
    ("@", "price: 9200"), "price_deck.price", "duplicate key 'price' (first given at line")
add("15-duplicate-section", "two discounting sections",
    B + "discounting:\n  rate: 0.10\n",
    ("@", "discounting:", 1), "discounting", "duplicate key 'discounting'")
add("16-non-scalar-key", "a list used as a key", B + "? [a, b]\n: 1\n",
    ("@", "[a, b]"), "map keys must be plain names")
# --- missing fields ------------------------------------------------------------------
t = B[B.index("price_deck:"):]
add("17-missing-project", "no project section", t,
    ("@", "price_deck:"), "project", "missing required field 'project'")
t = sub(B, "    start: 2026-01-01\n", "")
add("18-missing-start", "no start date", t,
    ("@", "frequency: quarterly"), "project.time.start", "missing required field 'start'")
t = sub(B, "  price: 8800\n", "")
add("19-missing-flat-price", "a flat deck without its price", t,
    ("@", "type: flat"), "price_deck.price", "price deck of type flat needs 'price'")
t = sub(B, "  rate: 0.08\n  cost_of_equity", "  cost_of_equity")
add("20-missing-discount-rate", "neither rate nor zero curve", t,
    ("@", "cost_of_equity"), "discounting.rate", "missing: give a discount rate or a zero_curve")
add("21-null-required", "start given as null", sub(B, "start: 2026-01-01", "start: ~"),
    ("@", "start: ~"), "project.time.start", "required field has no value")
add("22-missing-offtake-pricing", "an offtake without pricing",
    sub(B, "    pricing:\n      type: index\n      discount: 0.01\n", ""),
    ("@", "buyer: Commodity trader"), "offtakes[0].pricing", "missing required field 'pricing'")
# --- wrong types ---------------------------------------------------------------------
add("23-wrong-type-number", "words where a number belongs", sub(B, "unit_opex: 2400", "unit_opex: cheap"),
    ("@", "cheap"), "project.unit_opex", "expected a number, got 'cheap'")
add("24-quoted-number", "a number in quotes", sub(B, "price: 8800", 'price: "8800"'),
    ("@", '"8800"'), "price_deck.price", "expected a number, got the quoted string '8800'")
add("25-scalar-for-list", "one number where a list belongs",
    sub(B, "production_tpa: [120000, 150000, 150000]", "production_tpa: 150000"),
    ("@", "150000\n"), "project.production_tpa", "expected a list, got '150000'")
add("26-scalar-for-map", "a word where the pricing map belongs",
    sub(B, "    pricing:\n      type: index\n      discount: 0.01\n", "    pricing: index\n"),
    ("@", "index\n"), "offtakes[0].pricing", "expected a map, got 'index'")
add("27-yes-no-boolean", "yes instead of true",
    sub(B, "  deduction_share: 0.35\n", "  deduction_share: 0.35\n  counts_as_debt_service: yes\n"),
    ("@", "yes\n"), "prepayment.counts_as_debt_service", "expected true or false, got 'yes'")
add("28-impossible-date", "30 February", sub(B, "start: 2026-01-01", "start: 2026-02-30"),
    ("@", "2026-02-30"), "project.time.start", "'2026-02-30' is not a calendar day (February 2026 has 28 days)")
add("29-slash-date", "a spreadsheet date format", sub(B, "draw_date: 2027-07-01", "draw_date: 01/07/2027"),
    ("@", "01/07/2027"), "prepayment.draw_date", "expected a date YYYY-MM-DD, got '01/07/2027'")
add("30-misspelt-choice", "quartely", sub(B, "frequency: quarterly", "frequency: quartely"),
    ("@", "quartely"), "project.time.frequency", "must be one of annual, semiannual, quarterly, monthly",
    "(did you mean 'quarterly'?)")
add("31-decimal-integer", "grace periods 2.5", sub(B, "grace_periods: 2", "grace_periods: 2.5"),
    ("@", "2.5\n"), "debt.grace_periods", "expected a whole number, got '2.5'")
add("32-unknown-rating", "a rating that does not exist", sub(B, "buyer_rating: BBB", "buyer_rating: BBBB"),
    ("@", "BBBB"), "offtakes[1].buyer_rating", "must be one of AAA, AA+", "got 'BBBB'")
# --- out of range --------------------------------------------------------------------
add("33-negative-tonnes", "negative production",
    sub(B, "[120000, 150000, 150000]", "[120000, -150000, 150000]"),
    ("@", "-150000"), "project.production_tpa[1]", "must be in [0, 1e9], got -150000")
add("34-negative-capex", "negative construction capex",
    sub(B, "construction_capex: [250e6", "construction_capex: [-250e6"),
    ("@", "-250e6"), "project.construction_capex[0]", "must be in [0, 1e12], got -250e6")
add("35-gearing-above-one", "120 % gearing", sub(B, "gearing: 0.5", "gearing: 1.2"),
    ("@", "1.2\n"), "debt.gearing", "must be in [0, 1], got 1.2")
add("36-share-above-one", "an offtake share of 150 %", sub(B, "share: 0.2\n    end", "share: 1.5\n    end"),
    ("@", "1.5\n"), "offtakes[0].share", "must be in (0, 1], got 1.5")
add("37-take-or-pay-above-one", "take-or-pay 120 %", sub(B, "take_or_pay: 1.0", "take_or_pay: 1.2"),
    ("@", "1.2\n"), "offtakes[0].take_or_pay", "must be in [0, 1], got 1.2")
add("38-pd-of-one", "a certain default", sub(B, "buyer_pd: 0.005", "buyer_pd: 1.0"),
    ("@", "buyer_pd: 1.0", 0, 10), "offtakes[0].buyer_pd", "must be in [0, 1), got 1.0")
add("39-discount-rate-500pct", "a discount rate of 500 %", sub(B, "  rate: 0.08\n  cost", "  rate: 5\n  cost"),
    ("@", "5\n  cost"), "discounting.rate", "must be in [-0.1, 1], got 5")
add("40-construction-periods-too-many", "500 construction periods",
    sub(B, "construction_periods: 8", "construction_periods: 500"),
    ("@", "500"), "project.construction_periods", "must be in [1, 240], got 500")
add("41-zero-mine-life", "a mine that never operates", sub(B, "mine_life_years: 25", "mine_life_years: 0"),
    ("@", "0\n  production"), "project.mine_life_years", "must be in [1, 100], got 0")
add("42-zero-paths", "zero Monte Carlo paths", sub(B, "paths: 10000", "paths: 0"),
    ("@", "0\n  seed"), "simulation.paths", "must be in [1, 1e8], got 0")
add("43-negative-seed", "a negative seed", sub(B, "seed: 7", "seed: -1"),
    ("@", "seed: -1", 0, 6), "simulation.seed", "must be in [0, 9007199254740991], got -1")
# --- huge and NaN-like values --------------------------------------------------------
add("44-nan-price", "price .nan", sub(B, "price: 8800", "price: .nan"),
    ("@", ".nan"), "price_deck.price", "must be a finite number, got '.nan'")
add("45-inf-rate", "rate .inf", sub(B, "  rate: 0.08\n  cost", "  rate: .inf\n  cost"),
    ("@", ".inf"), "discounting.rate", "must be a finite number, got '.inf'")
add("46-huge-closure-cost", "1e308 of closure cost", sub(B, "closure_cost: 150e6", "closure_cost: 1e308"),
    ("@", "1e308"), "project.closure_cost", "must be in [0, 1e12], got 1e308")
add("47-overflowing-number", "a number beyond double range", sub(B, "price: 8800", "price: 1e999"),
    ("@", "1e999"), "price_deck.price", "number '1e999' is out of range (too large)")
add("48-enormous-array", "20000 yearly production values",
    sub(B, "[120000, 150000, 150000]", "[" + ", ".join(["150000"] * 20000) + "]"),
    ("@", "[150000"), "project.production_tpa", "list has 20000 items; at most 100 allowed")
offtake = "  - {buyer: Smelter, volume_tpa: 100, pricing: {type: index}}\n"
add("49-too-many-offtakes", "101 offtake agreements",
    sub(B, "offtakes:\n", "offtakes:\n" + offtake * 99),
    ("@", "- {buyer: Smelter"), "offtakes", "list has 101 items; at most 100 allowed")
add("50-very-long-name", "a 5000-character project name",
    sub(B, "name: Copper cathode heap-leach project", "name: " + "x" * 5000),
    ("@", "xxxx"), "project.name", "text is 5000 characters; at most 1000 allowed")
# --- contradictory terms -------------------------------------------------------------
add("51-equity-not-summing-to-one", "shares of 80 % and 30 %",
    sub(B, "{name: Commodity trader, share: 0.2}", "{name: Commodity trader, share: 0.3}"),
    ("@", "- {name: Sponsor"), "equity", "equity shares must sum to 1 (within 1e-9), they sum to 1.1")
add("52-floor-above-cap", "a floor above the cap", sub(B, "floor: 7000", "floor: 12000"),
    ("@", "floor: 12000", 0, 7), "offtakes[1].pricing.floor", "floor must not exceed cap (floor 12000 > cap 11000)")
add("53-volume-and-share", "both a volume and a share",
    sub(B, "    share: 0.2\n    end", "    share: 0.2\n    volume_tpa: 30000\n    end"),
    ("@", "0.2\n    volume"), "offtakes[0].share", "give either volume_tpa or share, not both")
add("54-neither-volume-nor-share", "no quantity", sub(B, "    share: 0.2\n    end", "    end"),
    ("@", "buyer: Commodity trader"), "offtakes[0].volume_tpa", "give volume_tpa (t/yr) or share")
add("55-prepayment-buyer-not-offtaker", "the prepaying buyer buys nothing",
    sub(B, "prepayment:\n  buyer: Commodity trader", "prepayment:\n  buyer: Glencore"),
    ("@", "Glencore"), "prepayment.buyer", "prepayment buyer 'Glencore' is not the buyer of any offtake")
add("56-pd-and-rating", "both a PD and a rating",
    sub(B, "    buyer_rating: BBB\n", "    buyer_rating: BBB\n    buyer_pd: 0.01\n"),
    ("@", "BBB\n"), "offtakes[1].buyer_rating", "give either buyer_pd or buyer_rating, not both")
add("57-collar-without-bounds", "a collar with neither floor nor cap",
    sub(B, "      floor: 7000\n      cap: 11000\n", ""),
    ("@", "type: collar"), "offtakes[1].pricing.floor", "collar pricing needs a floor, a cap or both")
add("58-floor-on-index-pricing", "a floor on index pricing",
    sub(B, "      discount: 0.01\n", "      discount: 0.01\n      floor: 6000\n"),
    ("@", "6000"), "offtakes[0].pricing.floor", "'floor' is only used by collar pricing, not index")
add("59-fixed-without-price", "fixed pricing without a price",
    sub(B, "      type: index\n      discount: 0.01\n", "      type: fixed\n"),
    ("@", "type: fixed"), "offtakes[0].pricing.price", "fixed pricing needs 'price'")
add("60-guarantee-without-debt", "a guarantee of no debt",
    B[:B.index("debt:")] + "guarantee:\n  provider: ECA\n  cover: 0.8\n" + B[B.index("simulation:"):],
    ("@", "provider: ECA"), "guarantee", "a guarantee needs senior debt")
add("61-rate-and-zero-curve", "both a rate and a zero curve",
    sub(B, "  cost_of_equity: 0.12\n", "  cost_of_equity: 0.12\n  zero_curve:\n    - {tenor_years: 1, rate: 0.05}\n"),
    ("@", "- {tenor_years"), "discounting.zero_curve", "give either rate or zero_curve, not both")
add("62-duplicate-investor", "the same investor twice",
    sub(B, "{name: Commodity trader, share: 0.2}", "{name: Sponsor, share: 0.2}"),
    ("@", "Sponsor", 1), "equity[1].name", "investor 'Sponsor' is listed twice")
add("63-capex-count-mismatch", "six construction periods, eight capex values",
    sub(B, "construction_periods: 8", "construction_periods: 6"),
    ("@", "[250e6"), "project.construction_capex", "gives 8 values but construction_periods is 6")
add("64-production-beyond-mine-life", "three production years for a two-year mine",
    sub(B, "mine_life_years: 25", "mine_life_years: 2"),
    ("@", "[120000"), "project.production_tpa", "gives 3 yearly values but mine_life_years is 2")
add("65-tenor-beyond-mine-life", "a 30-year loan on a 25-year mine", sub(B, "tenor_years: 12", "tenor_years: 30"),
    ("@", "tenor_years: 30", 0, 13), "debt.tenor_years", "tenor 30 years is longer than the mine life (25 years)")
add("66-price-table-with-flat-deck", "a table on a flat deck",
    sub(B, "  spot_discount: 0.01\n", "  spot_discount: 0.01\n  table: [{year: 2027, price: 9000}]\n"),
    ("@", "[{year"), "price_deck.table", "'table' is not used by a price deck of type flat")
add("67-table-years-out-of-order", "price table years going back",
    sub(B, "  type: flat\n  price: 8800\n",
        "  type: table\n  table:\n    - {year: 2028, price: 9000}\n    - {year: 2027, price: 9100}\n"),
    ("@", "2027"), "price_deck.table[1].year", "years must increase (year 2027 follows 2028)")
# --- dates out of order --------------------------------------------------------------
add("68-offtake-end-before-start", "an offtake ending before it starts",
    sub(B, "    priority: 2\n", "    priority: 2\n    start: 2035-01-01\n    end: 2032-12-31\n"),
    ("@", "2032-12-31"), "offtakes[1].end", "end 2032-12-31 must be after start 2035-01-01")
add("69-draw-before-start", "a prepayment drawn before financial close",
    sub(B, "draw_date: 2027-07-01", "draw_date: 2025-06-30"),
    ("@", "2025-06-30"), "prepayment.draw_date", "draw_date 2025-06-30 is before the project start 2026-01-01")
add("70-offtake-before-project", "an offtake starting before the project",
    sub(B, "    priority: 2\n", "    priority: 2\n    start: 2020-01-01\n"),
    ("@", "2020-01-01"), "offtakes[1].start", "start 2020-01-01 is before the project start 2026-01-01")
add("71-kpi-years-out-of-order", "KPI targets going back in time",
    B + "sustainability_linked_margin:\n  kpis:\n    - name: water\n"
        "      targets: [{year: 5, value: 50}, {year: 3, value: 60}]\n"
        "      planned: [{year: 3, value: 58}]\n",
    ("@", "3, value: 60"), "sustainability_linked_margin.kpis[0].targets[1].year",
    "years must increase (year 3 follows 5)")

# --- regression cases found by tests/fuzz/fuzz_deal_loader --------------------------
# Any map input read a key through a dangling reference (yaml-cpp's iterator yields a
# temporary pair); AddressSanitizer stopped on the first seed. Kept byte for byte. Its
# second line is a plain scalar inside a block map, which yaml-cpp accepted and libyaml
# (the syntax check now run first) rightly refuses.
cases.append(("72-fuzz-map-key-lifetime", None, b"08-deep-block-nesting.yaml:2:\nYAML nested too deeply\n",
              ["72-fuzz-map-key-lifetime.yaml:3:1",
               "YAML syntax error: while scanning a simple key: could not find expected ':'"]))

# yaml-cpp 0.7 loops, allocating without bound, on a ',' where a block value starts
# after a list: the fuzzer's input (a mutated 49-too-many-offtakes) and a minimal one.
fuzzed = open(os.path.join(HERE, "73-fuzz-stray-comma-hang.yaml"), "rb").read() \
    if os.path.exists(os.path.join(HERE, "73-fuzz-stray-comma-hang.yaml")) else None
if fuzzed is not None:
    cases.append(("73-fuzz-stray-comma-hang", None, fuzzed,
                  ["73-fuzz-stray-comma-hang.yaml:61:1", "YAML syntax error:",
                   "(a ',' outside a [...] or {...} list?)"]))
p75 = os.path.join(HERE, "75-fuzz-comma-after-quote-hang.yaml")
if os.path.exists(p75):  # the fuzzer's input: a mutated copy of this script
    cases.append(("75-fuzz-comma-after-quote-hang", None, open(p75, "rb").read(),
                  ["75-fuzz-comma-after-quote-hang.yaml:2:",
                   "YAML syntax error: did not find expected <document start>"]))
p76 = os.path.join(HERE, "76-fuzz-flow-list-then-comma-hang.yaml")
if os.path.exists(p76):  # a flow list then ',' at block level: yaml-cpp loops; libyaml refuses it
    cases.append(("76-fuzz-flow-list-then-comma-hang", None, open(p76, "rb").read(),
                  ["76-fuzz-flow-list-then-comma-hang.yaml:1:8",
                   "YAML syntax error: did not find expected <document start>"]))
add("74-stray-comma-after-list", "a comma starting a line after a list",
    "offtakes:\n  - {buyer: Smelter, volume_tpa: 100, pricing: {type: index}}\n, {buyer: Trader}\n",
    ("@", ", {buyer: Trader"), "YAML syntax error:", "(a ',' outside a [...] or {...} list?)")

# --- second pass (issue 12): special text, unclear messages made clear ----------------
add("77-whitespace-only", "", "   \n\t\n  \n", "77-whitespace-only.yaml:1:1", "file is empty (only blank space)")
cases.append(("78-cr-only-line-endings", None,
              ("# Broken on purpose (old Mac line endings, one value wrong).\n" +
               sub(B, "unit_opex: 2400", "unit_opex: cheap")).replace("\n", "\r").encode(),
              ["78-cr-only-line-endings.yaml:1:", "file uses CR-only line endings (classic Mac OS)"]))
add("79-custom-tag", "a tag on a number", sub(B, "price: 8800", "price: !money 8800"),
    ("@", "!money"), "price_deck.price", "has the YAML tag '!money'; deal files use no tags")
add("80-not-a-leap-year", "29 February in a common year", sub(B, "draw_date: 2027-07-01", "draw_date: 2039-02-29"),
    ("@", "2039-02-29"), "prepayment.draw_date", "'2039-02-29' is not a calendar day (2039 is not a leap year)")
add("81-month-thirteen", "month 13", sub(B, "draw_date: 2027-07-01", "draw_date: 2027-13-01"),
    ("@", "2027-13-01"), "prepayment.draw_date", "'2027-13-01' is not a calendar day (there is no month 13)")
add("82-huge-key", "a 100,000-character key", sub(B, "  royalty_rate:", "  " + "k" * 100000 + ": 1\n  royalty_rate:"),
    "82-huge-key.yaml:16:100003", "(a key longer than YAML's 1024 characters?)")
add("83-escaped-control-characters", "NUL, SOH and BEL written as escapes in the name",
    sub(B, "name: Copper cathode heap-leach project", 'name: "\\0\\x01\\a"'),
    ("@", '"\\0'), "project.name", "control character U+0000 at character 1")
add("84-escaped-delete", "DEL written as an escape", sub(B, "name: Copper cathode heap-leach project", 'name: "Mine\\x7f"'),
    ("@", '"Mine'), "project.name", "control character U+007F at character 5")
add("85-escaped-c1-control", "a C1 control (U+0085) in a buyer's name", sub(B, "buyer: Wire-rod mill", 'buyer: "Wire\\x85mill"'),
    ("@", '"Wire'), "offtakes[1].buyer", "control character U+0085 at character 5")
cases.append(("86-utf16-file", None,
              b"\xff\xfe" + "project:\n  name: x\n".encode("utf-16-le"),
              ["86-utf16-file.yaml:1:1", "file is not UTF-8 text: byte 0xff"]))
cases.append(("87-nul-byte", None, B.replace("unit_opex: 2400", "unit_opex: 24\x0000").encode(),
              [f"87-nul-byte.yaml:{pos(B.replace('unit_opex: 2400', 'unit_opex: 24' + chr(0) + '00'), chr(0))}",
               "file is not text: control byte 0x00"]))
cases.append(("88-overlong-utf8", None, B.replace("heap-leach", "heap\xc0\xafleach".encode("latin-1").decode("latin-1"))
              .encode("latin-1"),
              [f"88-overlong-utf8.yaml:{pos(B.replace('heap-leach', 'heap' + chr(0xc0) + 'leach'), chr(0xc0))}",
               "file is not UTF-8 text: byte 0xc0"]))
cases.append(("89-utf8-surrogate", None,
              B.replace("heap-leach", "heap\xed\xa0\x80leach".encode("latin-1").decode("latin-1")).encode("latin-1"),
              [f"89-utf8-surrogate.yaml:{pos(B.replace('heap-leach', 'heap' + chr(0xed) + 'leach'), chr(0xed))}",
               "file is not UTF-8 text: byte 0xed"]))
cases.append(("90-beyond-unicode", None,
              B.replace("heap-leach", "heap\xf4\x90\x80\x80leach".encode("latin-1").decode("latin-1")).encode("latin-1"),
              [f"90-beyond-unicode.yaml:{pos(B.replace('heap-leach', 'heap' + chr(0xf4) + 'leach'), chr(0xf4))}",
               "file is not UTF-8 text: byte 0xf4"]))
lol = "x-lol: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"x-lol{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]\n" for i in range(1, 10))
add("91-alias-bomb", "aliases nested nine deep (a billion laughs)", B + lol,
    ("@", "x-lol:"), "unknown key 'x-lol'")
# The position is the anchored list's: yaml-cpp gives the alias that very node.
add("92-alias-of-a-list-for-a-number", "an alias of a list where a number belongs",
    sub(sub(B, "production_tpa: [", "production_tpa: &tonnes ["), "unit_opex: 2400", "unit_opex: *tonnes"),
    ("@", "&tonnes ["), "project.unit_opex", "expected a number, got a list")
add("93-merge-key", "a YAML merge key", sub(B, "discounting:\n", "base: &b {rate: 0.08}\ndiscounting:\n  <<: *b\n"),
    ("@", "base:"), "unknown key 'base'")
add("94-hex-number", "a price written in hexadecimal", sub(B, "price: 8800", "price: 0x2260"),
    ("@", "0x2260"), "price_deck.price", "expected a number, got '0x2260'")
add("95-thousands-separator", "a price with a thousands comma", sub(B, "price: 8800", "price: 8,800"),
    ("@", "8,800"), "price_deck.price", "expected a number, got '8,800'")
add("96-percent-sign", "a tax rate written as a percentage", sub(B, "tax_rate: 0.35", "tax_rate: 35%"),
    ("@", "35%"), "project.tax_rate", "expected a number, got '35%'")
add("97-date-with-time", "a timestamp where a date belongs", sub(B, "start: 2026-01-01", "start: 2026-01-01T00:00:00"),
    ("@", "2026-01-01T"), "project.time.start", "expected a date YYYY-MM-DD, got '2026-01-01T00:00:00'")
add("98-date-out-of-range", "a start in 1900", sub(B, "start: 2026-01-01", "start: 1900-01-01"),
    ("@", "1900-01-01"), "project.time.start", "date must be between 1950 and 2150, got '1900-01-01'")
add("99-unknown-deck-type", "a price deck of an unknown type", sub(B, "  type: flat\n", "  type: forward_curve\n"),
    ("@", "forward_curve"), "price_deck.type", "must be one of")
add("100-empty-list", "no production at all", sub(B, "[120000, 150000, 150000]", "[]"),
    ("@", "[]"), "project.production_tpa")
add("101-seed-above-2-53", "a seed JSON cannot hold exactly", sub(B, "seed: 7", "seed: 9007199254740992"),
    ("@", "9007199254740992"), "simulation.seed", "must be in [0, 9007199254740991], got 9007199254740992")
add("102-paths-in-e-notation", "paths written as 1e4", sub(B, "paths: 10000", "paths: 1e4"),
    ("@", "1e4"), "simulation.paths", "expected a whole number, got '1e4'")
add("103-empty-key", "a key that is an empty string", sub(B, "  royalty_rate:", '  "": 1\n  royalty_rate:'),
    ("@", '"": 1'), "unknown key ''")
add("104-tagged-string", "a YAML type tag forcing text", sub(B, "unit_opex: 2400", "unit_opex: !!str 2400"),
    ("@", "!!str"), "project.unit_opex", "has the YAML tag 'tag:yaml.org,2002:str'")
# --- buyer ratings (models/ratings.yaml, compiled in) ---------------------------------
add("105-rating-lower-case", "a rating in lower case", sub(B, "buyer_rating: BBB", "buyer_rating: bbb"),
    ("@", "bbb"), "offtakes[1].buyer_rating", "must be one of AAA, AA+", "got 'bbb'")
add("106-rating-moodys-scale", "a Moody's rating where S&P's scale is used", sub(B, "buyer_rating: BBB", "buyer_rating: Baa2"),
    ("@", "Baa2"), "offtakes[1].buyer_rating", "must be one of AAA, AA+", "got 'Baa2'")
add("107-rating-as-number", "a rating given as a number", sub(B, "buyer_rating: BBB", "buyer_rating: 3"),
    ("@", "3\n"), "offtakes[1].buyer_rating", "must be one of AAA, AA+", "got '3'")
# --- the deal's currency (ISO 4217: three capital letters) ---------------------------
add("130-currency-lower-case", "a currency code in lower case",
    sub(B, "  commodity: copper_cathode", "  currency: eur\n  commodity: copper_cathode"),
    ("@", "eur"), "project.currency", "'eur' is not an ISO 4217 currency code: three capital letters")
add("131-currency-as-a-word", "a currency named in words",
    sub(B, "  commodity: copper_cathode", "  currency: Euro\n  commodity: copper_cathode"),
    ("@", "Euro"), "project.currency", "'Euro' is not an ISO 4217 currency code")
# --- the mine's country (ISO 3166-1 alpha-2: an assigned code) ------------------------
add("140-country-lower-case", "a country code in lower case",
    sub(B, "  commodity: copper_cathode", "  country: cl\n  commodity: copper_cathode"),
    ("@", "cl"), "project.country", "'cl' is not an ISO 3166-1 alpha-2 country code: two capital letters")
add("141-country-alpha-3", "a three-letter (alpha-3) country code",
    sub(B, "  commodity: copper_cathode", "  country: CHL\n  commodity: copper_cathode"),
    ("@", "CHL"), "project.country", "'CHL' is not an ISO 3166-1 alpha-2 country code")
add("142-country-reserved-not-assigned", "UK: reserved by ISO 3166 but not assigned (the code is GB)",
    sub(B, "  commodity: copper_cathode", "  country: UK\n  commodity: copper_cathode"),
    ("@", "UK"), "project.country", "'UK' is not an ISO 3166-1 alpha-2 country code")

# --- country export restrictions (issue 14, docs/risks.md) ---------------------------
ER = "export_restrictions:\n  model: ../../models/country/export_restrictions.yaml\n  response: stockpile\n"
BC = sub(B, "  commodity: copper_cathode", "  country: ID\n  commodity: copper_cathode")
add("170-export-restrictions-without-country", "country events for a mine that names no country",
    B + ER, ("@", "model: ../../"), "export_restrictions", "state project.country")
add("171-export-response-misspelt", "a response the engine does not know",
    BC + ER.replace("stockpile", "smuggle"), ("@", "smuggle"), "export_restrictions.response",
    "must be one of domestic_sale, stockpile, stop")
add("172-domestic-discount-above-one", "a domestic discount of 130 %",
    BC + ER + "  domestic_discount: 1.3\n", ("@", "1.3\n"), "export_restrictions.domestic_discount", "in [0, 1]")
add("173-export-restrictions-without-model", "no country model file",
    BC + "export_restrictions:\n  response: stop\n", ("@", "response: stop"), "export_restrictions.model",
    "missing required field 'model'")

# --- completion risk (issue 14, docs/risks.md section 2) ------------------------------
CR = "completion_risk:\n  capex_overrun: {mean: 0.14, sigma: 0.47}\n  delay: {probability: 0.8, mean_share: 0.3, sigma: 0.8}\n  completion_support: 150e6\n"
add("174-overrun-sigma-negative", "a negative spread of the overrun",
    B + CR.replace("sigma: 0.47", "sigma: -0.47"), ("@", "-0.47"), "completion_risk.capex_overrun.sigma", "in [0, 3]")
add("175-delay-probability-above-one", "a delay more than certain",
    B + CR.replace("probability: 0.8", "probability: 1.8"), ("@", "1.8"), "completion_risk.delay.probability", "in [0, 1]")
add("176-completion-support-negative", "a negative completion support",
    B + CR.replace("150e6", "-150e6"), ("@", "-150e6"), "completion_risk.completion_support", "in [0, 1e12]")

# --- production risk (issue 14, docs/risks.md section 3) ------------------------------
PR = "production_risk:\n  rampup: {probability: 0.6, shortfall_mean: 0.25, shortfall_sigma: 0.5, years: 2, permanent_share: 0.2}\n  operating: {sigma: 0.08, autocorrelation: 0.5}\n"
add("195-rampup-probability-above-one", "a ramp-up shortfall more than certain",
    B + PR.replace("probability: 0.6", "probability: 1.6"), ("@", "1.6"), "production_risk.rampup.probability", "in [0, 1]")
add("196-rampup-shortfall-above-plan", "a mean shortfall deeper than the whole plan",
    B + PR.replace("shortfall_mean: 0.25", "shortfall_mean: 1.25"), ("@", "1.25"), "production_risk.rampup.shortfall_mean", "in [0, 1]")
add("197-operating-autocorrelation-one", "a unit root: the AR(1) has no stationary law",
    B + PR.replace("autocorrelation: 0.5", "autocorrelation: 1"), ("@", "1}"), "production_risk.operating.autocorrelation", "in [0, 0.999]")
add("198-production-risk-unknown-field", "a misspelt field of the operating shock",
    B + PR.replace("sigma: 0.08", "sigmaa: 0.08"), ("@", "sigmaa"), "production_risk.operating.sigmaa", "unknown key 'sigmaa'")

# --- counterparty dependence (issue 14, docs/risks.md section 3b) ---------------------
CD = "counterparty_dependence:\n  factor: credit_cycle\n  asset_correlation: 0.24\n"
add("230-asset-correlation-one", "buyers perfectly correlated: the idiosyncratic part vanishes",
    B + CD.replace("0.24", "1.0"), ("@", "asset_correlation: 1.0", 0, len("asset_correlation: ")), "counterparty_dependence.asset_correlation", "in [0, 0.999]")
add("231-asset-correlation-misspelt", "a misspelt correlation field",
    B + CD.replace("asset_correlation", "asset_corelation"), ("@", "asset_corelation"),
    "counterparty_dependence.asset_corelation", "unknown key 'asset_corelation'")

# --- tags (any), refused while libyaml reads the text -------------------------------
# yaml-cpp 0.7 loops without bound on a tagged scalar at the top of a file whose next
# line starts with ',' (found by fuzz_price_model; the deal loader hung the same way).
add("132-tagged-scalar-then-comma-hang", "a tagged top-level word, then a line starting with a comma",
    "! Brok\n,\nu\n", ("@", "! Brok"), "has the YAML tag '!'; deal files use no tags")
add("133-tag-on-a-section", "a tag on a whole section", sub(B, "price_deck:\n", "price_deck: !deck\n"),
    ("@", "!deck"), "price_deck", "has the YAML tag '!deck'; deal files use no tags")

# --- events of default and sponsor support (issue 13) ---------------------------------
OD = "  dsra_months: 6\n  on_default:\n    cure_days: 30\n    response: restructure\n"
add("160-response-misspelt", "a lenders' response the engine does not know",
    sub(B, "  dsra_months: 6\n", OD.replace("restructure", "foreclose")),
    ("@", "foreclose"), "debt.on_default.response", "must be one of restructure, enforce, best")
add("161-negative-cure-days", "a cure period below zero",
    sub(B, "  dsra_months: 6\n", OD.replace("30", "-5")),
    ("@", "-5"), "debt.on_default.cure_days", "in [0, 3650]")
add("162-enforcement-cost-above-one", "enforcement costs of 120 % of the value",
    sub(B, "  dsra_months: 6\n", OD + "    enforcement_cost: 1.2\n"),
    ("@", "1.2\n"), "debt.on_default.enforcement_cost", "in [0, 1]")
t = B[:B.index("debt:")] + B[B.index("simulation:"):]
add("163-sponsor-support-without-debt", "sponsor support for a loan that does not exist",
    t + "sponsor_support:\n  amount: 50e6\n  term_years: 3\n",
    ("@", "amount: 50e6"), "sponsor_support", "a sponsor support facility supports senior debt")
add("164-sponsor-support-without-amount", "a facility with no cap",
    B + "sponsor_support:\n  term_years: 3\n",
    ("@", "term_years: 3"), "sponsor_support.amount", "missing required field 'amount'")

# Drop empty expectation lines.
for name, comment, text, expected in cases:
    expected = [e for e in expected if e]
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    with open(os.path.join(HERE, name + ".yaml"), "wb") as f:
        f.write(data)
    with open(os.path.join(HERE, name + ".expected"), "w") as f:
        f.write("\n".join(expected) + "\n")

# === the other files the engine reads ================================================
# Each kind has its folder; the same .expected format. tests/io/test_bad_inputs.cpp reads
# each through its loader (load_price_model, load_scorecard, read_price_series,
# read_futures_panel) and tests/cli/cli_e2e.py through the tool (run --price-model,
# calibrate), which must exit 3 (bad input) and write nothing.
kinds = {}


def cell_pos(text, marker, nth=0, after=0):
    """line:cell (one-based) where `marker` starts: the CSV readers count columns in
    cells, as a spreadsheet does."""
    start = after - 1
    for _ in range(nth + 1):
        start = text.index(marker, start + 1)
    line = text.count("\n", 0, start) + 1
    line_start = text.rfind("\n", 0, start) + 1
    return f"{line}:{text.count(',', line_start, start) + 1}"


def add_to(folder, ext, name, comment, body, *expected):
    header = f"# Broken on purpose ({comment}); the loader must refuse it.\n" if comment else ""
    text = header + body if isinstance(body, str) else body
    lines = []
    for e in expected:
        if isinstance(e, tuple):
            marker = e[1]
            nth = e[2] if len(e) > 2 else 0
            offset = e[3] if len(e) > 3 else 0
            at = cell_pos(text, marker, nth, len(header)) if ext == "csv" else pos(text, marker, nth, offset, len(header))
            lines.append(f"{name}.{ext}:{at}")
        else:
            lines.append(e)
    kinds.setdefault((folder, ext), []).append((name, text, lines))


PM = """description: two correlated commodities
commodities:
  copper:
    model: gbm
    mu: 0.05
    sigma: 0.18
  lithium_carbonate:
    model: schwartz1f
    kappa: 0.8
    alpha: 9.6
    sigma: 0.45
correlation:
  factors: [copper, lithium_carbonate]
  matrix:
    - [1.0, 0.3]
    - [0.3, 1.0]
"""
pm = lambda name, comment, body, *e: add_to("price_models", "yaml", name, comment, body, *e)
pm("01-empty", "", "", "01-empty.yaml:1:1", "file is empty: a price model needs commodities")
pm("02-binary", None, b"\x7fELF\x02\x01\x01\x00", "02-binary.yaml:1:1", "file is not text: control byte 0x7f")
pm("03-top-level-list", "a list of models", "- copper\n- lithium\n", ("@", "- copper"),
   "the top level must be a map of sections (description, commodities, correlation), got a list")
pm("04-unknown-commodity", "nickel is not modelled", sub(PM, "  copper:\n", "  nickel:\n"), ("@", "nickel"),
   "commodities.nickel", "unknown key (allowed:")
pm("05-unknown-model", "a model the engine does not have", sub(PM, "model: gbm", "model: heston"), ("@", "heston"),
   "commodities.copper.model", "must be one of gbm, schwartz1f, schwartz_smith, deterministic (got 'heston')")
pm("06-missing-sigma", "GBM without its volatility", sub(PM, "    sigma: 0.18\n", ""), ("@", "model: gbm"),
   "commodities.copper.sigma", "required number is missing")
pm("07-negative-sigma", "a negative volatility", sub(PM, "sigma: 0.18", "sigma: -0.18"), ("@", "-0.18"),
   "commodities.copper.sigma", "must be >= 0")
pm("08-nan-drift", "a drift of .nan", sub(PM, "mu: 0.05", "mu: .nan"), ("@", ".nan"),
   "commodities.copper.mu", "must be finite")
pm("09-words-for-a-number", "words where a number belongs", sub(PM, "mu: 0.05", "mu: high"), ("@", "high"),
   "commodities.copper.mu", "must be a number (got 'high')")
pm("10-alpha-and-median", "both forms of the long-run level", sub(PM, "alpha: 9.6\n", "alpha: 9.6\n    long_run_median: 15000\n"),
   ("@", "model: schwartz1f"), "commodities.lithium_carbonate.alpha", "give exactly one of alpha")
pm("11-asymmetric-correlation", "a matrix that is not symmetric", sub(PM, "- [0.3, 1.0]", "- [0.4, 1.0]"),
   ("@", "0.4, 1.0]"), "correlation.matrix[1][0]", "matrix must be symmetric")
pm("12-correlation-diagonal", "a diagonal of 0.9", sub(PM, "- [1.0, 0.3]", "- [0.9, 0.3]"), ("@", "0.9, 0.3"),
   "correlation.matrix[0][0]", "diagonal must be 1 (got 0.9)")
pm("13-correlation-above-one", "a correlation of 1.5", sub(sub(PM, "- [1.0, 0.3]", "- [1.0, 1.5]"), "- [0.3, 1.0]", "- [1.5, 1.0]"),
   ("@", "1.5]"), "correlation.matrix[0][1]", "must be in [-1, 1] (got 1.5)")
PM3 = sub(sub(sub(PM, "correlation:\n", "  lithium_hydroxide:\n    model: gbm\n    mu: 0.04\n    sigma: 0.3\ncorrelation:\n"),
              "factors: [copper, lithium_carbonate]", "factors: [copper, lithium_carbonate, lithium_hydroxide]"),
          "    - [1.0, 0.3]\n    - [0.3, 1.0]\n", "    - [1.0, 0.9, -0.9]\n    - [0.9, 1.0, 0.9]\n    - [-0.9, 0.9, 1.0]\n")
pm("14-correlation-not-psd", "three correlations no market can have", PM3, "14-correlation-not-psd.yaml", "correlation")
pm("15-unknown-factor", "a factor the file does not define", sub(PM, "factors: [copper, lithium_carbonate]", "factors: [copper, nickel]"),
   ("@", "nickel"), "correlation.factors[1]", "unknown factor 'nickel'")
pm("16-duplicate-key", "sigma given twice", sub(PM, "sigma: 0.18\n", "sigma: 0.18\n    sigma: 0.25\n"), ("@", "sigma: 0.25"),
   "commodities.copper.sigma", "duplicate key")
pm("17-yaml-syntax-error", "an unclosed list", sub(PM, "- [1.0, 0.3]", "- [1.0, 0.3"), "17-yaml-syntax-error.yaml:",
   "YAML syntax error")
pm("18-two-documents", "two models in one file", PM + "---\n" + PM, ("@", "description:", 1),
   "file holds 2 YAML documents; a price model file holds one")
pm("19-deep-nesting", "brackets nested 100 deep", "commodities: " + "[" * 100 + "]" * 100 + "\n", ("@", "[", 64),
   "YAML nested deeper than 64 levels")
pm("20-jumps-on-a-deck", "jumps on a deterministic deck",
   sub(PM, "    model: gbm\n    mu: 0.05\n    sigma: 0.18\n", "    model: deterministic\n    flat: 9000\n    jumps: {intensity: 1, mean: 0, stdev: 0.1}\n"),
   ("@", "{intensity"), "commodities.copper.jumps", "a deterministic deck cannot have jumps")
pm("21-rho-out-of-range", "a two-factor correlation of -2",
   "commodities:\n  copper: {model: schwartz_smith, kappa: 1.2, sigma_chi: 0.3, sigma_xi: 0.15, mu_xi: 0.01, rho: -2}\n",
   ("@", "-2}"), "commodities.copper.rho", "must be in [-1, 1]")
pm("22-zero-mean-reversion", "kappa 0 in a mean-reverting model", sub(PM, "kappa: 0.8", "kappa: 0"), ("@", "0\n    alpha"),
   "commodities.lithium_carbonate.kappa", "must be > 0")
pm("23-negative-deck-price", "a deck price below zero",
   sub(PM, "    model: gbm\n    mu: 0.05\n    sigma: 0.18\n", "    model: deterministic\n    by_year: [9000, -1, 9500]\n"),
   ("@", "-1,"), "commodities.copper.by_year[1]", "must be a positive number")
pm("24-invalid-utf8", None, ("# Broken on purpose (a Latin-1 byte).\n" + sub(PM, "two correlated", "zwei Rohstoffe f\xfcr")).encode("latin-1"),
   "24-invalid-utf8.yaml:2:", "file is not UTF-8 text: byte 0xfc")
pm("25-no-commodities", "a description only", "description: nothing modelled\n", ("@", "description"),
   "commodities", "required: a mapping from commodity name to its model")
# Found by fuzz_price_model (docs/hardening.md): nodes read below a node of the wrong kind.
pm("26-correlation-row-a-mapping", "found by fuzz_price_model: the second matrix row is a mapping, so "
   "matrix[1][0] names no node", sub(PM, "    - [0.3, 1.0]\n", "    - {a: 0.3, b: 1.0}\n"), ("@", "{a: 0.3"),
   "correlation.matrix[1]", "must be a row of 2 numbers")
pm("27-correlation-a-scalar", "found by fuzz_price_model: the correlation is a word, not a mapping",
   sub(PM, "correlation:\n  factors: [copper, lithium_carbonate]\n  matrix:\n    - [1.0, 0.3]\n    - [0.3, 1.0]\n",
       "correlation: factor[1.0, 1.5]\n"), ("@", "factor[1.0"), "correlation", "must be a mapping")

# Found by fuzz_price_model (a 5-minute run): the loader hung inside yaml-cpp (RSS 2 GB)
# on these ten bytes; tags are now refused while libyaml reads the text. Kept byte for byte.
pm("28-fuzz-tagged-scalar-hang", None, b"! Brok\n,\nu", "28-fuzz-tagged-scalar-hang.yaml:1:1",
   "has the YAML tag '!'; price model files use no tags")
pm("29-tag-on-a-number", "a tag on a volatility", sub(PM, "sigma: 0.18", "sigma: !pct 18"), ("@", "!pct"),
   "commodities.copper.sigma", "has the YAML tag '!pct'; price model files use no tags")

SC = """name: small
categories:
  - {name: Strong, min_score: 80, risk_weight: 0.70}
  - {name: Weak, min_score: 0, risk_weight: 2.50}
factors:
  - id: p10_dscr_min
    group: coverage
    label: P10 of minimum DSCR
    weight: 0.6
    points: [[1.0, 0], [1.5, 100]]
    missing: 0
  - id: p_default
    group: default_risk
    label: Probability of default
    weight: 0.4
    points: [[0.0, 100], [0.2, 0]]
    missing: 50
"""
sc = lambda name, comment, body, *e: add_to("scorecards", "yaml", name, comment, body, *e)
sc("01-empty", "", "", "01-empty.yaml:1:1", "file is empty: a scorecard needs name, categories and factors")
sc("02-top-level-list", "a list of factors only", "- p10_dscr_min\n", ("@", "- p10"),
   "the top level must be a map of sections (name, categories, factors), got a list")
sc("03-weights-not-one", "weights summing to 1.1", sub(SC, "weight: 0.6", "weight: 0.7"), ("@", "- id: p10"),
   "factors", "weights must sum to 1 (they sum to 1.1)")
sc("04-unknown-key", "a section the scorecard does not know", SC + "notes: see file\n", ("@", "notes"), "notes")
sc("05-unknown-factor", "a factor the engine does not compute", sub(SC, "id: p_default", "id: p_bankrupt"), ("@", "p_bankrupt"),
   "factors[1].id", "unknown factor `p_bankrupt`")
sc("06-points-not-increasing", "thresholds going back", sub(SC, "[[1.0, 0], [1.5, 100]]", "[[1.5, 0], [1.0, 100]]"),
   ("@", "1.0, 100]"), "factors[0].points[1][0]", "values must increase strictly")
sc("07-sub-score-above-100", "a sub-score of 120", sub(SC, "[1.5, 100]", "[1.5, 120]"), ("@", "120"),
   "factors[0].points[1][1]", "sub-score must be within 0..100")
sc("08-nan-weight", "a weight of .nan", sub(SC, "weight: 0.6", "weight: .nan"), ("@", ".nan"),
   "factors[0].weight", "must be a finite number")
sc("09-min-score-above-100", "a category threshold of 120", sub(SC, "min_score: 80", "min_score: 120"), ("@", "120"),
   "categories[0].min_score", "must be within 0..100")
sc("10-factor-twice", "the same factor twice", sub(SC, "id: p_default", "id: p10_dscr_min"), ("@", "p10_dscr_min", 1),
   "factors[1].id", "factor `p10_dscr_min` appears twice")
sc("11-yaml-syntax-error", "an unclosed list", sub(SC, "[[1.0, 0], [1.5, 100]]", "[[1.0, 0], [1.5, 100]"),
   "11-yaml-syntax-error.yaml:", "YAML syntax error")

PS = """date,price
2019-07-01,6000
2020-07-01,6180
2021-07-01,9317
2022-07-01,8822
2023-07-01,8478
"""
ps = lambda name, comment, body, *e: add_to("price_series", "csv", name, comment, body, *e)
ps("01-empty", "", "", "at least 3 prices are needed to calibrate")
ps("02-header-only", "a header and no prices", "date,price\n", "at least 3 prices are needed to calibrate")
ps("03-slash-date", "a spreadsheet date", sub(PS, "2020-07-01", "01/07/2020"), ("@", "01/07/2020"),
   "date", "'01/07/2020' is not an ISO date YYYY-MM-DD")
ps("04-impossible-date", "30 February", sub(PS, "2020-07-01", "2020-02-30"), ("@", "2020-02-30"),
   "date", "'2020-02-30' is not an ISO date YYYY-MM-DD")
ps("05-negative-price", "a price below zero", sub(PS, "6180", "-6180"), ("@", "-6180"), "price",
   "'-6180' is not a positive number")
ps("06-nan-price", "a price of nan", sub(PS, "6180", "nan"), ("@", "nan"), "price", "'nan' is not a positive number")
ps("07-dates-backwards", "a date before the one above", sub(PS, "2021-07-01", "2018-07-01"), ("@", "2018-07-01"),
   "date", "dates must increase strictly")
ps("08-duplicate-date", "the same date twice", sub(PS, "2021-07-01", "2020-07-01"), ("@", "2020-07-01", 1),
   "date", "dates must increase strictly")
ps("09-missing-price", "a row without its price", sub(PS, "2020-07-01,6180", "2020-07-01"), ("@", "2020-07-01"),
   "row", "expected 'date,price'")
ps("10-thousands-separator", "a price written 6,180", sub(PS, "2020-07-01,6180", "2020-07-01,6,180"), ("@", "180\n"),
   "row", "expected 'date,price', got 3 cells (a ',' inside a number?)")
ps("11-binary", None, b"\x7fELF\x02\x01\x01\x00\n", "11-binary.csv:1:1", "file is not text: control byte 0x7f")
ps("12-cr-only-line-endings", None, PS.replace("\n", "\r").encode(), "12-cr-only-line-endings.csv:1:",
   "file uses CR-only line endings")
ps("13-price-with-unit", "a price with its unit", sub(PS, "6180", "6180 USD/t"), ("@", "6180 USD"), "price",
   "'6180 USD/t' is not a positive number")

FP = "date,0.25,0.5,1.0\n" + "".join(f"2024-{m:02d}-01,{9000 + 10 * m},{9010 + 10 * m},{9030 + 10 * m}\n" for m in range(1, 13))
fp = lambda name, comment, body, *e: add_to("futures_panels", "csv", name, comment, body, *e)
fp("01-empty", "", "", "empty panel")
fp("02-maturity-not-a-number", "a month name for a maturity", sub(FP, "date,0.25", "date,Mar25"), ("@", "Mar25"),
   "maturity", "header 'Mar25' must be a time to maturity in years")
fp("03-short-row", "a row with a price missing", sub(FP, "2024-03-01,9030,9040,9060", "2024-03-01,9030,9040"),
   ("@", "2024-03-01"), "row", "expected 4 cells, got 3")
fp("04-negative-price", "a price below zero", sub(FP, "9040,9060", "-9040,9060"), ("@", "-9040"), "price",
   "'-9040' is not a positive number")
fp("05-too-few-dates", "five dates", "".join(FP.splitlines(True)[:6]), "at least 10 panel dates are needed to calibrate")
fp("06-dates-backwards", "a date before the one above", sub(FP, "2024-05-01", "2023-05-01"), ("@", "2023-05-01"),
   "date", "dates must increase strictly")

# --- portfolio files (offtake portfolio, load_portfolio_file) ---------------------------
# They name deals/copper.yaml (BASE above, valid; it states no project.country, so the
# position gives mining_country), in a subfolder the catalogue test does not read as cases.
PF = """buyer: Wire-rod mill
currency: USD
needs:
  - product: copper_cathode
    years:
      - {year: 2030, tonnes: 40000}
      - {year: 2031, tonnes: 40000}
positions:
  - deal: deals/copper.yaml
    offtakes: [Wire-rod mill]
    mining_country: PE
spot:
  max_share: 0.2
  shortage_premium: 0.3
"""
pf = lambda name, comment, body, *e: add_to("portfolios", "yaml", name, comment, body, *e)
pf("01-empty", "", "", "01-empty.yaml:1:1", "file is empty: a portfolio needs buyer, needs and positions")
pf("02-unknown-key-typo", "position for positions", sub(PF, "positions:", "position:"), ("@", "position:"),
   "unknown key 'position' (did you mean 'positions'?)")
pf("03-missing-buyer", "no buyer", sub(PF, "buyer: Wire-rod mill\n", ""), "buyer", "missing required field 'buyer'")
pf("04-unknown-product", "copper in a word the engine does not know", sub(PF, "product: copper_cathode", "product: copper"),
   ("@", "copper\n"), "needs[0].product", "must be one of lithium_carbonate")
pf("05-negative-need", "tonnes below zero", sub(PF, "tonnes: 40000}", "tonnes: -40000}"), ("@", "-40000"),
   "needs[0].years[0].tonnes", "must be in [0, 1e9], got -40000")
pf("06-years-not-increasing", "2031 before 2030", sub(PF, "{year: 2031", "{year: 2029"), ("@", "2029"),
   "needs[0].years[1].year", "years must increase: 2029 follows 2030")
pf("07-product-twice", "the same product needed twice",
   sub(PF, "positions:", "  - product: copper_cathode\n    years: [{year: 2032, tonnes: 1}]\npositions:"),
   ("@", "copper_cathode", 1), "needs[1].product", "copper_cathode is needed twice (also needs[0])")
pf("08-deal-missing", "a deal file that is not there", sub(PF, "deals/copper.yaml", "deals/nickel.yaml"),
   ("@", "deals/nickel"), "positions[0].deal", "deals/nickel.yaml cannot be used")
pf("09-counterparty-not-in-deal", "a buyer the deal does not have", sub(PF, "[Wire-rod mill]", "[Cable maker]"),
   ("@", "Cable maker"), "positions[0].offtakes[0]", "has no offtake buyer 'Cable maker'",
   "it has 'Commodity trader', 'Wire-rod mill'")
pf("10-no-mining-country", "a deal without project.country and no mining_country",
   sub(PF, "    mining_country: PE\n", ""), ("@", "deal: deals"), "positions[0]",
   "states no project.country: give the mine's country as mining_country")
pf("11-country-lower-case", "pe for PE", sub(PF, "mining_country: PE", "mining_country: pe"), ("@", "pe\n"),
   "positions[0].mining_country", "'pe' is not an ISO 3166-1 alpha-2 country code")
pf("12-spot-share-above-one", "120 % of need spot", sub(PF, "max_share: 0.2", "max_share: 1.2"), ("@", "1.2"),
   "spot.max_share", "must be in [0, 1], got 1.2")
pf("13-optimise-two-constraints", "the optimiser given two constraints at once",
   PF + "optimise:\n  p_shortfall: {max: 0.05}\n  cvar95_unmet: {max: 2000}\n",
   ("@", "p_shortfall: {max"), "optimise", "the optimiser takes exactly one constraint")
pf("14-currency-mismatch", "a EUR portfolio of USD deals", sub(PF, "currency: USD", "currency: EUR"),
   ("@", "deals/copper"), "positions[0].deal", "is in USD, the portfolio in EUR: one currency for all")
pf("15-position-names-nothing", "no offtake, prepayment, stake or guarantee", sub(PF, "    offtakes: [Wire-rod mill]\n", ""),
   ("@", "deal: deals"), "positions[0]", "a position names at least one of the deal's offtakes")
pf("16-zero-conversion", "a conversion factor of 0",
   sub(PF, "    mining_country: PE\n", "    mining_country: PE\n    converts_to: {product: copper_cathode, tonnes_per_tonne: 0}\n"),
   ("@", "tonnes_per_tonne: 0", 0, 18), "positions[0].converts_to.tonnes_per_tonne", "must be in (0, 100], got 0")
pf("17-thresholds-not-increasing", "10 % before 5 %", PF + "report:\n  shortfall_thresholds: [0.1, 0.05]\n",
   ("@", "0.05]"), "report.shortfall_thresholds[1]", "thresholds must increase: 0.05 follows 0.1")
pf("18-spot-without-index", "spot top-ups of a product no deal prices",
   sub(PF, "    mining_country: PE\n", "    mining_country: PE\n    converts_to: {product: copper_concentrate, tonnes_per_tonne: 1}\n").replace(
       "product: copper_cathode\n    years", "product: copper_concentrate\n    years"),
   ("@", "copper_concentrate"), "needs[0].product", "spot top-ups of copper_concentrate need its index price")
pf("19-deal-is-a-folder", "a folder for a deal file", sub(PF, "deals/copper.yaml", "deals"), ("@", "deals\n"),
   "positions[0].deal", "cannot be used")
pf("20-processing-country-a-word", "China for CN", sub(PF, "mining_country: PE", "mining_country: PE\n    processing_country: China"),
   ("@", "China"), "positions[0].processing_country", "'China' is not an ISO 3166-1 alpha-2 country code")
pf("21-counterparty-twice", "the same offtake named twice", sub(PF, "[Wire-rod mill]", "[Wire-rod mill, Wire-rod mill]"),
   ("@", "Wire-rod mill", 2), "positions[0].offtakes[1]", "'Wire-rod mill' is named twice")
pf("22-no-positions", "an empty list of positions", sub(PF, "positions:\n", "positions: []\nnotes:\n").split("notes:")[0],
   ("@", "[]"), "positions", "list has 0 items; at least 1 required")
pf("23-mining-country-contradicts-deal", "a deal in CL given mining_country PE",
   sub(PF, "deals/copper.yaml", "deals/copper-cl.yaml"), ("@", "PE"), "positions[0].mining_country",
   "mining_country PE contradicts project.country CL")
pf("24-binary", None, b"\x7fELF\x02\x01\x01\x00\n", "24-binary.yaml:1:1", "control byte")
# Candidates (what-if adds them; the optimiser will size them) and named stresses.
CAND = PF + """candidates:
  - deal: deals/copper.yaml
    offtakes: [Wire-rod mill]
    mining_country: PE
    volume_tpa: {min: 20000, max: 60000}
"""
pf("25-candidate-min-above-max", "bounds the wrong way round", sub(CAND, "min: 20000", "min: 70000"), ("@", "70000"),
   "candidates[0].volume_tpa.min", "min 70000 is above max 60000")
pf("26-candidate-volume-outside-bounds", "the deal's 40,000 t/yr outside the bounds",
   sub(CAND, "min: 20000", "min: 50000"), ("@", "{min: 50000"), "candidates[0].volume_tpa",
   "has volume_tpa 40000, outside [50000, 60000]")
pf("27-candidate-offtake-by-share", "a candidate offtake sized by share",
   sub(CAND, "offtakes: [Wire-rod mill]\n    mining_country: PE\n    volume",
       "offtakes: [Commodity trader]\n    mining_country: PE\n    volume"),
   ("@", "Commodity trader"), "candidates[0].offtakes[0]", "is sized by share")
pf("28-candidate-two-offtakes", "two offtakes on offer",
   sub(CAND, "offtakes: [Wire-rod mill]\n    mining_country: PE\n    volume",
       "offtakes: [Wire-rod mill, Commodity trader]\n    mining_country: PE\n    volume"),
   ("@", "[Wire-rod mill, Commodity"), "candidates[0].offtakes", "a candidate names exactly one offtake")
pf("29-candidate-without-bounds", "no volume bounds", sub(CAND, "    volume_tpa: {min: 20000, max: 60000}\n", ""),
   ("@", "deal: deals/copper.yaml", 1), "candidates[0]", "missing required field 'volume_tpa'")
STRESS = PF + """stresses:
  - name: Peru bans exports
    export_ban: {country: PE, from_year: 2030, years: 2}
"""
pf("30-stress-of-both-kinds", "an export ban and a failed completion in one stress",
   STRESS + "    fails_to_complete: deals/copper.yaml\n", ("@", "name: Peru"), "stresses[0]",
   "a stress gives exactly one of export_ban and fails_to_complete")
pf("31-stress-unknown-deal", "a stress on a deal the portfolio does not hold",
   sub(STRESS, "export_ban: {country: PE, from_year: 2030, years: 2}", "fails_to_complete: deals/nickel.yaml"),
   ("@", "deals/nickel.yaml"), "stresses[0].fails_to_complete",
   "'deals/nickel.yaml' is not the deal of a position or candidate", "they are 'deals/copper.yaml'")
pf("32-stress-country-a-word", "Peru for PE", sub(STRESS, "{country: PE", "{country: Peru"), ("@", "Peru,"),
   "stresses[0].export_ban.country", "'Peru' is not an ISO 3166-1 alpha-2 country code")
pf("33-stress-named-twice", "two stresses of one name",
   STRESS + "  - name: Peru bans exports\n    fails_to_complete: deals/copper.yaml\n", ("@", "Peru bans exports", 1),
   "stresses[1].name", "stress 'Peru bans exports' is named twice")
pf("34-stress-zero-years", "a ban of no time", sub(STRESS, "years: 2", "years: 0"), ("@", "years: 0", 0, 7),
   "stresses[0].export_ban.years", "must be in (0, 50], got 0")

pf("35-optimise-without-candidates", "an optimiser with no candidate to choose",
   PF + "optimise:\n  p_shortfall: {max: 0.05}\n", ("@", "p_shortfall: {max"), "optimise",
   "the optimiser chooses the volumes of candidates: the file lists none")
pf("36-optimise-scope-misspelt", "every_year for each_year",
   CAND + "optimise:\n  p_shortfall: {max: 0.05, over: every_year}\n", ("@", "every_year"),
   "optimise.p_shortfall.over", "must be one of each_year, all_years")
pf("37-optimise-probability-above-one", "a P(shortfall) target of 5 for 5 %",
   CAND + "optimise:\n  p_shortfall: {max: 5}\n", ("@", "max: 5}", 0, 5),
   "optimise.p_shortfall.max", "must be in [0, 1), got 5")

os.makedirs(os.path.join(HERE, "portfolios", "deals"), exist_ok=True)
with open(os.path.join(HERE, "portfolios", "deals", "copper.yaml"), "w") as f:
    f.write("# A valid deal (make_catalogue.py's BASE) for the portfolio cases.\n" + BASE)
with open(os.path.join(HERE, "portfolios", "deals", "copper-cl.yaml"), "w") as f:
    f.write("# A valid deal in Chile for the portfolio cases.\n" + sub(BASE, "  commodity: copper_cathode\n",
                                                                   "  commodity: copper_cathode\n  country: CL\n"))

CM = """export_restrictions:
  ID:
    arrivals_per_year: 0.1
    duration: {median_years: 4, sigma: 0.6, max_years: 15}
    restricted_share: 1.0
    domestic_discount: 0.3
"""
cm = lambda name, comment, body, *e: add_to("country_models", "yaml", name, comment, body, *e)
cm("01-empty", "", "", "01-empty.yaml:1:1", "file is empty: a country model needs export_restrictions")
cm("02-lower-case-country", "a country code in lower case", sub(CM, "  ID:", "  id:"), ("@", "id:"),
   "export_restrictions.id", "'id' is not an ISO 3166-1 alpha-2 country code")
cm("03-negative-arrivals", "arrivals below zero", sub(CM, "0.1", "-0.1"), ("@", "-0.1"),
   "export_restrictions.ID.arrivals_per_year", "must be in [0, 10] (got -0.1)")
cm("04-median-above-max", "a median duration longer than the cap", sub(CM, "max_years: 15", "max_years: 2"),
   ("@", "2}"), "export_restrictions.ID.duration.max_years", "must be at least median_years (4)")
cm("05-share-above-one", "150 % of output restricted", sub(CM, "restricted_share: 1.0", "restricted_share: 1.5"),
   ("@", "1.5"), "export_restrictions.ID.restricted_share", "must be in [0, 1] (got 1.5)")
cm("06-unknown-key", "a misspelt key", sub(CM, "domestic_discount", "domestic_discont"), ("@", "domestic_discont"),
   "export_restrictions.ID.domestic_discont", "unknown key (allowed:")
cm("07-missing-duration", "no duration", sub(CM, "    duration: {median_years: 4, sigma: 0.6, max_years: 15}\n", ""),
   ("@", "arrivals_per_year"), "export_restrictions.ID.duration", "required mapping with median_years, sigma and max_years")

total_other = 0
for (folder, ext), items in kinds.items():
    d = os.path.join(HERE, folder)
    os.makedirs(d, exist_ok=True)
    for name, text, expected in items:
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        with open(os.path.join(d, f"{name}.{ext}"), "wb") as f:
            f.write(data)
        with open(os.path.join(d, name + ".expected"), "w") as f:
            f.write("\n".join(e for e in expected if e) + "\n")
    total_other += len(items)
print(f"{len(cases)} deal cases and {total_other} other cases written "
      f"({', '.join(f'{len(v)} {k[0]}' for k, v in kinds.items())})")
