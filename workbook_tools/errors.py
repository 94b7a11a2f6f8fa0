"""Errors that mean "this input cannot be used" (exit code 2), with wording in Chinese and English.

Every such error is worded in `messages/inputs.py` under ``inputs.<code>`` (or ``inputs.<code>.<case>`` when one
code has several wordings) and raised through `input_error`, so the code scripts test and the texts users read
stay together.
"""

from __future__ import annotations

LANGS = ("zh", "en")


class InputError(Exception):
    """An input the toolkit cannot use.  Carries both languages; the CLI picks one."""

    exit_code = 2

    def __init__(self, zh: str, en: str | None = None, *, path: str | None = None, code: str = "unusable-input"):
        super().__init__(zh)
        self.zh = zh
        self.en = en or zh
        self.path = path
        self.code = code

    @classmethod
    def from_key(cls, key: str, /, *, path=None, code: str | None = None, **params) -> InputError:
        """The error worded by ``inputs.<key>``; its code is the part of the key before the first dot
        (`code` only for one wording shared by several readers, each with its own code).

        A parameter given as a (中文, English) pair takes the value of each language; a list is joined with
        each language's separator."""
        zh, en = pair(key, **params)
        return cls(zh, en, path=None if path is None else str(path), code=code or key.split(".", 1)[0])

    def reword(self, key: str, /, **params) -> InputError:
        """This error's own text wrapped by ``inputs.<key>`` (its ``{reason}``), code and path kept."""
        self.zh, self.en = (_word(key, lang, {**params, "reason": (self.zh, self.en)}) for lang in LANGS)
        self.args = (self.zh,)
        return self

    def text(self, lang: str = "zh") -> str:
        """The wording alone, without the path."""
        return {"en": self.en}.get(lang, self.zh)

    def message(self, lang: str = "zh") -> str:
        return _word("at-path", lang, {"path": self.path, "text": self.text(lang)}) if self.path else self.text(lang)


def input_error(key: str, /, *, path=None, **params) -> InputError:
    """Shorthand for `InputError.from_key`."""
    return InputError.from_key(key, path=path, **params)


def pair(key: str, /, **params) -> tuple[str, str]:
    """``inputs.<key>`` in both languages, e.g. a phrase passed on as another text's parameter."""
    zh, en = (_word(key, lang, params) for lang in LANGS)
    return zh, en


def _word(key: str, lang: str, params: dict) -> str:
    from .messages import text

    index = LANGS.index(lang) if lang in LANGS else 0
    sep = text("inputs.sep", lang)
    values = {}
    for k, v in params.items():
        v = v[index] if isinstance(v, tuple) else v
        values[k] = sep.join(map(str, v)) if isinstance(v, list) else v
    template = text("inputs." + key, lang)  # formatted here: a parameter may be called `key` or `lang`
    return template.format(**values) if values else template


class OutputExists(InputError):
    def __init__(self, path: str):
        err = InputError.from_key("output-exists", path=path)
        super().__init__(err.zh, err.en, path=err.path, code=err.code)
