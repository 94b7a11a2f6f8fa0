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
restart are parsed again at start-up.  Every handler that touches the database is a plain `def`, run in
the threadpool (`routes/common.call`; 100 threads): only the form parser (the upload body streaming to a
spooled file) runs on the event loop.  Forms answer with POST-redirect-GET; the unit links shown after a
roster upload reach the board through a one-time record in memory (`flash.py`), never a URL or the cookie.
The templates zip is made by builder processes (`worker.Builder`), a few templates ahead of the stream.  `views.py` turns a stored report and its findings into the
official tables (`layout.grid`) with each finding on its cells.  Security: argon2 passwords, a
signed session cookie (HttpOnly, SameSite=Lax, Secure behind https), a CSRF token on every POST, a
login rate limit, unit links stored as sha256 only, downloads always as attachments, a strict CSP and
`nosniff` on every response (`security.py`, `app.Guard`); `--secure-cookies` or `XXGK_SECURE_COOKIES=1`
behind https.  `--demo` reads the example reports shipped as package data (`workbook_tools.examples`).
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
  accepted; in each row `a[data-testid=unit-detail]`, for an unreadable upload its shortened reason
  `[data-testid=row-reason]` (the whole in its title) and, on the first view of the board after the roster
  upload or a re-issue (`button[data-testid=reissue]`; both POSTs redirect to the board),
  `a[data-testid=unit-link]` whose href is the unit's full `/u/<token>` URL — links are shown once, only
  their sha256 is stored; `a[data-testid=templates-zip]`,
  `a[data-testid=summary-xlsx]`, `a[data-testid=merged-xlsx]`; counts `[data-testid=count-<status>]`
  (also count-returned, count-accepted) whose text is the number; the chart `#chart` (server SVG, ECharts
  when `/static/vendor/echarts/echarts.min.js` is served).
- Unit page `/u/<token>`: `input[type=file][name=file]` + `button[data-testid=upload]`,
  `a[data-testid=template]`, `a[data-testid=report-docx]`, `a[data-testid=report-html]` (and report-pdf,
  preview) only when the shown upload is a readable, filled report, else `[data-testid=no-report]` whose
  `data-why` is none, pending, blank or unreadable (the same on the office's submission page); comments `[data-testid=office-comment]`, history rows
  `tr[data-testid=history-row]`.  After an upload the browser lands on `/u/<token>/submissions/<n>`.
- Submission views (unit and `/collections/{id}/units/{uid}[/submissions/{n}]`): the block
  `[data-testid=submission][data-submission][data-status]` (status as on the board) holding `[data-testid=status]`
  and, for an unreadable file, its reason `[data-testid=reason]`;
  findings `li.finding[data-rule][data-severity][data-cells]` (cells as `表三!E12`, space-separated),
  table cells `td[data-cell]` with class `has-error`/`has-warning` and a `title` listing their findings;
  a click on a finding (or Enter/Space: findings are focusable) gives its cells the class `is-highlighted`
  and scrolls the first into view.  File fields are `label.file` holding the transparent
  `input[type=file]`, our `.file-button` and the chosen name `[data-file-name]`.  Office only: `textarea[name=comment]`
  (prefilled with the revision notes), `button[data-testid=return]`, `button[data-testid=accept]`.
- Every page: `a[data-testid=lang-en]`, `a[data-testid=lang-zh]` (`?lang=` sets the cookie).
"""
