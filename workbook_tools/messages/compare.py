"""Year-on-year comparison and the key-figures picture: key -> (中文, English)."""

TEXTS: dict[str, tuple[str, str]] = {
}
