"""`xxgk serve`: the web application of the disclosure office (政务公开办) and its units.

Architecture
------------
One process (uvicorn) serves server-rendered pages (Starlette + Jinja2, autoescaped).  `app.create_app`
prepares the data folder, runs the Alembic migrations (`migrations/`, `db.upgrade`), creates the admin
account on first run, and wires the routes (`routes/admin.py` for the office, `routes/unit.py` behind a
unit's secret link, `routes/shared.py` for what both see).  The work is done by plain functions on a
database session in `services/` (collections and links, uploads and decisions, the status board,
downloads, the demo), built on `workbook_tools.api`.  Uploads are stored content-addressed
(`store.py`), recorded as a pending row, and parsed in worker processes (`worker.py`, with the time and
memory limits of `xxgk check`); the result is written in one transaction, and pending rows left by a
restart are parsed again at start-up.  `views.py` turns a stored report and its findings into the
official tables (`layout.grid`) with each finding on its cells.  Security: argon2 passwords, a
signed session cookie (HttpOnly, SameSite=Lax, Secure behind https), a CSRF token on every POST, a
login rate limit, unit links stored as sha256 only, downloads always as attachments, a strict CSP and
`nosniff` on every response (`security.py`, `app.Guard`); `XXGK_SECURE_COOKIES=1` when served behind https.
Texts: `messages/web.py`.

DOM contract (kept stable for the browser tests)
------------------------------------------------
- Login `/login`: `input[name=username]`, `input[name=password]`, `button[type=submit]`.
- `/`: new collection form `input[name=name]`, `input[name=year]`, `select[name=edition]`,
  `input[name=deadline]` (type=date), `button[data-testid=create-collection]`; collection links
  `a[data-testid=collection-link]`.
- `/collections/{id}`: roster upload `input[type=file][name=roster]` + `button[data-testid=upload-roster]`;
  unit rows `tr[data-unit="<unit name>"]` with `data-status` in missing, blank, errors, warnings, passed,
  unreadable, overdue (and `pending` for the seconds a parse takes) and `data-decision` in "", returned,
  accepted; in each row `a[data-testid=unit-detail]` and, on the page answering the roster upload or a
  re-issue (`button[data-testid=reissue]`), `a[data-testid=unit-link]` whose href is the unit's full
  `/u/<token>` URL — links are shown once, only their sha256 is stored; `a[data-testid=templates-zip]`,
  `a[data-testid=summary-xlsx]`, `a[data-testid=merged-xlsx]`; counts `[data-testid=count-<status>]`
  (also count-returned, count-accepted) whose text is the number; the chart `#chart` (server SVG, ECharts
  when `/static/vendor/echarts/echarts.min.js` is served).
- Unit page `/u/<token>`: `input[type=file][name=file]` + `button[data-testid=upload]`,
  `a[data-testid=template]`, `a[data-testid=report-docx]`, `a[data-testid=report-html]` (and report-pdf,
  preview) once a readable upload exists, comments `[data-testid=office-comment]`, history rows
  `tr[data-testid=history-row]`.  After an upload the browser lands on `/u/<token>/submissions/<n>`.
- Submission views (unit and `/collections/{id}/units/{uid}[/submissions/{n}]`): the block
  `[data-testid=submission][data-submission][data-status]` (status as on the board) holding `[data-testid=status]`
  and, for an unreadable file, its reason `[data-testid=reason]`;
  findings `li.finding[data-rule][data-severity][data-cells]` (cells as `表三!E12`, space-separated),
  table cells `td[data-cell]` with class `has-error`/`has-warning` and a `title` listing their findings;
  a click on a finding gives its cells the class `is-highlighted`.  Office only: `textarea[name=comment]`
  (prefilled with the revision notes), `button[data-testid=return]`, `button[data-testid=accept]`.
- Every page: `a[data-testid=lang-en]`, `a[data-testid=lang-zh]` (`?lang=` sets the cookie).
"""
