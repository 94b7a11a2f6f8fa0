"""Figures and claims in the narrative, each with its sentence, position, meaning and scope.

How a figure is read: the words between it and the previous figure (or the start of its clause) are
cut into known tokens (vocab.py).  The last topic word says *what* is counted (applications, 复议,
诉讼, 规章 …), a cue word says *what happened* (受理, 办结, 结转 …, or an outcome row such as 予以公开),
scope words say *whose* and *when* (各区, 2023年, 同比).  When the clause has no cue before the
number, the words right after it are tried (``另有103件顺延到下年度答复``).  A topic is carried
through a sentence (``答复3050件`` after ``受理…申请3119件``), but only across clauses that contain
nothing unknown.  Inside a paragraph the topic of the last sentence carries on to the next one
(``受理申请120件。答复116件。``), and with it the scope and year it was said of.

A figure of a part of the body's own work (代表区政府, 政府办, 网上, 信函, 上半年 …) is compared, but its
scope says which part, so that a difference is only a note.  Within a sentence whose subject is not
applications (``印发公文514条，其中…不予公开21条``), outcome words classify that subject, not applications.

Any unknown word (two or more characters not in the vocabulary) between a figure and its cue stops
the comparison: ``通过网络平台受理申请20件`` is a breakdown the table does not have.  The figure
is still returned, with `reason`, so that ``--explain`` can show why it was not compared.
"""


from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Narrative
from ..spec import CellRef, Edition, Role
from . import vocab as V
from .clauses import (CJK, State, classifies_other, first_text, gap, joined, last_clause, note_scope, post_tokens,
                      rows_of, split_clauses)
from .figures import (AMBIGUOUS, CHANGE, CUE_MISMATCH, NO_CELL, NO_TOPIC, NO_VERB, OTHER_BODY, OTHER_KIND,  # noqa: F401
                      OTHER_YEAR, PERCENT_BASE, RANGE, RATE, RATIO, REGION, SUBSET, UNKNOWN_WORDS, Claim, Extraction,
                      Figure, Place)
from .numbers import figure_value, normalise_text
from .vocab import lexicon

_SENTENCE_END = re.compile(r"(?<=[。！？!?])|\n")
# Words allowed between 未发生/无 and the topic of a zero claim: 未发生因政府信息公开引起的行政复议
_ZERO_GAP = re.compile(r"^(?:因|涉及|关于|针对|引起的|引发的|相关的|方面的|的|政府信息公开|本机关|本单位|被|申请|提起)*$")


