"""The addresses of many rows of one page with a single ``reverse``: a listing
of hundreds of records would otherwise spend more time resolving its links than
rendering them."""

from django.urls import reverse


def address_maker(viewname, name, sample, **fixed):
    """value -> ``reverse(viewname, kwargs={**fixed, name: value})``, reversed
    once. Only for values that an address keeps as they are (numbers, slugs,
    procedure codes, period keys), in the last part of the path; ``sample`` is
    one such value."""
    path = reverse(viewname, kwargs={**fixed, name: sample})
    prefix, _sep, suffix = path.rpartition(f"/{sample}/")
    return lambda value: f"{prefix}/{value}/{suffix}"
