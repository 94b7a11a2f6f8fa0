"""Many reports at once (issue 7): check a folder of submissions against a roster, add reports up.

- `discover`  files from folders, in a stable order
- `roster`    the 单位名单 and agency-name matching
- `job`       what is done to one file (load, validate, key figures), in a worker process
- `run`       the process pool: chunked, isolated, with timeouts
- `summary`   rows per file, per finding and per roster entry
- `write`     the summary as .xlsx, .json or .csv
- `merge`     the sum of many agencies' reports (the region-level figures)
- `check`     the whole `xxgk check` pipeline as one function

Nothing heavy is imported here: the CLI imports this package lazily.
"""
