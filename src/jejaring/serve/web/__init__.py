"""The web app: server-rendered page shells (Jinja2, gettext) over the JSON API.

Pages hold no data access of their own: each page's small JavaScript module
reads the ``/api/v1`` endpoints, so the web layer stays a thin shell and the
API is the one place that answers questions about the graph.
"""

from jejaring.serve.web.routes import mount_web

__all__ = ["mount_web"]
