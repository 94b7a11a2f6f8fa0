"""English wording.  Official labels stay in Chinese: they are what the user sees in the table."""

SECTION = "section {section}"
TABLE = "table {table}"
BLOCK = ", {block}"
ROW = ", row 「{row}」"
COL = ", column 「{col}」"
JOIN = ""
WHERE = " ({where})"

SEVERITY = {"error": "error", "warning": "warning", "info": "info"}

TITLES = {
    "S01": "edition matches the year", "S02": "six sections in order", "S03": "section titles",
    "S04": "table 2 (2021) complete", "S05": "table 2 (2019) complete", "S06": "table 3 complete", "S07": "table 4 complete",
    "S08": "nothing outside the format", "S09": "table 3 note", "S10": "label wording",
    "V01": "numbers of the right kind", "V02": "no blank cells", "V03": "no placeholders", "V04": "money units",
    "V05": "plain digits", "V06": "fee amount unit",
    "A01": "table 3 row totals", "A02": "table 3 （七）总计", "A03": "table 3 balance", "A04": "table 4 totals",
    "A05": "carry-over matches last year", "A06": "item counts continue", "A07": "rules in force continue",
    "A08": "plausibility", "A09": "channel totals", "A10": "provincial table balance",
    "N01": "application figures in the text", "N02": "appeal/litigation figures in the text",
    "N03": "rule counts in the text", "N04": "processing fees reported", "N05": "fee notices",
    "N06": "last year's problems", "N07": "assessment and accountability", "N08": "overview topics",
    "N09": "copied from last year", "N10": "sections 5 and 6 not empty", "N11": "years consistent",
    "P01": "title", "P02": "published on time", "P03": "statistical period", "P04": "signature and date",
    "P05": "machine-readable tables", "P06": "document typography",
    "W01": "template version", "W02": "sheets unchanged", "W03": "formulas intact", "W04": "workbook recalculated",
}

