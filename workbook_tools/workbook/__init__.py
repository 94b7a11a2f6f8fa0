"""Excel workbooks: the locked template and filled workbooks, written and read back.

- `sheetmap`   where every cell, field and text slot lives (shared by writer and reader)
- `writer`     report → .xlsx (template = a report without figures), with `tables`, `texts`,
               `checksheet`, `styles`, `sizing` and `protect` doing one part each
- `textslots`  narrative ↔ text cells, both directions
- `preflight`  what a file really is, and whether it is safe to open
- `xlsxread`   a small bounded .xlsx reader (zip + ElementTree)
"""
