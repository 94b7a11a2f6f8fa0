"""Command-line help and output lines: key -> (中文, English)."""

TEXTS: dict[str, tuple[str, str]] = {
}