MESSAGES = {
    "S01.year": "a report on {year} must use the {want} ({want_document}); this one uses the {layout} ({document}).",
    "S01.unofficial": "this report uses the {layout}, which no official notice prescribes. {notes}",
    "missing.row": "{loc} is missing.",
    "missing.col": "{loc} is missing.",
    "missing.cell": "{loc} is missing.",
    "S02.missing": "section {section} \u201c{title}\u201d not found.",
    "S02.order": "the sections appear in the order {order}; they must run from 一 to 六.",
    "S03.numbering": "the heading of section {section} is written \u201c{written}\u201d; the format numbers it \u201c{section}\u3001\u201d: \u201c{title}\u201d.",
    "S03.variant": "heading \u201c{written}\u201d is a common variant of the official title \u201c{title}\u201d.",
    "S03.differs": "heading \u201c{written}\u201d differs from the official title \u201c{title}\u201d.",
    "S09": "table 3 lacks the note on its balance \u201c{note}\u201d.",
    "S08": "\u201c{text}\u201d is not part of the national format ({where}) and was not placed in any cell.",
    "S10": "label \u201c{written}\u201d differs from the official wording; read as \u201c{canonical}\u201d ({where}).",
    "V01.invalid": "{loc} must be a number, found \u201c{raw}\u201d.",
    "V01.fraction": "{loc} must be a whole number, found \u201c{raw}\u201d.",
    "V01.negative": "{loc} cannot be negative, found \u201c{raw}\u201d.",
    "V02": "{loc} is blank and counts as 0; write 0.",
    "V03": "{loc} holds \u201c{raw}\u201d and counts as 0; write the digit 0.",
    "V04.converted": "{loc} was written \u201c{raw}\u201d and converted to {value} {unit}; the header states {unit}, write the number only.",
    "V04.in_cell": "{loc} has its unit inside the cell (\u201c{raw}\u201d); write the number only and state the unit in the header.",
    "V04.no_unit": "{loc} states no unit (元 or 万元); the amount \u201c{raw}\u201d is ambiguous.",
    "V05": "{loc} \u201c{raw}\u201d was read as {value} (full-width digits, separators, plus sign or unit); write plain digits.",
    "A01": "{loc}: the total should be {expected} (sum of the applicant columns), found {actual}, difference {diff}.",
    "A02": "{loc}: （七）总计 should be {expected} (sum of the outcome rows), found {actual}, difference {diff}.",
    "A03": "{loc}: 一 + 二 = {lhs} but 三（七）总计 + 四 = {rhs}; the balance is off by {diff}.",
    "A04": "{loc}: the total should be {expected} (upheld + corrected + other + pending), found {actual}, difference {diff}.",
    "A05": "{loc}: carried over from last year is {actual}, last year's report carried forward {expected}, difference {diff}.",
    "A05.year": "the previous report given is for {previous}, this report is for {year}: expected the year before.",
    "A06": "{loc}: {actual} this year, but last year's count plus its change gives {expected}, difference {diff}.",
    "A07": "{loc}: {actual} this year, but last year's figure + issued − repealed gives about {expected}, difference {diff}.",
    "A10": "{loc}: by \u201c{rule_text}\u201d it should be {expected}, found {actual}, difference {diff}.",
    "N04": "section 6 does not report the information processing fees (state it even if none were charged).",
    "N05.unreported": "{loc} is {count} (fee not paid), so fee notices were sent, but section 6 does not report fees.",
    "N05.no_applications": "section 6 says \u201c{amount}\u201d, but table 3 has no applications at all.",
    "N10.empty": "section {section} is empty.",
    "N10.boilerplate": "section {section} only says \u201c{text}\u201d.",
    "N11.title": "the title gives the year {found}, the report year is {year}.",
    "N11.text": "the overview text \u201c{text}…\u201d speaks of {found}; the report year is {year}.",
    "P01.phrase": "the title \u201c{title}\u201d lacks the phrase 政府信息公开工作年度报告.",
    "P01.year": "the title \u201c{title}\u201d gives no 4-digit year.",
    "P01.agency": "the title \u201c{title}\u201d does not name the agency \u201c{agency}\u201d.",
    "P02": "{which_en} {date} is after the statutory deadline {deadline} (Regulations, art. 49).",
    "P03.missing": "no statistical-period sentence found (e.g. 本报告中所列数据统计期限为{year}年1月1日至12月31日).",
    "P03.wrong": "the statistical period \u201c{found}\u201d does not match the report year {year}.",
    "P01.no_year": "the report year could not be determined (not in the title, the page title, the preamble, the statistical period or the signature); the year-dependent checks (S01 edition and year, P02 deadline, P03 period, N11 years) were not run. State the year in the title.",
    "P03.partial": "the statistical period \u201c{found}\u201d ({start} to {end}) is not the whole of {year}; if only part of the year is covered (e.g. after a reorganisation), say why in the report.",
}

TEXTS = {
    "skipped.previous": "no previous report given (--previous): cross-year rules A05–A07 and N09 not checked.",
    "skipped.narrative": "the report has no narrative: narrative and publication rules not checked.",
    "result.pass": "valid",
    "result.fail": "not valid",
    "summary": "{errors} errors, {warnings} warnings, {infos} notes",
    "layout": "layout",
    "profile": "profile",
    "no_findings": "no problems found.",
    "file": "file",
}

