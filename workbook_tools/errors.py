"""Errors that mean "this input cannot be used" (exit code 2), with wording in Chinese and English."""

from __future__ import annotations


class InputError(Exception):
    """An input the toolkit cannot use.  Carries both languages; the CLI picks one."""

    exit_code = 2

    def __init__(self, zh: str, en: str | None = None, *, path: str | None = None, code: str = "unusable-input"):
        super().__init__(zh)
        self.zh = zh
        self.en = en or zh
        self.path = path
        self.code = code

    def message(self, lang: str = "zh") -> str:
        text = self.en if lang == "en" else self.zh
        return f"{self.path}: {text}" if self.path else text


class OutputExists(InputError):
    def __init__(self, path: str):
        super().__init__("输出文件已存在；如需覆盖请加 --force。", "output file exists; add --force to overwrite it.",
                         path=path, code="output-exists")
