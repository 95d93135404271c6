"""The public pages' template engine: Jinja2, with Django's gettext, addresses,
static files and formats.

Why not Django's own engine: at province scale a public page is mostly template
work, and Django's engine resolves every variable, tag and filter afresh on each
rendering; Jinja2 compiles a template to Python once. The same rows measured 4.5
times cheaper (docs/performance.md, *Seventh pass*). The admin keeps Django's
engine and its templates.

Which engine draws a template is said by its name: ``*.jinja`` files are
Jinja2's (this environment serves nothing else), ``*.html`` files Django's (the
admin's pages, in ``templates/admin/``). Both live in ``templates/``.

What a template can use besides Jinja2's own (docs/architecture.md, *Templates*):

* texts: ``{{ _("…") }}``, ``{{ pgettext("context", "…") }}`` and
  ``{% trans name=… %}…{{ name }}…{% endtrans %}`` (with ``{% pluralize %}``);
  ``make messages`` extracts them (``thachha_portal/management/commands/
  makemessages.py``); the message ids are those of the Django templates before;
* ``url("name", arg, …, key=value)``, ``static("path")``,
  ``absolute_url(path)``, ``query_replace(key=value)``,
  ``national_search_url(query)``, ``now()`` (local time),
  ``date_range(start, last_day)`` (15/03–14/06/2026, 15/12/2025–14/03/2026);
* the language of the content: what staff write (procedures, news, the plan,
  the commune's names and addresses) is Vietnamese whatever the interface's
  language; in the English interface it is marked so that a screen reader reads
  it with a Vietnamese voice (WCAG 3.1.2): ``{{ value|vi }}`` for a value inside
  an English sentence or element (``<span lang="vi">`` around it),
  ``<p{{ lang_vi() }}>`` on an element whose whole content is Vietnamese
  (``lang="vi"``), ``{{ text|marked }}`` for a text made in Python that may
  hold Vietnamese (``text.Vietnamese``, ``text.compose``: a breadcrumb, a
  search hit's line, a KPI's target in words); all three write nothing more in
  the Vietnamese interface;
* ``{% call fragment("name", key, …) %}…{% endcall %}``: the part drawn once per
  worker for each combination of keys (the "fragments" cache, as Django's
  ``{% cache %}`` with ``using="fragments"``; ``seconds=`` and ``using=`` as
  that tag's);
* Django's filters under their Django names where Jinja2 has none or one that
  writes differently: ``date``, ``capfirst``, ``linebreaks``, ``linebreaksbr``,
  ``cut``, ``intcomma``, ``filesizeformat``, ``truncatechars``, ``urlencode``,
  ``stringformat``, ``wordcount``, ``localize`` (a number as Django's engine
  printed it: 3,5 in Vietnamese, 3.5 in English), and the portal's ``long_date``,
  ``lower_first``, ``machine_time``, and ``regroup("attribute")`` (Django's
  ``{% regroup %}``: runs in their order, where Jinja2's ``groupby`` sorts);
* each app's own, from ``<app>/templating.py`` (``FILTERS``, ``GLOBALS``).
"""

import importlib
import itertools
import operator

import jinja2
from django import forms
from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.template import defaultfilters
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import localize
from django.utils.http import urlencode
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext, ngettext, npgettext, pgettext, trans_real
from django.utils.translation.trans_real import CONTEXT_SEPARATOR
from markupsafe import Markup, escape

from thachha_portal.addresses import fixed_address, site_address
from thachha_portal.dates import date_filter, date_range, machine_time
from thachha_portal.text import Composed, Vietnamese, document_date, lower_first

SUFFIX = ".jinja"
FRAGMENT_SECONDS = 86400


class JinjaFiles(jinja2.FileSystemLoader):
    """The ``*.jinja`` files of the template folders, and nothing else: an
    ``.html`` name goes on to Django's engine."""

    def get_source(self, environment, template):
        if not template.endswith(SUFFIX):
            raise jinja2.TemplateNotFound(template)
        return super().get_source(environment, template)