# Narrative figures against the tables (N01–N03), coverage and copying (N06–N09), --explain texts.
_FIGURE_MESSAGES = {
    "": "{part}: \u201c{quote}\u201d gives {figure}, but {loc} is {expected} (difference {diff}).",
    ".sum": "{part}: \u201c{quote}\u201d gives {figure}, but the {n} cells of {loc} ({rows}; {cols}) add up to {expected} (difference {diff}).",
    ".approx": "{part}: \u201c{quote}\u201d gives {figure}, which does not fit {loc} = {expected}.",
    ".scope": "{part}: \u201c{quote}\u201d gives {figure} for \u201c{scope}\u201d, {loc} is {expected}; ignore this note if the two differ in scope.",
    ".percent": "{part}: \u201c{quote}\u201d gives {figure}; {loc} ({rows}) {num} ÷ {base} {den} is {computed}%.",
    ".claim": "{part} says \u201c{claim}\u201d (\u201c{quote}\u201d), but {loc} ({rows}; {cols}) add up to {expected}.",
}
MESSAGES.update({rule + k: v for rule in ("N01", "N02", "N03") for k, v in _FIGURE_MESSAGES.items()})
MESSAGES.update({
    "N06": "section 5 does not say how the problems named in last year's report were dealt with (e.g. 上年度问题整改情况).",
    "N07": "this is a people's government's report, but the text does not mention {missing} (Regulations art. 50(4)).",
    "N08": "the overview does not cover: {missing} (it should cover {topics}).",
    "N09": "section {section} repeats last year's report: {ratio}% of its text is the same (threshold {threshold}%), e.g. \u201c{passage}\u201d.",
})
TEXTS.update({
    "explain.title": "Figures in the text ({n}: {match} consistent, {mismatch} inconsistent, {other} not compared)",
    "explain.none": "no figures found in the text.",
    "explain.match": "consistent",
    "explain.mismatch": "INCONSISTENT",
    "explain.not_compared": "not compared",
    "explain.no_value": "no such value in the tables",
    "explain.claim": "claim",
    "explain.other_body": "about other bodies or subordinate units (\u201c{word}\u201d)",
    "explain.region": "scope \u201c{word}\u201d: a difference is only a note",
    "explain.other_year": "about another year (\u201c{word}\u201d)",
    "explain.other_kind": "about something else (\u201c{word}\u201d)",
    "explain.change": "a change or comparison (\u201c{word}\u201d)",
    "explain.rate": "an average or per-period figure (\u201c{word}\u201d)",
    "explain.ratio": "a rate the tables cannot give (\u201c{word}\u201d)",
    "explain.unknown_words": "qualified by words not understood (\u201c{word}\u201d); may be a breakdown",
    "explain.no_topic": "cannot tell what is counted",
    "explain.no_verb": "cannot tell whether received, closed or carried forward",
    "explain.cue_mismatch": "\u201c{word}\u201d does not fit what is counted",
    "explain.ambiguous": "several possible meanings ({word})",
    "explain.percent_base": "cannot tell what the percentage is of",
    "explain.no_cell": "no table cell holds it",
    "explain.subset": "a part introduced by 其中 that no table row holds",
    "explain.range": "a range ({word})",
})

# Figures of a part of the work (acting for the body, a sub-unit, a channel, a period) and fee notices (N05).
_PART_MESSAGES = {
    ".part_acting": "{part}: \u201c{quote}\u201d gives {figure}, handled by \u201c{scope}\u201d on the body's behalf; {loc} is {expected}. If that is all of the body's applications, check the two.",
    ".part_unit": "{part}: \u201c{quote}\u201d gives {figure} for the sub-unit \u201c{scope}\u201d; {loc} is {expected}. Ignore this note if the sub-unit's figure is not the whole table's.",
    ".part_channel": "{part}: \u201c{quote}\u201d gives {figure} for the channel \u201c{scope}\u201d; {loc} is {expected}. Ignore this note if it is only a breakdown.",
    ".part_period": "{part}: \u201c{quote}\u201d gives {figure} for the period \u201c{scope}\u201d; {loc} is {expected}. Ignore this note if it covers only part of the year.",
}
MESSAGES.update({rule + k: v for rule in ("N01", "N02", "N03") for k, v in _PART_MESSAGES.items()})
MESSAGES.update({
    "N05.notices": "{part}: \u201c{quote}\u201d gives {figure} fee notices, but {loc} (fee not paid, application closed) is {expected}; each of those applications had a notice, so there cannot be fewer than {expected}.",
    "N05.claim": "{part} says \u201c{claim}\u201d (\u201c{quote}\u201d), but {loc} (fee not paid, application closed) is {expected}, so fee notices were sent.",
})
TEXTS.update({
    "explain.part": "a figure of a part (\u201c{word}\u201d): a difference is only a note",
})
MESSAGES.update({
    "W01.version": "this workbook was made from template version {found}; the current one is {current}. It was read through its own cell map; use the new template.",
    "W01.declaration": "the format declaration differs from the one this template was generated from ({found} vs {current}); check the tables and use the new template.",
    "W01.edition": "the template states the layout “{found}”, which does not fit the report year.",
    "W02.renamed": "sheet “{expected}” was renamed “{found}”; found through the defined names.",
    "W02.missing": "sheet “{expected}” is missing; its content cannot be read.",
    "W02.added": "an extra sheet “{found}” was added; its content was not read.",
    "W03.overwritten": "the total formula at {where} was replaced by the number {raw}; that number was checked. Restore the formula.",
    "W03.input_formula": "{where} is an input cell but holds the formula “={formula}”; its cached result {raw} was read. Type the number.",
    "W04.stale": "{where} was saved with the total {cached}, but its parts add up to {computed} (not recalculated before saving); the recomputed value was checked.",
})

