"""A corpus of invented but realistic published annual reports, each with its expected cells and findings."""
