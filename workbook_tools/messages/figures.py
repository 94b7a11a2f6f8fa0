"""The key figures (editions/key_figures.py), each a label and a short column header: key -> (中文, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    "figures.new": ("本年新收申请", "applications received"),
    "figures.new.column": ("本年新收", "received"),
    "figures.carried_in": ("上年结转申请", "carried over from last year"),
    "figures.carried_in.column": ("上年结转", "carried in"),
    "figures.closed": ("本年办结", "applications closed"),
    "figures.closed.column": ("本年办结", "closed"),
    "figures.disclosed": ("予以公开", "disclosed"),
    "figures.disclosed.column": ("予以公开", "disclosed"),
    "figures.carried_out": ("结转下年度", "carried forward"),
    "figures.carried_out.column": ("结转下年", "carried forward"),
    "figures.review": ("行政复议", "administrative reviews"),
    "figures.review.column": ("行政复议", "admin. reviews"),
    "figures.litigation": ("行政诉讼", "lawsuits"),
    "figures.litigation.column": ("行政诉讼", "lawsuits"),
}
