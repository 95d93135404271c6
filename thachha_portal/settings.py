"""Settings for the Thạch Hà CCHC portal.

Every value comes from the environment through one django-environ ``Env``; each
variable is listed, with its meaning, in ``.env.example``. The defaults are safe for
production (DEBUG off, secure cookies, no default secret): a developer turns DEBUG
on in ``.env`` (``make run`` writes one).
"""

from pathlib import Path

import environ
from redis.backoff import NoBackoff
from redis.retry import Retry

from . import envfile

BASE_DIR = Path(__file__).resolve().parent.parent

envfile.read(BASE_DIR)  # ENV_FILE, default .env; none under the test settings
env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env(
        "SECRET_KEY", default="dev-only-insecure-key-change-me-0123456789abcdef"
    )
else:
    SECRET_KEY = env("SECRET_KEY")  # no default: production must set one

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
CSRF_FAILURE_VIEW = "thachha_portal.views.csrf_failure"
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "thachha_portal.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_prose_editor",
    "thachha_portal.apps.PortalConfig",
    "procedures",
    "bulletins",
    "plans",
    # Last, as its documentation asks: removes replaced and deleted files.
    "django_cleanup.apps.CleanupConfig",
]

MIDDLEWARE = [
    # First: a cached anonymous page is answered before any other work.
    # Oversized bodies are refused once it is known whether staff sent them
    # (BodyLimitMiddleware, after the session's checks; none reads a body).
    "thachha_portal.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "thachha_portal.middleware.LanguageCookieMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "thachha_portal.staff_sessions.StaffSessionMiddleware",
    "thachha_portal.middleware.BodyLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "thachha_portal.middleware.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "thachha_portal.urls"
WSGI_APPLICATION = "thachha_portal.wsgi.application"

_CONTEXT_PROCESSORS = [
    "django.template.context_processors.request",
    "django.contrib.auth.context_processors.auth",
    "django.contrib.messages.context_processors.messages",
    "thachha_portal.context_processors.portal",
]
# The public pages are Jinja2 templates (``*.jinja``), the admin's Django ones
# (``*.html``), side by side in templates/: thachha_portal/templating.py says why.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "thachha_portal.templating.environment",
            "context_processors": [
                *_CONTEXT_PROCESSORS,
                "django.template.context_processors.i18n",
                "thachha_portal.templating.page_texts",
            ],
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": _CONTEXT_PROCESSORS},
    },
]
# Django's form and widget templates in their Jinja2 form: the same HTML, faster.
FORM_RENDERER = "thachha_portal.renderers.FormRenderer"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # A database that does not answer, or hangs, is reported (503) after a few
    # seconds instead of holding the worker (thachha_portal/postgresql/base.py,
    # docs/deploy.md §5): connecting, each statement (the server cancels it; the
    # client gives up on a server that does not even do that), unacknowledged
    # data and silent idle connections (the kernel) are all bounded.
    DATABASES["default"]["ENGINE"] = "thachha_portal.postgresql"
    _statement_timeout = env.int("DATABASE_STATEMENT_TIMEOUT", default=10)
    DATABASES["default"]["STATEMENT_TIMEOUT"] = _statement_timeout
    # The search's candidates statements are prepared once per connection
    # (thachha_portal/postgresql/base.py); off behind a pooler that cannot keep
    # prepared statements (PgBouncer in transaction mode before 1.21).
    DATABASES["default"]["PREPARED_STATEMENTS"] = env.bool(
        "DATABASE_PREPARED_STATEMENTS", default=True
    )
    _db_options = DATABASES["default"].setdefault("OPTIONS", {})
    _db_options.setdefault(
        "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=3)
    )
    if _statement_timeout:
        _db_options.setdefault("options", f"-c statement_timeout={_statement_timeout}s")
    _db_options.setdefault(
        "tcp_user_timeout", env.int("DATABASE_TCP_USER_TIMEOUT", default=15) * 1000
    )
    _keepalive_idle = env.int("DATABASE_KEEPALIVE_IDLE", default=30)
    if _keepalive_idle:
        _db_options.setdefault("keepalives", 1)
        _db_options.setdefault("keepalives_idle", _keepalive_idle)
        _db_options.setdefault("keepalives_interval", 10)
        _db_options.setdefault("keepalives_count", 3)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The page cache, counters and rate limits need one cache shared by every worker:
# with no CACHE_URL, an embedded disk cache in CACHE_DIR shared by every process of
# this install; CACHE_URL=redis://… when several servers share one (see
# thachha_portal/caches.py: either way a cache that fails never fails a page).
if env("CACHE_URL", default=""):
    _cache = env.cache("CACHE_URL")
    # django-environ leaves ``?key_prefix=`` in lower case for Django's Redis
    # backend, which then ignores it: several sites sharing one Redis need it.
    if "key_prefix" in _cache:
        _cache["KEY_PREFIX"] = _cache.pop("key_prefix")
    if _cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
        _cache["BACKEND"] = "thachha_portal.caches.RedisCache"
        _cache.setdefault("OPTIONS", {}).update(
            socket_connect_timeout=env.float("CACHE_TIMEOUT", default=0.5),
            socket_timeout=env.float("CACHE_TIMEOUT", default=0.5),
            retry=Retry(NoBackoff(), 0),
        )
else:
    _cache = {
        "BACKEND": "thachha_portal.caches.DiskCache",
        "LOCATION": env("CACHE_DIR", default=str(BASE_DIR / "var" / "cache")),
        "OPTIONS": {"size_limit": env.int("CACHE_SIZE_MB", default=512) * 2**20},
    }
