"""Template helpers shared by every app."""

from django import template
from django.utils import timezone
from django.utils.http import urlencode

from thachha_portal.dates import machine_time
from thachha_portal.text import document_date, lower_first

register = template.Library()


@register.filter
def long_date(value):
    """ "ngày 06 tháng 01 năm 2021", the date line of Vietnamese documents."""
    if not value:
        return ""
    if hasattr(value, "hour"):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return document_date(value)


register.filter("lower_first", lower_first)
register.filter("machine_time", machine_time)


@register.simple_tag(takes_context=True)
def query_replace(context, **changes):
    """The current query string with ``changes`` applied (None removes a key);
    used by pagination and filters so that they keep each other."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + urlencode(sorted(params.items())) if params else "?"


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    return context["request"].build_absolute_uri(path)


@register.simple_tag(takes_context=True)
def national_search_url(context, query):
    """The national portal's procedure search with ``query`` filled in."""
    from thachha_portal.search import national_search_url as url

    commune = context.get("commune")
    return url(getattr(commune, "national_portal_url", ""), query)