def extract(narrative: Narrative, edition: Edition, year: int | None = None) -> Extraction:
    """Every figure and claim in the preamble and sections, in reading order."""
    reader = _Reader(edition, year)
    out = Extraction()
    blocks = [(None, i, t) for i, t in enumerate(narrative.preamble)]
    for s in narrative.sections:
        blocks += [(s.number, i, b.text) for i, b in enumerate(s.blocks)]
    for number, i, text in blocks:
        text = normalise_text(text)
        offset, carry = 0, None
        for sentence in _SENTENCE_END.split(text):
            if sentence:
                carry = reader.sentence(Place(number, i, offset, sentence), out, carry)
            offset += len(sentence)
    from .fees import fee_table_figures  # a table or list of fee figures in section 六

    out.figures.extend(fee_table_figures(narrative, reader.notice_cells))
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
        # Every cell a sentence can point at, found by its role in the declaration.
        t2_rows = {V.REGULATIONS: edition.rows_for(Role.REGULATIONS), V.NORMATIVE: edition.rows_for(Role.NORMATIVE)}
        self.t2_rows = {topic: rows[0] for topic, rows in t2_rows.items() if rows}
        self.t2 = edition.table_for(Role.DISCLOSURE).code
        self.t3 = edition.table_for(Role.APPLICATIONS).code
        self.t3_total = edition.columns_for(Role.APPLICATIONS, Role.TOTAL)
        self.cue_rows = {cue: edition.rows_for(role) for role, cue in V.ROW_CUES.items()}
        # Table 三's row of applications closed because the fee was not paid (2021 edition only): every one
        # of them had a fee notice, so the notices written in the prose are at least as many (N05).
        self.notice_cells = edition.cells_for(Role.FEE_NOTICE, Role.TOTAL)
        self.t4 = edition.table_for(Role.APPEALS).code
        self.t4_total = edition.columns_for(Role.APPEALS, Role.TOTAL)
        self.review_rows = edition.rows_for(Role.REVIEW)
        self.litigation_rows = edition.rows_for(Role.LITIGATION)
        # Table 四's results: a claim that all were upheld is contradicted by every other result.
        upheld = edition.columns_for(Role.APPEALS, Role.UPHELD) + self.t4_total
        self.t4_not_upheld = tuple(c for c in edition.columns_for(Role.APPEALS) if c not in upheld)
        self.t4_pending = edition.columns_for(Role.APPEALS, Role.PENDING)
        self.t4_corrected = edition.columns_for(Role.APPEALS, Role.CORRECTED)

    # -- one sentence -----------------------------------------------------------------------------
    def sentence(self, place: Place, out: Extraction, carry: "State | None" = None) -> "State":
        """Reads one sentence; returns what the next sentence of the paragraph inherits."""
        s = place.sentence
        tokens = self.lx.tokens(s)
        default = V.APPLICATION if place.section == "三" else None
        st = State(topic=(carry.topic if carry else None) or default, inherited=carry, sentence=s)
        window: list = []  # tokens and unknown gaps since the previous figure
        pos = 0
        for k, tok in enumerate(tokens):
            if tok.start > pos:
                window.append(gap(s[pos:tok.start], pos))
            pos = tok.end
            if tok.kind != "num":
                window.append(tok)
                continue
            q = figure_value(tok.value)
            if q is None:
                window.append(gap(tok.text, tok.start))
                continue
            post = post_tokens(tokens, k, s)
            for fig in self._figures(place, tok, q, window, post, st):
                out.figures.append(fig)
                st.last = fig
            window = []
        if pos < len(s):
            window.append(gap(s[pos:], pos))
        out.claims.extend(self._claims(place, tokens, s, st))
        note_scope(st, [t for t in window if t.kind != "gap"])
        topics = [t for t in window if t.kind in ("topic", "litrow")]
        if topics:
            st.topic = V.LITIGATION if topics[-1].kind == "litrow" else topics[-1].value
        if carry and not st.said and st.topic == carry.topic:  # nothing new said: the old context goes on
            st.scope, st.scope_word, st.year, st.part, st.part_word = (
                carry.scope, carry.scope_word, carry.year, carry.part, carry.part_word)
        st.inherited = None  # only this sentence reads the one before
        return st

    def _figures(self, place, tok, q, window, post, st):
        clause, before_paren = last_clause(window)
        note_scope(st, before_paren + clause)
        kinds = {t.kind for t in clause}
        approx = q.approx and "ge"
        for t in clause:
            if t.kind == "approx":
                approx = t.value
        if q.is_range:
            approx = approx or "range"

        # What is counted.
        specs = self._specs(clause, post, q, st)
        unknown = "".join(t.text for t in clause if t.kind == "gap" and len(CJK.findall(t.text)) >= 1)
        for spec in specs:
            scope, word, part = self._scope(st, spec.topic, clause, before_paren, kinds, q)
            reason, detail = spec.reason, spec.detail
            if scope not in (V.SELF, V.REGION, V.PART):
                reason, detail = scope, word
            elif reason == NO_CELL:
                pass
            elif len(CJK.findall(unknown)) >= 2:
                reason, detail = UNKNOWN_WORDS, unknown
            elif reason is None and approx == "range":
                reason, detail = RANGE, tok.text
            if spec.metric == "fee_notice" and reason is None:
                approx = "le"  # each unpaid application had a notice; some notices were paid
            yield Figure(place, tok.start, tok.text, q, spec.topic, spec.metric,
                         self.lx.topic_table.get(spec.topic) if spec.topic else None, spec.targets, spec.denominators,
                         scope, word, part, reason, detail, approx if approx != "range" else None)
            # After a figure about something else, the sentence's subject is no longer known, and outcome
            # words that follow classify that other thing (公文…其中不予公开21条).
            other = reason == OTHER_KIND or (spec.topic is None and reason == UNKNOWN_WORDS)
            st.topic = None if other else spec.topic or st.topic
            if other:
                st.other = st.other or detail
            elif spec.metric in (V.RECEIVED, V.CLOSED, V.CARRIED_OVER, V.FORWARD, V.HANDLED):
                st.other = None

    def _scope(self, st, topic, clause, before_paren, kinds, q):
        """Whose and when: the first reason found wins, from the most to the least specific."""
        context = clause + before_paren
        scope, word, part = st.scope, st.scope_word, st.part
        year, part_word = st.year, st.part_word
        old = st.inherited
        if old and topic is not None and topic == old.topic:  # the paragraph's subject, as said before
            if "scope" not in st.said:
                scope, word = old.scope, old.scope_word
            if "year" not in st.said:
                year = old.year
            if "part" not in st.said:
                part, part_word = old.part, old.part_word
        if any(t.kind == "change" for t in context):
            return CHANGE, first_text(context, "change"), None
        if any(t.kind == "rate" for t in clause):
            return RATE, first_text(clause, "rate"), None
        if q.is_percent and "ratio" in kinds:
            return RATIO, first_text(clause, "ratio"), None
        if "other" in kinds:
            return OTHER_KIND, first_text(clause, "other"), None
        if year == "prev" or (isinstance(year, int) and self.year and year != self.year):
            return OTHER_YEAR, "上年" if year == "prev" else f"{year}年", None
        if scope == V.OTHER_BODY:
            return scope, word, None
        if part:
            return V.PART, part_word, part
        if scope == V.REGION:
            return scope, word, None
        return V.SELF, None, None

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
        t4_topics = joined([t for t in clause if t.kind == "topic"], clause, st.sentence)
        if len(t4_topics) > 1 and {t.value for t in t4_topics} <= {V.RECONSIDERATION, V.LITIGATION}:
            specs = [self._t4(t.value, [], [r for r in meaning if r.kind == "result"], q) for t in t4_topics]
            if distributive:
                st.queue = specs[1:]
                return specs[:1]
            return specs if same or not q.is_percent else [_Spec(topic, reason=AMBIGUOUS)]
        if topic is None:
            return [_Spec(None, reason=NO_TOPIC)]
        if topic == V.APPLICATION and classifies_other(topics, meaning, q, st):
            return [_Spec(None, reason=OTHER_KIND, detail=st.other or q.unit)]
        if topic == V.FEE_NOTICE and self.notice_cells and not q.is_percent and not q.is_money \
                and topics and topics[-1].value == V.FEE_NOTICE:  # named in the clause, not carried from it
            if any(t.text == "其中" for t in clause):
                return [_Spec(topic, reason=SUBSET, detail="其中")]  # 其中2件已缴费
            return [_Spec(topic, "fee_notice", (self.notice_cells,))]
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
        s = st.sentence
        cues = {t.value for t in meaning if t.kind == "cue"}
        columns = [t for t in meaning if t.kind == "column"]
        cols = tuple(c for t in columns for c in t.value) or self.t3_total
        if len(columns) > 1:
            return [_Spec(A, reason=AMBIGUOUS, detail="、".join(t.text for t in columns))]
        if q.is_percent:
            rows = rows_of(outcomes, clause, s)
            if rows is None:
                return [_Spec(A, reason=AMBIGUOUS)]
            if not rows and any(t.kind == "share" for t in meaning) and st.last and st.last.metric == "outcome":
                return [_Spec(A, "share", st.last.targets, self._bases(cols), reason=st.last.reason)]
            if not rows:
                return [_Spec(A, "share", reason=PERCENT_BASE)]
            return [_Spec(A, "share", (self._cells(rows, cols),), self._bases(cols))]
        if outcomes:
            if distributive and len(outcomes) > 1:
                specs = [_Spec(A, "outcome", (self._cells(t.value, cols),)) for t in outcomes]
                st.queue = specs[1:]
                return specs[:1]
            rows = rows_of(outcomes, clause, s)
            if rows is None:
                return [_Spec(A, reason=AMBIGUOUS, detail="、".join(t.text for t in outcomes))]
            return [_Spec(A, "outcome", (self._cells(rows, cols),))]
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
            # 自然人申请100件，法人…20件 / 网上受理80件，信函申请40件: the verb of the figure before.
            if (columns or st.part) and st.last and st.last.topic == A \
                    and st.last.metric in (V.RECEIVED, V.CLOSED, V.CARRIED_OVER, V.FORWARD):
                rows = tuple(dict.fromkeys(r.row for r in st.last.targets[0]))
                return [_Spec(A, st.last.metric, (self._cells(rows, cols),))]
            return [_Spec(A, reason=NO_VERB)]
        cue = cues.pop()
        if cue == V.HANDLED:
            rows = self.cue_rows
            return [_Spec(A, cue, (self._cells(rows[V.RECEIVED], cols), self._cells(rows[V.CLOSED], cols),
                                   self._cells(rows[V.RECEIVED] + rows[V.CARRIED_OVER], cols)))]
        return [_Spec(A, cue, (self._cells(self.cue_rows[cue], cols),))]

    def _t4(self, topic, litrows, results, q) -> _Spec:
        if q.is_percent:
            return _Spec(topic, reason=PERCENT_BASE)
        if topic == V.RECONSIDERATION:
            rows = self.review_rows
        elif litrows:
            rows = tuple(dict.fromkeys(t.value for t in litrows))
        else:
            rows = self.litigation_rows
        cols = tuple(dict.fromkeys(t.value for t in results)) or self.t4_total
        return _Spec(topic, "result" if results else "total", (tuple(CellRef(self.t4, r, c) for r in rows for c in cols),))

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
        return _Spec(topic, cues[-1].value, ((CellRef(self.t2, row, col),),))

    # -- claims -----------------------------------------------------------------------------------
    def _claims(self, place, tokens, s, st) -> list[Claim]:
        out = []
        topic = st.topic
        for clause in split_clauses(tokens):
            has_num = any(t.kind == "num" for t in clause)
            topics = [t for t in clause if t.kind == "topic"]
            scope_t = [t for t in clause if t.kind == "scope"]
            scope, word = (scope_t[-1].value, scope_t[-1].text) if scope_t else (st.scope, st.scope_word)
            reason = scope if scope == V.OTHER_BODY else None
            text = s[clause[0].start:clause[-1].end]
            for i, t in enumerate(clause):
                if t.kind == "claim":
                    before = [x.value for x in clause[:i] if x.kind == "topic" and x.value in (V.RECONSIDERATION, V.LITIGATION)]
                    subjects = before or ([topic] if topic in (V.RECONSIDERATION, V.LITIGATION) else [])
                    cols, why = self._claim_columns(t.value, s[clause[0].start:t.start])
                    for subj in dict.fromkeys(subjects):
                        out.append(Claim(place, t.start, text, t.value, subj, self.t4, self._t4_cells(subj, cols),
                                         scope, word, reason or why))
                elif t.kind == "zero" and not has_num:
                    nxt = [x for x in clause[i + 1:] if x.kind == "topic"]
                    if not nxt or not _ZERO_GAP.match(s[t.end:nxt[0].start]):
                        continue
                    for subj in dict.fromkeys(x.value for x in joined(nxt, clause, s)):
                        cells = self._zero_cells(subj)
                        if cells:
                            out.append(Claim(place, t.start, text, "zero", subj, cells[0].table, cells,
                                             scope, word, reason))
                    break
            if topics:
                topic = topics[-1].value
        return out

    def _claim_columns(self, kind, before: str):
        """Columns of table 四 a claim says are 0, and why it is not compared (None = compared)."""
        if re.search(r"其余|其他|剩余|除.*外", before):
            return (), SUBSET  # 其余均获维持: the claim is about the rest
        if kind == V.NONE_CORRECTED:
            return self.t4_corrected, None
        cols = self.t4_not_upheld
        if re.search(r"(?<!未)(?:审结|结案)|已办结|办结的", before):  # 已审结的均获维持: pending ones aside
            cols = tuple(c for c in cols if c not in self.t4_pending)
        return cols, None

    def _zero_cells(self, topic) -> tuple[CellRef, ...]:
        if topic == V.APPLICATION:
            return self._cells(self.cue_rows[V.RECEIVED], self.t3_total)
        if topic == V.FEE_NOTICE:
            return self.notice_cells
        if topic in (V.RECONSIDERATION, V.LITIGATION):
            return self._t4_cells(topic, self.t4_total)
        return ()

    def _t4_cells(self, topic, cols) -> tuple[CellRef, ...]:
        rows = self.review_rows if topic == V.RECONSIDERATION else self.litigation_rows
        return tuple(CellRef(self.t4, r, c) for r in rows for c in cols)

    def _cells(self, rows, cols) -> tuple[CellRef, ...]:
        return tuple(CellRef(self.t3, r, c) for r in rows for c in cols)

    def _bases(self, cols) -> tuple[tuple[CellRef, ...], ...]:
        """Denominators a percentage of outcomes may be taken of: closed, received, received + carried over."""
        rows = self.cue_rows
        return (self._cells(rows[V.CLOSED], cols), self._cells(rows[V.RECEIVED], cols),
                self._cells(rows[V.RECEIVED] + rows[V.CARRIED_OVER], cols))
