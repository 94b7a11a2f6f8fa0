"""``xxgk check`` on the terminal: the summary as text or JSON (the files are `batch.write`'s)."""

from __future__ import annotations

import json


def render(done, has_output: bool) -> str:
    """`done` is an `api.Checked`; `has_output`: the summary files were asked for (the text says so)."""
    from ..batch.write import text_summary

    return text_summary(done.summary, has_output=has_output) + "\n"


def render_json(done) -> str:
    from ..batch.write import to_json

    return json.dumps(to_json(done.summary), ensure_ascii=False, indent=2) + "\n"


def progress_printer(lang: str):
    """A one-line progress counter on stderr, redrawn at most ten times a second."""
    import sys
    import time

    from ..batch.texts import t

    state = {"last": 0.0, "width": 0}

    def show(stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - state["last"] < 0.1:
            return
        state["last"] = now
        line = t("progress.previous" if stage == "previous" else "progress", lang, done=done, total=total)
        sys.stderr.write("\r" + line + " " * max(0, state["width"] - len(line)))
        state["width"] = len(line)
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show
