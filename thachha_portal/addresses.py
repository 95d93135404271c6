"""The addresses of many rows of one page with a single ``reverse``: a listing
of hundreds of records would otherwise spend more time resolving its links than
rendering them."""

import functools

from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse


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
