"""WSGI entry point for gunicorn or any WSGI server."""

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tiendo.settings")
application = get_wsgi_application()

# A web server signing sessions with a key written in the source would let anyone forge them.
if not settings.DEBUG and settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured(
        "TIENDO_SECRET_KEY is not set: the web server does not start without it (docs/deploy.md)."
    )
