"""The office workbook (check -o) and return notes: key -> (中文, English)."""

TEXTS: dict[str, tuple[str, str]] = {
}
