"""Figures and claims in the narrative, each with its sentence, position, meaning and scope.

How a figure is read: the words between it and the previous figure (or the start of its clause) are
cut into known tokens (vocab.py).  The last topic word says *what* is counted (applications, 复议,
诉讼, 规章 …), a cue word says *what happened* (受理, 办结, 结转 …, or an outcome row such as 予以公开),
scope words say *whose* and *when* (各区, 2023年, 同比).  When the clause has no cue before the
number, the words right after it are tried (``另有103件顺延到下年度答复``).  A topic is carried
through a sentence (``答复3050件`` after ``受理…申请3119件``), but only across clauses that contain
nothing unknown.

Any unknown word (two or more characters not in the vocabulary) between a figure and its cue stops
the comparison: ``通过网络平台受理申请20件`` is a breakdown the table does not have.  The figure
is still returned, with `reason`, so that ``--explain`` can show why it was not compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Narrative
from ..spec import CellRef, Edition
from . import vocab as V
from .numbers import Quantity, figure_value, normalise_text
from .vocab import Token, lexicon

_SENTENCE_END = re.compile(r"(?<=[。！？!?])|\n")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Words allowed between 未发生/无 and the topic of a zero claim: 未发生因政府信息公开引起的行政复议
_ZERO_GAP = re.compile(r"^(?:因|涉及|关于|针对|引起的|引发的|相关的|方面的|的|政府信息公开|本机关|本单位|被|申请|提起)*$")

# Why a figure was not compared (message keys explain.<reason> in messages/).
OTHER_BODY, REGION, OTHER_YEAR, OTHER_KIND = V.OTHER_BODY, V.REGION, "other_year", "other_kind"
CHANGE, RATE, RATIO = "change", "rate", "ratio"
UNKNOWN_WORDS, NO_TOPIC, NO_VERB, CUE_MISMATCH, AMBIGUOUS = "unknown_words", "no_topic", "no_verb", "cue_mismatch", "ambiguous"
PERCENT_BASE, NO_CELL, RANGE, SUBSET = "percent_base", "no_cell", "range", "subset"


@dataclass(frozen=True)
class Place:
    section: str | None  # 一 … 六; None for the preamble
    paragraph: int  # index of the block in its section
    offset: int  # of the sentence in the (space-free) block text
    sentence: str


@dataclass(frozen=True)
class Figure:
    place: Place
    start: int  # of the figure inside the sentence
    text: str  # as written: 3119件
    quantity: Quantity
    topic: str | None = None
    metric: str | None = None  # received | carried_over | closed | forward | handled | outcome | result | t2_* | share
    table: str | None = None
    targets: tuple[tuple[CellRef, ...], ...] = ()  # the figure equals the sum of one of these cell sets
    denominators: tuple[tuple[CellRef, ...], ...] = ()  # for a percentage: candidate bases
    scope: str = V.SELF
    scope_word: str | None = None
    reason: str | None = None  # why it is not compared (None = compared)
    detail: str | None = None  # the words behind `reason`
    approx: str | None = None  # ge | le | lt | gt | about: how loosely the figure was written

    @property
    def compared(self) -> bool:
        return self.reason is None and bool(self.targets)


@dataclass(frozen=True)
class Claim:
    """A statement without a number that the tables can contradict: 未发生行政复议, 均获维持."""

    place: Place
    start: int
    text: str
    kind: str  # zero | all_upheld | none_corrected
    topic: str
    table: str
    cells: tuple[CellRef, ...]  # the claim says their sum is 0
    scope: str = V.SELF
    scope_word: str | None = None
    reason: str | None = None


@dataclass
class Extraction:
    figures: list[Figure] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


def extract(narrative: Narrative, edition: Edition, year: int | None = None) -> Extraction:
    """Every figure and claim in the preamble and sections, in reading order."""
    reader = _Reader(edition, year)
    out = Extraction()
    blocks = [(None, i, t) for i, t in enumerate(narrative.preamble)]
    for s in narrative.sections:
        blocks += [(s.number, i, b.text) for i, b in enumerate(s.blocks)]
    for number, i, text in blocks:
        text = normalise_text(text)
        offset = 0
        for sentence in _SENTENCE_END.split(text):
            if sentence:
                reader.sentence(Place(number, i, offset, sentence), out)
            offset += len(sentence)
    return out


def extract_text(text: str, edition: Edition, year: int | None = None, section: str | None = "一") -> Extraction:
    """Figures in one piece of text (tests, and callers without a Narrative)."""
    from ..model import NarrativeSection, TextBlock

    return extract(Narrative(sections=[NarrativeSection(section or "一", blocks=[TextBlock("paragraph", text)])]),
                   edition, year)


@dataclass
class _Spec:
    """What a figure points at, before scope is applied."""

    topic: str | None
    metric: str | None = None
    targets: tuple[tuple[CellRef, ...], ...] = ()
    denominators: tuple[tuple[CellRef, ...], ...] = ()
    reason: str | None = None
    detail: str | None = None


class _Reader:
    def __init__(self, edition: Edition, year: int | None):
        self.lx = lexicon(edition)
        self.edition = edition
        self.year = year
        t2 = edition.table("T2")
        self.t2_rows = {}
        for _, r in t2.rows():
            if r.label == "规章":
                self.t2_rows[V.REGULATIONS] = r.code
            elif r.label.endswith("规范性文件"):
                self.t2_rows[V.NORMATIVE] = r.code

    # -- one sentence -----------------------------------------------------------------------------
    def sentence(self, place: Place, out: Extraction) -> None:
        s = place.sentence
        tokens = self.lx.tokens(s)
        st = _State(topic=V.APPLICATION if place.section == "三" else None)
        window: list = []  # tokens and unknown gaps since the previous figure
        pos = 0
        for k, tok in enumerate(tokens):
            if tok.start > pos:
                window.append(_gap(s[pos:tok.start], pos))
            pos = tok.end
            if tok.kind != "num":
                window.append(tok)
                continue
            q = figure_value(tok.value)
            if q is None:
                window.append(_gap(tok.text, tok.start))
                continue
            post = _post(tokens, k, s)
            for fig in self._figures(place, tok, q, window, post, st):
                out.figures.append(fig)
                st.last = fig
            window = []
        if pos < len(s):
            window.append(_gap(s[pos:], pos))
        out.claims.extend(self._claims(place, tokens, s, st))

    def _figures(self, place, tok, q, window, post, st):
        clause, before_paren = _clause(window)
        for t in clause + before_paren:
            if t.kind == "scope":
                st.scope, st.scope_word = t.value, t.text
            elif t.kind == "year":
                st.year = t.value
            elif t.kind == "prev_year":
                st.year = "prev"
        for t in clause:
            if t.kind == "filler" and t.text in ("今年", "本年", "本年度", "当年", "全年"):
                st.year = None
        kinds = {t.kind for t in clause}
        approx = q.approx and "ge"
        for t in clause:
            if t.kind == "approx":
                approx = t.value
        if q.is_range:
            approx = approx or "range"

        # What is counted.
        specs = self._specs(clause, post, q, st)
        # Whose and when: the first reason found wins, from the most to the least specific.
        scope, word = V.SELF, None
        context = clause + before_paren
        unknown = "".join(t.text for t in clause if t.kind == "gap" and len(_CJK.findall(t.text)) >= 1)
        if any(t.kind == "change" for t in context):
            scope, word = CHANGE, _first(context, "change")
        elif any(t.kind == "rate" for t in clause):
            scope, word = RATE, _first(clause, "rate")
        elif q.is_percent and "ratio" in kinds:
            scope, word = RATIO, _first(clause, "ratio")
        elif "other" in kinds:
            scope, word = OTHER_KIND, _first(clause, "other")
        elif st.year == "prev" or (isinstance(st.year, int) and self.year and st.year != self.year):
            scope, word = OTHER_YEAR, "上年" if st.year == "prev" else f"{st.year}年"
        elif st.scope in (V.OTHER_BODY, V.REGION):
            scope, word = st.scope, st.scope_word
        for spec in specs:
            reason, detail = spec.reason, spec.detail
            if scope not in (V.SELF, V.REGION):
                reason, detail = scope, word
            elif reason == NO_CELL:
                pass
            elif len(_CJK.findall(unknown)) >= 2:
                reason, detail = UNKNOWN_WORDS, unknown
            elif reason is None and approx == "range":
                reason, detail = RANGE, tok.text
            yield Figure(place, tok.start, tok.text, q, spec.topic, spec.metric,
                         V.TOPIC_TABLE.get(spec.topic) if spec.topic else None, spec.targets, spec.denominators,
                         scope, word, reason, detail, approx if approx != "range" else None)
            # After a figure about something else, the sentence's subject is no longer known.
            st.topic = None if scope == OTHER_KIND else spec.topic or st.topic

    # -- meaning ----------------------------------------------------------------------------------
    def _specs(self, clause, post, q, st) -> list[_Spec]:
        topics = [t for t in clause if t.kind == "topic"]
        litrows = [t for t in clause if t.kind == "litrow"]
        meaning = [t for t in clause if t.kind in ("cue", "outcome", "result", "column", "share")]
        has_unknown = any(t.kind in ("gap", "other") for t in clause)
        if not meaning and not topics and not litrows:
            meaning = [t for t in post if t.kind != "topic"]
        if not topics and post and post[0].kind == "topic":  # 受理的15件申请
            topics = post
        if st.queue and not topics and not meaning and not has_unknown:
            return [st.queue.pop(0)]
        st.queue = []
        if litrows:
            topic = V.LITIGATION
        elif topics:
            topic = topics[-1].value
        elif any(t.kind in ("outcome", "column") or t.value in (V.CARRIED_OVER, V.FORWARD) for t in meaning):
            topic = V.APPLICATION  # words only table 三 has
        else:
            topic = st.topic
        distributive = any(t.kind == "each" and t.text.startswith("分别") for t in clause)
        same = any(t.kind == "each" and t.text == "各" or t.text in ("均为",) for t in clause)
        # 行政复议、行政诉讼均为0件 / 分别为2件、1件
        t4_topics = _joined([t for t in clause if t.kind == "topic"], clause)
        if len(t4_topics) > 1 and {t.value for t in t4_topics} <= {V.RECONSIDERATION, V.LITIGATION}:
            specs = [self._t4(t.value, [], [r for r in meaning if r.kind == "result"], q) for t in t4_topics]
            if distributive:
                st.queue = specs[1:]
                return specs[:1]
            return specs if same or not q.is_percent else [_Spec(topic, reason=AMBIGUOUS)]
        if topic is None:
            return [_Spec(None, reason=NO_TOPIC)]
        if topic in (V.FEE, V.FEE_NOTICE):
            return [_Spec(topic, topic, reason=NO_CELL)]
        if topic in (V.RECONSIDERATION, V.LITIGATION):
            results = [t for t in meaning if t.kind == "result"]
            if distributive and len(results) > 1:
                specs = [self._t4(topic, litrows, [r], q) for r in results]
                st.queue = specs[1:]
                return specs[:1]
            cues = [t for t in meaning if t.kind == "cue" and t.value != V.RECEIVED]
            if cues or any(t.kind in ("outcome", "column") for t in meaning):
                return [_Spec(topic, reason=CUE_MISMATCH, detail=(cues or meaning)[0].text)]
            return [self._t4(topic, litrows, results, q)]
        if topic in (V.REGULATIONS, V.NORMATIVE):
            return [self._t2(topic, meaning, q)]
        return self._t3(meaning, q, st, distributive, clause)

    def _t3(self, meaning, q, st, distributive, clause) -> list[_Spec]:
        A = V.APPLICATION
        outcomes = [t for t in meaning if t.kind == "outcome"]
        cues = {t.value for t in meaning if t.kind == "cue"}
        columns = [t for t in meaning if t.kind == "column"]
        cols = tuple(c for t in columns for c in t.value) or ("C7",)
        if len(columns) > 1:
            return [_Spec(A, reason=AMBIGUOUS, detail="、".join(t.text for t in columns))]
        if q.is_percent:
            rows = _rows_of(outcomes, clause)
            if rows is None:
                return [_Spec(A, reason=AMBIGUOUS)]
            if not rows and any(t.kind == "share" for t in meaning) and st.last and st.last.metric == "outcome":
                return [_Spec(A, "share", st.last.targets, _bases(cols), reason=st.last.reason)]
            if not rows:
                return [_Spec(A, "share", reason=PERCENT_BASE)]
            return [_Spec(A, "share", (_cells(rows, cols),), _bases(cols))]
        if outcomes:
            if distributive and len(outcomes) > 1:
                specs = [_Spec(A, "outcome", (_cells(t.value, cols),)) for t in outcomes]
                st.queue = specs[1:]
                return specs[:1]
            rows = _rows_of(outcomes, clause)
            if rows is None:
                return [_Spec(A, reason=AMBIGUOUS, detail="、".join(t.text for t in outcomes))]
            return [_Spec(A, "outcome", (_cells(rows, cols),))]
        if cues & {V.RECEIVED, V.CLOSED, V.HANDLED} and any(t.kind == "filler" and t.text == "其中" for t in clause):
            # 共处理36件，其中依申请公开答复34件: a part of the figure before, not a table row.
            return [_Spec(A, reason=SUBSET, detail="其中")]
        t2cues = {c for c in cues if c.startswith("t2_")}
        cues -= t2cues
        if len(cues) > 1:
            cues.discard(V.HANDLED)  # 结转至下年度办理: 办理 is only the verb of the other cue
        if len(cues) > 1:
            return [_Spec(A, reason=AMBIGUOUS, detail="、".join(sorted(t.text for t in meaning if t.kind == "cue")))]
        if not cues:
            if t2cues:
                return [_Spec(A, reason=CUE_MISMATCH, detail=next(t.text for t in meaning if t.kind == "cue"))]
            if columns and st.last and st.last.topic == A and st.last.metric in (V.RECEIVED, V.CLOSED, V.CARRIED_OVER, V.FORWARD):
                rows = tuple(dict.fromkeys(r.row for r in st.last.targets[0]))
                return [_Spec(A, st.last.metric, (_cells(rows, cols),))]
            return [_Spec(A, reason=NO_VERB)]
        cue = cues.pop()
        if cue == V.HANDLED:
            return [_Spec(A, cue, (_cells(("R1",), cols), _cells(("R3.7",), cols), _cells(("R1", "R2"), cols)))]
        row = {V.RECEIVED: "R1", V.CARRIED_OVER: "R2", V.CLOSED: "R3.7", V.FORWARD: "R4"}[cue]
        return [_Spec(A, cue, (_cells((row,), cols),))]

    def _t4(self, topic, litrows, results, q) -> _Spec:
        if q.is_percent:
            return _Spec(topic, reason=PERCENT_BASE)
        if topic == V.RECONSIDERATION:
            rows = ("F",)
        elif litrows:
            rows = tuple(dict.fromkeys(t.value for t in litrows))
        else:
            rows = ("L1", "L2")
        cols = tuple(dict.fromkeys(t.value for t in results)) or ("C5",)
        return _Spec(topic, "result" if results else "total", (tuple(CellRef("T4", r, c) for r in rows for c in cols),))

    def _t2(self, topic, meaning, q) -> _Spec:
        cues = [t for t in meaning if t.kind == "cue"]
        if q.is_percent or any(t.kind != "cue" for t in meaning):
            return _Spec(topic, reason=CUE_MISMATCH, detail=meaning[0].text if meaning else None)
        if not cues:
            return _Spec(topic, reason=NO_VERB)
        kinds = {t.value for t in cues}
        if len(kinds) > 1 or not next(iter(kinds)).startswith("t2_"):
            return _Spec(topic, reason=AMBIGUOUS if len(kinds) > 1 else CUE_MISMATCH, detail=cues[-1].text)
        col = self.lx.t2_columns.get(cues[-1].value)
        row = self.t2_rows.get(topic)
        if col is None or row is None:
            return _Spec(topic, reason=NO_CELL, detail=cues[-1].text)
        return _Spec(topic, cues[-1].value, ((CellRef("T2", row, col),),))

    # -- claims -----------------------------------------------------------------------------------
    def _claims(self, place, tokens, s, st) -> list[Claim]:
        out = []
        clauses = _split_clauses(tokens)
        topic = st.topic
        for clause in clauses:
            has_num = any(t.kind == "num" for t in clause)
            topics = [t for t in clause if t.kind == "topic"]
            scope_t = [t for t in clause if t.kind == "scope"]
            scope, word = (scope_t[-1].value, scope_t[-1].text) if scope_t else (st.scope, st.scope_word)
            reason = scope if scope == V.OTHER_BODY else None
            for i, t in enumerate(clause):
                if t.kind == "claim":
                    before = [x.value for x in clause[:i] if x.kind == "topic" and x.value in (V.RECONSIDERATION, V.LITIGATION)]
                    subjects = before or ([topic] if topic in (V.RECONSIDERATION, V.LITIGATION) else [])
                    for subj in dict.fromkeys(subjects):
                        cols = ("C2",) if t.value == V.NONE_CORRECTED else ("C2", "C3")
                        out.append(Claim(place, t.start, s[clause[0].start:clause[-1].end], t.value, subj, "T4",
                                         self._t4_cells(subj, cols), scope, word, reason))
                elif t.kind == "zero" and not has_num:
                    nxt = [x for x in clause[i + 1:] if x.kind == "topic"]
                    if not nxt or not _ZERO_GAP.match(s[t.end:nxt[0].start]):
                        continue
                    subjects = [x.value for x in _joined(nxt, clause)]
                    for subj in dict.fromkeys(subjects):
                        cells = {V.APPLICATION: (CellRef("T3", "R1", "C7"),), V.RECONSIDERATION: (CellRef("T4", "F", "C5"),),
                                 V.LITIGATION: (CellRef("T4", "L1", "C5"), CellRef("T4", "L2", "C5"))}.get(subj)
                        if cells:
                            out.append(Claim(place, t.start, s[clause[0].start:clause[-1].end], "zero", subj,
                                             V.TOPIC_TABLE[subj], cells, scope, word, reason))
                    break
            if topics:
                topic = topics[-1].value
        return out

    @staticmethod
    def _t4_cells(topic, cols) -> tuple[CellRef, ...]:
        rows = ("F",) if topic == V.RECONSIDERATION else ("L1", "L2")
        return tuple(CellRef("T4", r, c) for r in rows for c in cols)


@dataclass
class _State:
    topic: str | None = None
    scope: str = V.SELF
    scope_word: str | None = None
    year: object = None
    last: Figure | None = None
    queue: list = field(default_factory=list)


def _gap(text: str, start: int) -> Token:
    return Token("gap", None, start, start + len(text), text)


def _clause(window):
    """Tokens after the last clause boundary; and, inside brackets, the clause before the bracket."""
    cut = max((i for i, t in enumerate(window) if t.kind == "boundary"), default=-1)
    clause = [t for t in window[cut + 1:] if t.kind != "gap" or _CJK.search(t.text)]
    before = []
    if cut >= 0 and window[cut].text in ("（", "("):
        prev = max((i for i, t in enumerate(window[:cut]) if t.kind == "boundary"), default=-1)
        before = [t for t in window[prev + 1:cut] if t.kind != "gap"]
    return clause, before


def _post(tokens, k, s) -> list[Token]:
    """Cue right after a figure: 103件顺延到下年度, 80件予以公开 (fillers may come first)."""
    for t in tokens[k + 1:]:
        if t.start > tokens[k].end and _CJK.search(s[tokens[k].end:t.start]) and t is tokens[k + 1]:
            return []
        if t.kind in ("filler", "conj"):
            continue
        if t.kind in ("cue", "outcome", "result", "topic"):
            return [t]
        return []
    return []


def _joined(items: list[Token], clause: list[Token]) -> list[Token]:
    """The run of `items` at the end that are separated only by conjunctions (及/和/、)."""
    if len(items) < 2:
        return items
    run = [items[-1]]
    for a in reversed(items[:-1]):
        between = [t for t in clause if a.end <= t.start and t.end <= run[0].start]
        if all(t.kind in ("conj", "filler") and t.text not in ("其中",) for t in between):
            run.insert(0, a)
        else:
            break
    return run


def _rows_of(outcomes, clause):
    """Rows meant by outcome words: one, or several joined by 及/和 (予以公开及部分公开); None = unclear."""
    if not outcomes:
        return ()
    run = _joined(outcomes, clause)
    if len(run) != len(outcomes):
        return None
    return tuple(dict.fromkeys(r for t in run for r in t.value))


def _cells(rows, cols) -> tuple[CellRef, ...]:
    return tuple(CellRef("T3", r, c) for r in rows for c in cols)


def _bases(cols) -> tuple[tuple[CellRef, ...], ...]:
    """Denominators a percentage of outcomes may be taken of: closed, received, received + carried over."""
    return (_cells(("R3.7",), cols), _cells(("R1",), cols), _cells(("R1", "R2"), cols))


def _first(tokens, kind) -> str | None:
    return next((t.text for t in tokens if t.kind == kind), None)


def _split_clauses(tokens):
    out, cur = [], []
    for t in tokens:
        if t.kind == "boundary":
            if cur:
                out.append(cur)
            cur = []
        else:
            cur.append(t)
    if cur:
        out.append(cur)
    return out
