"""`xxgk serve`: the web application on one machine (the web stack is imported only here)."""

from __future__ import annotations

import os


def secure_from_env() -> bool:
    return os.environ.get("XXGK_SECURE_COOKIES", "").strip().lower() in ("1", "true", "yes", "on")


def main(host: str, port: int, data: str, db: str | None, demo: bool, lang: str, secure_cookies: bool = False) -> int:
    import uvicorn

    from .app import create_app
    from .settings import Settings

    settings = Settings(data=data, db=db, lang=lang if lang in ("zh", "en") else "zh", demo=demo,
                        secure_cookies=secure_cookies or secure_from_env())
    app = create_app(settings)
    # one process: the login rate limit and the parse workers live in it; behind https the proxy's
    # X-Forwarded-* headers are trusted (from the loopback proxy only, uvicorn's default)
    uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=settings.secure_cookies)
    return 0
