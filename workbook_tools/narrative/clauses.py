"""The state carried through a sentence and a paragraph, and the token helpers that cut a sentence into
clauses: which words stand between a figure and its cue, and what a clause says of scope and part."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import vocab as V
from .figures import Figure
from .vocab import Token

CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class State:
    topic: str | None = None
    scope: str = V.SELF
    scope_word: str | None = None
    year: object = None
    last: Figure | None = None
    queue: list = field(default_factory=list)
    part: str | None = None  # acting | unit | channel | period, while a part of the work is spoken of
    part_word: str | None = None
    other: str | None = None  # the sentence counts something else (公文, 信息): its subject word
    inherited: "State | None" = None  # the previous sentence of the paragraph
    said: set = field(default_factory=set)  # scope, year, part: given in this sentence
    sentence: str = ""


def classifies_other(topics, meaning, q, st) -> bool:
    """依申请公开93条, 不予公开21条 after a count of documents, or in 条 (items of information): how
    those items are classified, not applications.  A verb (受理, 答复) or the word 申请 makes it one."""
    if any(t.kind == "cue" for t in meaning) or not all(t.text in V.ATTRIBUTE_WORDS for t in topics):
        return False
    after_applications = st.last is not None and st.last.topic == V.APPLICATION and st.last.metric
    return bool(st.other) or (q.unit == "条" and not after_applications)


THIS_YEAR = ("今年", "本年", "本年度", "当年", "全年")
PART_ORDER = (V.ACTING, V.UNIT, V.CHANNEL, V.PERIOD)  # the part named when several are written together


def note_scope(st: State, tokens) -> None:
    """Scope, year and part words, in the order written; a part word next to a scope word is one
    phrase (区政府办代表区政府)."""
    prev = None
    for t in tokens:
        if t.kind == "scope":
            st.scope, st.scope_word = t.value, t.text
            st.said.add("scope")
            if st.part and prev is not None and prev.kind == "part" and prev.end == t.start:
                st.part_word += t.text
        elif t.kind == "year":
            st.year = t.value
            st.said.add("year")
        elif t.kind == "prev_year":
            st.year = "prev"
            st.said.add("year")
        elif t.kind == "part":
            adjacent = st.part and prev is not None and prev.kind in ("part", "scope") and prev.end == t.start
            if adjacent:
                st.part_word += t.text
                st.part = min(st.part, t.value, key=PART_ORDER.index)
            else:
                st.part, st.part_word = t.value, t.text
            st.said.add("part")
        elif t.kind == "filler" and (t.text in THIS_YEAR or t.text in V.PART_RESET):
            if t.text in THIS_YEAR:
                st.year = None
                st.said.add("year")
            if t.text in V.PART_RESET:
                st.part = st.part_word = None
                st.said.add("part")
        prev = t


def gap(text: str, start: int) -> Token:
    return Token("gap", None, start, start + len(text), text)


MEANING = ("topic", "cue", "outcome", "result", "column", "litrow", "share", "other")


def last_clause(window):
    """Tokens after the last clause boundary; and, inside brackets, the clause before the bracket."""
    cut = max((i for i, t in enumerate(window) if t.kind == "boundary"), default=-1)
    clause = [t for t in window[cut + 1:] if t.kind != "gap" or CJK.search(t.text)]
    if cut >= 0 and window[cut].text in ("：", ":") and not any(t.kind in MEANING for t in clause):
        prev = max((i for i, t in enumerate(window[:cut]) if t.kind == "boundary"), default=-1)
        label = [t for t in window[prev + 1:cut] if t.kind != "gap" or CJK.search(t.text)]
        return label + clause, []  # 发出收费通知件数：3件: the label says what the value counts
    before = []
    if cut >= 0 and window[cut].text in ("（", "("):
        prev = max((i for i, t in enumerate(window[:cut]) if t.kind == "boundary"), default=-1)
        before = [t for t in window[prev + 1:cut] if t.kind != "gap"]
    return clause, before


def post_tokens(tokens, k, s) -> list[Token]:
    """Cue right after a figure: 103件顺延到下年度, 80件予以公开 (fillers may come first)."""
    for t in tokens[k + 1:]:
        if t.start > tokens[k].end and CJK.search(s[tokens[k].end:t.start]) and t is tokens[k + 1]:
            return []
        if t.kind in ("filler", "conj"):
            continue
        if t.kind in ("cue", "outcome", "result", "topic"):
            return [t]
        return []
    return []


def joined(items: list[Token], clause: list[Token], text: str) -> list[Token]:
    """The run of `items` at the end that are separated only by conjunctions (及/和/、): in
    因依申请公开引发的行政复议和行政诉讼 only the last two."""
    if len(items) < 2:
        return items
    run = [items[-1]]
    for a in reversed(items[:-1]):
        between = [t for t in clause if a.end <= t.start and t.end <= run[0].start]
        rest = list(text[a.end:run[0].start])
        for t in between:
            rest[t.start - a.end:t.end - a.end] = [""] * (t.end - t.start)
        # a conjunction, maybe with 的/等 (予以公开的和部分公开的); 依申请公开工作被提起行政复议 is not a list
        if any(t.kind == "conj" for t in between) and not CJK.search("".join(rest)) \
                and all(t.kind == "conj" or t.text in ("的", "等") for t in between):
            run.insert(0, a)
        else:
            break
    return run


def rows_of(outcomes, clause, text):
    """Rows meant by outcome words: one, or several joined by 及/和 (予以公开及部分公开); None = unclear."""
    if not outcomes:
        return ()
    run = joined(outcomes, clause, text)
    if len(run) != len(outcomes):
        return None
    return tuple(dict.fromkeys(r for t in run for r in t.value))


def first_text(tokens, kind) -> str | None:
    return next((t.text for t in tokens if t.kind == kind), None)


def split_clauses(tokens):
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

