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

# Drop empty expectation lines.
for name, comment, text, expected in cases:
    expected = [e for e in expected if e]
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    with open(os.path.join(HERE, name + ".yaml"), "wb") as f:
        f.write(data)
    with open(os.path.join(HERE, name + ".expected"), "w") as f:
        f.write("\n".join(expected) + "\n")
print(f"{len(cases)} cases written")
