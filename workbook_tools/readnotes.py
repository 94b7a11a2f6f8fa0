"""Notes a reader leaves on a report (how it was read, what it inferred), in both languages.

A `Note` is a `str`: its Chinese text, which the report JSON and every caller that keeps or prints a note
go on seeing, and it knows its wording in the other language too (`worded(note, "en")`).  Notes read back
from a report JSON are plain text, shown as written.  The texts are in messages/reading.py; a parameter
given as a (zh, en) pair is put in the note's language."""

from __future__ import annotations


class Note(str):
    key: str
    params: dict

    def __new__(cls, key: str, params: dict) -> Note:
        self = super().__new__(cls, _worded(key, "zh", params))
        self.key, self.params = key, params
        return self

    def __getnewargs__(self):  # pickled and copied as a note, not as its text
        return self.key, self.params

    def text(self, lang: str = "zh") -> str:
        return _worded(self.key, lang, self.params)


def note(key: str, **params) -> Note:
    return Note(key, params)


def worded(text: str, lang: str = "zh") -> str:
    """A read note in the language asked (a plain text as written)."""
    return text.text(lang) if isinstance(text, Note) else str(text)


def _worded(key: str, lang: str, params: dict) -> str:
    from .messages import text

    en = lang == "en"
    return text(key, lang, **{k: (v[1] if en else v[0]) if isinstance(v, tuple) else v for k, v in params.items()})
