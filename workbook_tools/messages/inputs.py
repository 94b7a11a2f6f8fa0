"""Input errors: key -> (中文, English).  Built from declaration labels where a label is meant."""

TEXTS: dict[str, tuple[str, str]] = {
}