def environment(**options):
    """The environment of the Jinja2 backend (settings.TEMPLATES)."""
    loader = options.pop("loader", None)
    searchpath = getattr(loader, "searchpath", [])
    options.pop("autoescape", None)  # always on, whatever the settings say
    env = jinja2.Environment(
        loader=JinjaFiles(searchpath),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        # As Django's engine: a file's last line break is part of the page.
        keep_trailing_newline=True,
        **options,
    )
    env.install_gettext_callables(
        gettext, ngettext, newstyle=False, pgettext=pgettext, npgettext=npgettext
    )
    env.globals.update(
        url=url,
        static=static,
        fragment=fragment,
        absolute_url=absolute_url,
        query_replace=query_replace,
        select=select,
        national_search_url=national_search_url,
        now=timezone.localtime,
        date_range=date_range,
        lang_vi=lang_vi,
    )
    env.filters.update(
        date=date_filter,
        capfirst=defaultfilters.capfirst,
        linebreaks=linebreaks,
        linebreaksbr=linebreaksbr,
        cut=defaultfilters.cut,
        intcomma=intcomma,
        localize=localize,
        filesizeformat=defaultfilters.filesizeformat,
        truncatechars=defaultfilters.truncatechars,
        urlencode=defaultfilters.urlencode,
        stringformat=defaultfilters.stringformat,
        wordcount=defaultfilters.wordcount,
        long_date=long_date,
        lower_first=lower_first,
        machine_time=machine_time,
        regroup=regroup,
        vi=vi,
        marked=marked,
    )
    # Each app's own helpers, as Django finds an app's ``templatetags``: its
    # ``templating`` module, if it has one, with ``FILTERS`` and ``GLOBALS``
    # (dictionaries of names to functions).
    from thachha_portal import wiring

    for app in wiring.APPS:
        package = importlib.import_module(app.label)
        if module_has_submodule(package, "templating"):
            helpers = importlib.import_module(f"{app.label}.templating")
            env.filters.update(getattr(helpers, "FILTERS", {}))
            env.globals.update(getattr(helpers, "GLOBALS", {}))
    return env


def page_texts(request):
    """Context processor of the Jinja2 pages: their texts (``_()``,
    ``{% trans %}``, ``pgettext()``…) translated by the active language's
    catalogue, found once per page. Django's ``gettext`` finds the active
    language again for each text (2 µs against 0.2 here; a procedure page has
    130 texts); the translations are the same (tests/core/test_templating.py).
    Django's functions remain the environment's globals, for a template drawn
    without a request (the error pages) and for imported macros."""
    catalogue = trans_real.translation(
        translation.get_language() or settings.LANGUAGE_CODE
    )

    # The message ids are built before the lookup: xgettext (make messages)
    # would take a literal in ``….gettext(…)`` for a text to translate.
    def gettext(message):
        return catalogue.gettext(message) if message else message

    def ngettext(singular, plural, number):
        return catalogue.ngettext(singular, plural, number)

    def pgettext(context, message):
        key = f"{context}{CONTEXT_SEPARATOR}{message}"
        found = catalogue.gettext(key)
        return message if CONTEXT_SEPARATOR in found else found

    def npgettext(context, singular, plural, number):
        keys = (
            f"{context}{CONTEXT_SEPARATOR}{singular}",
            f"{context}{CONTEXT_SEPARATOR}{plural}",
        )
        found = catalogue.ngettext(*keys, number)
        if CONTEXT_SEPARATOR in found:
            return catalogue.ngettext(singular, plural, number)
        return found

    return {
        # ``_()`` straight to the catalogue, not through Jinja2's alias (which
        # looks ``gettext`` up again on each call).
        "_": gettext,
        "gettext": gettext,
        "ngettext": ngettext,
        "pgettext": pgettext,
        "npgettext": npgettext,
    }


def url(viewname, *args, **kwargs):
    """Django's ``{% url %}``: the address of a named view."""
    if not args and not kwargs:
        return fixed_address(viewname)
    return reverse(viewname, args=args, kwargs=kwargs)


def long_date(value):
    """ "ngày 06 tháng 01 năm 2021", the date line of Vietnamese documents."""
    if not value:
        return ""
    if hasattr(value, "hour"):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return document_date(value)


@jinja2.pass_context
def absolute_url(context, path):
    """The public address of ``path`` (``addresses.site_address``: from
    SITE_URL, not from the request's host)."""
    return site_address(path, context["request"])


LANG_VI = Markup(' lang="vi"')
IN_VIETNAMESE = Markup('<span lang="vi">%s</span>')


def _interface_in_vietnamese(context):
    language = context.get("LANGUAGE_CODE") or translation.get_language() or "vi"
    return language.split("-")[0] == "vi"


@jinja2.pass_context
def vi(context, value):
    """``value`` (written by staff, in Vietnamese) marked ``<span lang="vi">``
    on a page in another language; as it is on a Vietnamese page."""
    if not value or _interface_in_vietnamese(context):
        return value
    return IN_VIETNAMESE % value  # escaped unless already markup


