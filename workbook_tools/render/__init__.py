"""Renderers: each module turns one value (a validation result, a report) into one format."""
