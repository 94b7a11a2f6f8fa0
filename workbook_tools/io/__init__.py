"""Reading and writing reports as data files (JSON, tidy CSV) and safe file output."""
