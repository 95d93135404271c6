"""Query parameters of the public pages, read by one strict rule.

Several parameters with choices (the catalogue filters, the report form) are
Django forms; a lone number, flag or text is read here. Either way:

- a number is 1 to 9 ASCII digits and nothing else: no sign, space, exponent,
  underscore, "²", "①" or other scripts' digits (``str.isdigit`` accepts "²",
  which ``int`` refuses; ``int`` accepts "١٢" and " 1_0 ");
- a number that is given but does not read, or names nothing (a page past the
  last), is a page that does not exist: 404, never a guess and never a 500;
- a flag is on only when it is "1";
- text loses its control characters and surrounding spaces and is cut to its
  length.
"""

import re

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404

_NUMBER = re.compile(r"[0-9]{1,9}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")


def number(value):
    """``value`` as a non-negative int, or None when it is not plain digits."""
    if isinstance(value, str) and _NUMBER.fullmatch(value):
        return int(value)
    return None


def query_number(request, name):
    """The number in ``?name=``: None when absent or empty, 404 when malformed."""
    value = request.GET.get(name, "")
    if value == "":
        return None
    parsed = number(value)
    if parsed is None:
        raise Http404(f"?{name}= is not a number")
    return parsed


def query_flag(request, name):
    """``?name=1`` turns a flag on; anything else leaves it off."""
    return request.GET.get(name) == "1"


def text(value, max_length=200):
    """``value`` with its control characters dropped, trimmed and cut to
    ``max_length`` (a longer text is shortened, never refused)."""
    return _CONTROL.sub(" ", value).strip()[:max_length].strip()


def query_text(request, name, max_length=200):
    """The text in ``?name=``, read by ``text``."""
    return text(request.GET.get(name, ""), max_length)


def page_of(request, object_list, per_page, name="page"):
    """The page of ``object_list`` that ``?page=`` names (the first when absent);
    404 for a malformed number or a page that does not exist."""
    paginator = Paginator(object_list, per_page)
    wanted = query_number(request, name)
    try:
        return paginator.page(1 if wanted is None else wanted)
    except InvalidPage as error:
        raise Http404(str(error)) from error


class StrictPageMixin:
    """For ``ListView``: ``?page=`` read by ``page_of`` (Django's own reading
    passes the text to ``int``)."""

    def paginate_queryset(self, queryset, page_size):
        page = page_of(self.request, queryset, page_size, self.page_kwarg)
        return page.paginator, page, page.object_list, page.has_other_pages()
