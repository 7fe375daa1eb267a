"""``rashomon serve``: the store as a web app and a JSON API (``app.make_app``)."""

from rashomon.serve.app import check_bind, is_loopback, make_app

__all__ = ["check_bind", "is_loopback", "make_app"]