@jinja2.pass_context
def marked(context, value):
    """``value`` with what is Vietnamese in it marked ``lang="vi"`` on a page in
    another language: all of it if it is ``text.Vietnamese``, its Vietnamese
    values if it is ``text.compose``-d; any other value as it is."""
    if not isinstance(value, Vietnamese | Composed) or _interface_in_vietnamese(
        context
    ):
        return value
    return _marked(value)


def _marked(value):
    if isinstance(value, Vietnamese):
        return IN_VIETNAMESE % value if value else value
    if isinstance(value, Composed):
        values = {name: _marked(part) for name, part in value.values.items()}
        return escape(value.template) % values
    return value


@jinja2.pass_context
def lang_vi(context):
    """`` lang="vi"`` for an element whose whole content is Vietnamese, on a
    page in another language; nothing on a Vietnamese page."""
    return "" if _interface_in_vietnamese(context) else LANG_VI


@jinja2.pass_context
def query_replace(context, **changes):
    """The current query string with ``changes`` applied (None or "" removes a
    key); pagination and filters keep each other's (the last value of a key
    given twice, as before)."""
    params = dict(context["request"].GET.items())  # no deep copy: 12 a page
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + urlencode(sorted(params.items())) if params else "?"


def select(field, option_lang=""):
    """A bound choice field drawn as Django's ``Select`` widget draws it, the
    same HTML, when that widget has nothing more to say (no attributes, no
    groups, no errors or help): Django draws each option with a template of its
    own (0.35 ms for a catalogue filter of 20 fields). Any other field goes to
    Django. ``option_lang`` (``lang_vi()``) marks the language of the options
    but the empty one (records' names, in an interface of another language)."""
    widget = field.field.widget
    if (
        type(widget) is not forms.Select
        or widget.attrs
        or field.errors
        or field.help_text
        or not field.auto_id
    ):
        return Markup(str(field))  # noqa: S704 - drawn by Django's widget
    value = field.value()
    chosen = "" if value is None else str(value)
    lines = [f'<select name="{escape(field.html_name)}" id="{escape(field.auto_id)}">']
    for option, label in field.field.choices:
        if isinstance(label, list | tuple):  # a group: Django draws it
            return Markup(str(field))  # noqa: S704 - drawn by Django's widget
        option = "" if option is None else str(option)
        selected = " selected" if option == chosen else ""
        attributes = selected + (option_lang if option else "")
        lines.append(
            f'  <option value="{escape(option)}"{attributes}>{escape(label)}</option>'
        )
    lines.append("</select>")
    return Markup("\n".join(lines))  # noqa: S704 - every value escaped above


@jinja2.pass_context
def national_search_url(context, query):
    """The national portal's procedure search with ``query`` filled in."""
    from thachha_portal.search import national_search_url as address

    commune = context.get("commune")
    return address(getattr(commune, "national_portal_url", ""), query)


def fragment(name, *keys, caller, seconds=FRAGMENT_SECONDS, using="fragments"):
    """The body of ``{% call fragment(name, *keys) %}``, drawn once for each
    value of ``keys`` (keyed as Django's ``{% cache %}`` keys): by default once
    per worker for a day (the "fragments" cache); ``using`` and ``seconds``
    name another cache and lifetime, as ``{% cache seconds … using=… %}``."""
    cache = caches[using]
    key = make_template_fragment_key(name, keys)
    drawn = cache.get(key)
    if drawn is None:
        drawn = str(caller())
        cache.set(key, drawn, seconds)
    return Markup(drawn)  # noqa: S704 - drawn by the template, escaped there


def regroup(items, attribute):
    """Django's ``{% regroup %}``: ``[(value, [items])]``, one group for each
    run of ``items`` with the same ``attribute``, in their order (Jinja2's
    ``groupby`` sorts them first)."""
    return [
        (value, list(run))
        for value, run in itertools.groupby(items, key=operator.attrgetter(attribute))
    ]


def linebreaks(value):
    return defaultfilters.linebreaks_filter(value, autoescape=True)


def linebreaksbr(value):
    """Django's ``linebreaksbr`` (escaped, each line break a ``<br>``) in the
    escaping the rest of the page uses: 1.5 µs a call against Django's 5.5, and
    a procedure page has 28 of them."""
    text = str(escape(value))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")
    return Markup(text)  # noqa: S704 - escaped above