_cache.setdefault("KEY_PREFIX", env("CACHE_KEY_PREFIX", default=""))
CACHES = {
    "default": _cache,
    # The header and footer each worker has drawn, keyed on what they show
    # (templates/includes); none while developing, so that an edited template
    # shows at once.
    "fragments": {
        "BACKEND": "django.core.cache.backends.dummy.DummyCache"
        if DEBUG
        else "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fragments",
    },
}
# Anonymous pages are cached this long at most (see thachha_portal/pagecache.py).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
# With Redis, each worker also keeps copies of the pages it serves, up to this
# many megabytes, kept current through a subscription (thachha_portal/localpages.py);
# 0 turns them off.
PAGE_CACHE_WORKER_MB = env.int("PAGE_CACHE_WORKER_MB", default=16)
# Search outcomes are kept this long at most (stale at once after an edit; see
# docs/search.md); 0 turns this off.
SEARCH_CACHE_SECONDS = env.int("SEARCH_CACHE_SECONDS", default=300)

_VALIDATORS = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS}.UserAttributeSimilarityValidator"},
    {"NAME": f"{_VALIDATORS}.MinimumLengthValidator"},
    {"NAME": f"{_VALIDATORS}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATORS}.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"
# After a login that names no page to go back to (the only login is the admin's;
# Django's default, /accounts/profile/, is no page here).
LOGIN_REDIRECT_URL = "admin:index"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["thachha_portal.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Uploaded files are served after a status check (thachha_portal/media.py); the
# bytes are sent by Django ("django"), or by nginx ("nginx": X-Accel-Redirect to
# MEDIA_INTERNAL_URL) or Apache ("xsendfile") once the check passed.
MEDIA_SENDFILE = env("MEDIA_SENDFILE", default="django")
SENDFILE_BACKEND = {
    "django": "django_sendfile.backends.simple",
    "nginx": "django_sendfile.backends.nginx",
    "xsendfile": "django_sendfile.backends.xsendfile",
}[MEDIA_SENDFILE]
SENDFILE_ROOT = str(MEDIA_ROOT)
SENDFILE_URL = env("MEDIA_INTERNAL_URL", default="/_protected_media")
# Documents built once per content version and served as files (open data:
# downloads.versioned_document); each server keeps its own, rebuilt when missing.
DOCUMENTS_DIR = Path(env("DOCUMENTS_DIR", default=str(BASE_DIR / "var" / "documents")))
# Where make backup writes its archives (thachha_portal/backups.py).
BACKUP_DIR = Path(env("BACKUP_DIR", default=str(BASE_DIR / "backups")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "thachha_portal.storages.StaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Form fields (files excluded) larger than this are refused; each file field checks
# its own limit per file kind (thachha_portal/uploads.py).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Public forms (feedback, comments, language) need a few KB: bodies over this are
# refused outside the admin (thachha_portal.middleware.BodyLimitMiddleware).
PUBLIC_BODY_LIMIT = env.int("PUBLIC_BODY_LIMIT", default=64 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644

# Security: production-safe unless DEBUG.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
# A staff session ends after this long without a request, and this long after
# its login whatever (thachha_portal/staff_sessions.py); the cookie lasts as long.
STAFF_IDLE_MINUTES = env.int("STAFF_IDLE_MINUTES", default=120)
STAFF_SESSION_HOURS = env.int("STAFF_SESSION_HOURS", default=12)
SESSION_COOKIE_AGE = STAFF_SESSION_HOURS * 3600
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True
)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
if env.bool("BEHIND_HTTPS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Rate limits (thachha_portal/public_forms.py) count in the default cache, Redis
# in production. A cache that does not answer pauses them (with a warning in the
# log, thachha_portal/caches.py) rather than refusing every form and login.
RATELIMIT_ENABLE = env.bool("RATELIMIT_ENABLE", default=True)
# The client address behind proxies (thachha_portal/clientip.py): how many proxies
# append to CLIENT_IP_HEADER, or which addresses/networks are trusted proxies. With
# neither, REMOTE_ADDR is the client.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
CLIENT_IP_HEADER = env("CLIENT_IP_HEADER", default="HTTP_X_FORWARDED_FOR")
# Failed logins for one account name from one address (one person's typos)...
LOGIN_RATE = env("LOGIN_RATE", default="5/m")
# ...from one address whatever the account (guesses sprayed over many accounts;
# an office's staff share one address, so it is well above one person's)...
LOGIN_ADDRESS_RATE = env("LOGIN_ADDRESS_RATE", default="30/10m")
PUBLIC_FORM_RATE = env("PUBLIC_FORM_RATE", default="10/h")
# ...and per staff account, from any address, before a pause.
LOGIN_ACCOUNT_RATE = env("LOGIN_ACCOUNT_RATE", default="10/15m")

# Default report periods: "cutoff" (15th of the month before to the 14th, the
# provinces' rule) or "calendar"; the report form can choose either.
PLANS_REPORT_PERIODS = env("PLANS_REPORT_PERIODS", default="cutoff")

EMAIL_BACKEND = env(
    "EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="noreply@thachha.hatinh.gov.vn")

LOG_LEVEL = env("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # Every line goes to the root's console handler, once. Django's own default
    # gives the "django" logger a console handler of its own when DEBUG is on,
    # which printed each of its lines twice.
    "loggers": {"django": {"handlers": [], "level": LOG_LEVEL}},
}
