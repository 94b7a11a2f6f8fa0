"""Reading figures out of the report's prose and comparing them with its tables (rules N01–N03, and
the fee notices of N05), plus text similarity with last year's report (N09).

- `numbers.py`  — numerals as people write them (Arabic, full-width, Chinese, ranges, 余/多, %).
- `vocab.py`    — the words that say what a number means, derived from the edition declarations where
  the format prints them (outcome rows, applicant columns, table 四 results) and listed by hand where
  it does not (verbs such as 受理/办结, scope words such as 各区/备案/同比).
- `extract.py`  — sentences → `Figure`s and `Claim`s, each with its sentence, position, metric and scope;
  `figures.py` holds those records and the reasons a figure is not compared, `clauses.py` the state
  carried through a sentence and the token helpers that cut it into clauses.
- `fees.py`     — the fee table or fee lines of section 六 (收费通知件数, 金额, 实际收取) as figures (N05).
- `compare.py`  — figures against the table cells they speak about → `Comparison`s (used by the checks
  and by ``xxgk validate --explain``).
- `similarity.py` — per-section overlap with the previous year's text (standard library only).
- `explain.py`  — the comparisons as ``--explain`` entries (text in render/explain_text.py).

Precision over recall: a figure is compared only when every word before it is understood.  Anything
else is kept, with the reason, for ``--explain``.
"""
