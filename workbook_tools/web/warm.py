"""Imported only in the parse workers' fork server (never by the web server itself): readers imported and
every edition's rules compiled once there, so that each forked worker starts warm."""

from .. import api
from ..editions import editions
from ..model import blank_report

for _ed in editions():
    _r = blank_report(_ed.id, 2024)
    api.validate_report(_r, _r)
    api.explain_report(_r)
