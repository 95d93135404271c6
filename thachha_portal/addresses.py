"""The addresses of many rows of one page with a single ``reverse``: a listing
of hundreds of records would otherwise spend more time resolving its links than
rendering them; and the absolute address of a page for use outside the site
(``site_address``)."""

import functools
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse


def site_address(path, request=None):
    """The absolute address of ``path`` (an address on the site, as ``reverse``,
    ``get_absolute_url`` or a file's ``url`` give it) where it is used outside
    the page: QR codes, feeds, shared links (``og:url``), printed sheets,
    reports. From ``SITE_URL``, the portal's public address, not from the
    request's ``Host``: the same site answered as localhost:8102, by its IP
    address or under a second name put that name into the feeds readers keep,
    the links people share and the codes printed on paper. Without
    ``SITE_URL``, the request's address; without a request, ``path`` as it is.
    An address that is already absolute is given back unchanged."""
    parts = urlsplit(path)
    if parts.scheme:
        return path
    if settings.SITE_URL:
        if parts.netloc:  # "//host/…": the public address's scheme
            return f"{urlsplit(settings.SITE_URL).scheme}:{path}"
        return settings.SITE_URL + path
    if request is not None:
        return request.build_absolute_uri(path)
    return path


def address_maker(viewname, name, sample, **fixed):
    """value -> ``reverse(viewname, kwargs={**fixed, name: value})``, reversed
    once. Only for values that an address keeps as they are (numbers, slugs,
    procedure codes, period keys), in the last part of the path; ``sample`` is
    one such value."""
    path = reverse(viewname, kwargs={**fixed, name: sample})
    prefix, _sep, suffix = path.rpartition(f"/{sample}/")
    return lambda value: f"{prefix}/{value}/{suffix}"


@functools.lru_cache(maxsize=64)
def _kept_maker(viewname, name, sample, prefix, resolver):
    return address_maker(viewname, name, sample)


def address(viewname, name, value, sample):
    """``reverse(viewname, kwargs={name: value})`` for a model's
    ``get_absolute_url``, from one ``reverse`` kept per process, URL
    configuration and script prefix (a listing's rows each ask for theirs).
    The same kinds of values as ``address_maker``; an empty one goes to
    ``reverse``, which refuses it."""
    if not value:
        return reverse(viewname, kwargs={name: value})
    resolver = get_resolver(get_urlconf())
    return _kept_maker(viewname, name, sample, get_script_prefix(), resolver)(value)


@functools.lru_cache(maxsize=256)
def _kept_address(viewname, prefix, resolver):
    return reverse(viewname)


def fixed_address(viewname):
    """``reverse(viewname)`` of a view without arguments, kept per process, URL
    configuration and script prefix (every page links to a dozen of them: 18 µs
    each through ``reverse``)."""
    resolver = get_resolver(get_urlconf())
    return _kept_address(viewname, get_script_prefix(), resolver)
