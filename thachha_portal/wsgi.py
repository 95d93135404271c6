"""WSGI entry point (gunicorn thachha_portal.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thachha_portal.settings")
application = get_wsgi_application()

# A configuration that would serve stale pages is refused here, as runserver
# refuses a check's error (gunicorn runs no checks): thachha_portal/checks.py.
from thachha_portal.checks import refuse_unshared_cache  # noqa: E402

refuse_unshared_cache()
