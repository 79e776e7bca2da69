"""Serve a graph as linked open data: SPARQL endpoint, dereferenceable IRIs, landing page.

Kept import-light: query worker processes import graf.serve.workers at start-up.
"""

from __future__ import annotations


def make_server(**kwargs):
    from graf.serve.app import make_server as _make

    return _make(**kwargs)


__all__ = ["make_server"]