# Verdicts to trust: unfilled reports (S11), implausible years (S01), grouped floods, balances broken
# by a wrong row total, validation before publishing.
TITLES.update({"S11": "report filled in"})
MESSAGES.update({
    "S11.empty": "the report is not filled in: no table holds a single figure (it looks like a blank template). Fill in tables 2 to 4, writing 0 for what did not happen.",
    "S11.table3": "the report is not filled in: {loc} holds no figure at all (only blanks or placeholders such as “—” or “无”). An agency that received no applications writes 0 in each cell.",
    "S01.implausible": "the report year “{year}” is not plausible: it must have four digits, from {first} (the first year of the current formats) to {last}; otherwise the edition it must use cannot be determined.",
    "V02.group": "{loc}: {n} cells are blank and count as 0; write 0 in them. E.g. {list}.",
    "V03.group": "{loc}: {n} cells hold a placeholder instead of a number and count as 0; write the digit 0. E.g. {list}.",
    "A02.follows": "{loc}: （七）总计 should be {expected} (sum of the outcome rows), found {actual}, difference {diff}; this is exactly the error of the row total of {causes} (see A01): once those totals are the sums of their columns, this balances too.",
    "A03.follows": "{loc}: 一 + 二 = {lhs} but 三（七）总计 + 四 = {rhs}; the balance is off by {diff}; this is exactly the error of the row total of {causes} (see A01): once those totals are the sums of their columns, this balances too.",
})
TEXTS.update({
    "skipped.year": "the report year is not a plausible four-digit year; the deadline (P02) and statistical period (P03) were not checked.",
    "result.unfilled": "not valid: the report is not filled in",
    "part.sep": "; ",
    "part.raw": " (“{raw}”)",
    "part.more": " … ({n} in all)",
    "group.count": " ({table}: {n} findings)",
    "group.count_all": " ({n} findings)",
    "group.more": "… {n} more of the same kind; --format json lists them all.",
    "publish.refused": "the report has {errors} error(s); {path} was not written. Correct them first (xxgk validate lists every problem), or add --allow-errors to write it anyway.",
    "publish.unfilled": "the report is not filled in (table 3 holds no figure); {path} was not written. Fill it in first, or add --allow-errors to write it anyway.",
    "publish.first": "first {n} error(s):",
    "publish.more": "… {n} more error(s).",
    "publish.allowed": "note: the report has {errors} error(s); written anyway because of --allow-errors. Correct them before publishing.",
    "wrote": "wrote {path}",
    "read.cells": "cells read: {n}; wrote {path}",
    "import.layout": "layout detected: {name} ({document})",
    "import.cells": "cells read: {cells}; label deviations: {deviations}; lines outside the format: {unplaced}",
    "import.partial": "PARTIAL import:",
    "import.missing": "{n} declared cells not found: ",
    "import.complete": "complete import",
})
