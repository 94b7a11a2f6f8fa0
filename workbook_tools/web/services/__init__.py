"""The application's work as plain functions on a database session (testable without HTTP)."""
