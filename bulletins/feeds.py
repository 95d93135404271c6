"""RSS and Atom feeds of the published bulletins, all and per category.

A feed reader renders what a feed declares as HTML, so the summary (plain text
typed by staff) never goes out as markup: Atom declares it ``type="text"``, and
RSS — whose ``<description>`` is HTML by definition — carries it escaped. The
body goes out as HTML (Atom ``<content type="html">``, RSS
``<content:encoded>``) only after the sanitiser the page uses
(``bulletins.html.sanitize_html``), with its links and images made absolute so
that they work outside the site.

Every absolute address in a feed (the channel's and items' links, the ``self``
link, the body's links and images) is made from SITE_URL
(``addresses.site_address``), not from the request's host: a reader keeps the
links of the feed as it was fetched, by localhost or the server's IP address.
"""

import datetime
import functools
import inspect
import io
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape as escape_xml
from xml.sax.saxutils import quoteattr

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.xmlutils import UnserializableContentError

from thachha_portal.addresses import address, site_address
from thachha_portal.models import CommuneProfile
from thachha_portal.text import XML_REFUSED

from .html import sanitize_html
from .models import Bulletin, Category

FEED_ITEMS = 30
_SITE_RELATIVE = re.compile(r'(\s(?:href|src)=")/(?!/)')


def absolute_links(html, base):
    """``html`` with site-relative addresses prefixed with ``base`` (scheme and
    host, no trailing slash)."""
    return _SITE_RELATIVE.sub(rf"\g<1>{base}/", html)


@functools.lru_cache(maxsize=FEED_ITEMS * 8)
def feed_content(body, base):
    """A stored body as a feed carries it: through the page's sanitiser again
    (a body stored before the sanitiser learnt a rule, or written around it,
    goes out clean), links and images made absolute. Worked out once per worker
    for each body and address: it depends on nothing else, and a feed written
    again carries the same thirty bodies (sanitising was a fifth of its CPU)."""
    return absolute_links(sanitize_html(body), base)


class XMLWriter:
    """What Django's ``SimplerXMLGenerator`` writes for a feed, the same
    characters: the same escaping (``xml.sax.saxutils``), attributes sorted,
    elements without content closed short (``<link href="…"/>``), control
    characters refused. It collects strings instead of going through the SAX
    generator's layers of calls for each tag and text, a third of a feed's
    CPU (tests/bulletins/test_feeds.py compares the two)."""

    def __init__(self, encoding):
        self.encoding = encoding
        self.parts = []
        self.pending = False  # a start tag waits for its ">" or "/>"

    def text(self):
        return "".join(self.parts)

    def startDocument(self):
        self.parts.append(f'<?xml version="1.0" encoding="{self.encoding}"?>\n')

    def processingInstruction(self, target, data):
        self._close_start_tag()
        self.parts.append(f"<?{target} {data}?>")

    def startElement(self, name, attrs):
        self._close_start_tag()
        self.parts.append("<" + name)
        if attrs:
            self.parts += [
                f" {key}={quoteattr(value)}" for key, value in sorted(attrs.items())
            ]
        self.pending = True

    def endElement(self, name):
        if self.pending:
            self.parts.append("/>")
            self.pending = False
        else:
            self.parts.append(f"</{name}>")

    def characters(self, content):
        if not content:
            return
        if XML_REFUSED.search(content):  # as SimplerXMLGenerator refuses
            raise UnserializableContentError(
                "Control characters are not supported in XML 1.0"
            )
        self._close_start_tag()
        self.parts.append(escape_xml(content))

    def addQuickElement(self, name, contents=None, attrs=None):
        self.startElement(name, attrs)
        if contents is not None:
            self.characters(contents)
        self.endElement(name)

    def _close_start_tag(self):
        if self.pending:
            self.parts.append(">")
            self.pending = False


class WrittenAtOnce:
    """The feed written by an ``XMLWriter`` into one string, then into the
    response in one piece (Django's feed view hands the generator the response
    itself, through which the SAX generator made one write per tag and per
    text). ``write_document`` is the body of the Django class's ``write``, whose
    generator is made inside it."""

    def write(self, outfile, encoding):
        writer = XMLWriter(encoding)
        self.write_document(writer)
        if isinstance(outfile, io.TextIOBase):
            return outfile.write(writer.text())
        # The SAX generator's own wrapper for a binary output encodes this way.
        return outfile.write(writer.text().encode(encoding, "xmlcharrefreplace"))


class RssWithContent(WrittenAtOnce, Rss201rev2Feed):
    """RSS 2.0 with the body in ``<content:encoded>`` (the RSS content module)."""

    def write_document(self, handler):
        handler.startDocument()
        self.add_stylesheets(handler)
        handler.startElement("rss", self.rss_attributes())
        handler.startElement("channel", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        self.endChannelElement(handler)
        handler.endElement("rss")

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content:encoded", item["content"])


class AtomWithTextSummary(WrittenAtOnce, Atom1Feed):
    """Atom with the summary declared as plain text and the body as HTML."""

    def write_document(self, handler):
        handler.startDocument()
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"]:
            handler.addQuickElement("summary", item["description"], {"type": "text"})
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


@dataclass(frozen=True, slots=True)
class FeedItem:
    """What a feed shows of a bulletin, read as one row (not a Bulletin and its
    Category: sixty model instances for thirty items)."""

    COLUMNS = (
        "slug",
        "title",
        "summary",
        "body",
        "published_at",
        "updated_at",
        "author_unit",
        "category__name",
    )

    slug: str
    title: str
    summary: str
    body: str
    published_at: datetime.datetime
    updated_at: datetime.datetime
    author_unit: str
    category_name: str

    def get_absolute_url(self):  # as Bulletin's
        return address("bulletins:detail", "slug", self.slug, sample="x")


_MISSING = object()


@functools.cache
def _calling(feed_class, attname):
    """How Django's Feed calls ``attname`` of ``feed_class``, worked out as
    ``Feed._get_dynamic_attr`` does: "item" (with the item or object), "plain"
    (without), "value" (not callable), None (no such attribute), or "django"
    (anything else: Django's own path decides)."""
    attr = getattr(feed_class, attname, _MISSING)
    if attr is _MISSING:
        return None
    if not callable(attr):
        return "value"
    code = getattr(inspect.unwrap(attr), "__code__", None)
    if code is None or not code.co_argcount:
        return "django"
    return "item" if code.co_argcount == 2 else "plain"


class BulletinFeed(Feed):
    feed_type = RssWithContent

    def _get_dynamic_attr(self, attname, obj, default=None):
        """Django's, with how each attribute is called worked out once per feed
        class: Django unwraps and inspects the method again for each of the
        twenty attributes of each item (a third of the feed's CPU)."""
        if attname in vars(self):  # set on this feed object: Django's path
            return super()._get_dynamic_attr(attname, obj, default)
        calling = _calling(type(self), attname)
        if calling is None:
            return default
        if calling == "django":
            return super()._get_dynamic_attr(attname, obj, default)
        attr = getattr(self, attname)
        if calling == "item":
            return attr(obj)
        if calling == "plain":
            return attr()
        return attr

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        # Django's feed address is the request's host and path.
        feed.feed["feed_url"] = site_address(request.path, request)
        base = site_address("/", request).removesuffix("/")
        for item in feed.items:
            item["content"] = feed_content(item["content"], base)
        return feed

    def title(self, obj=None):
        name = CommuneProfile.current().short_name
        if obj:
            return f"{obj.name} – {name}"
        return _("CCHC news – %(unit)s") % {"unit": name}

    def link(self, obj=None):
        # Absolute from SITE_URL; relative without it, which Django's feed
        # makes absolute with the request's host.
        return site_address(
            obj.get_absolute_url() if obj else reverse("bulletins:list")
        )

    def item_link(self, item):
        return site_address(item.get_absolute_url())

    def description(self, obj=None):
        return _("Administrative reform news of %(unit)s.") % {
            "unit": CommuneProfile.current().name
        }

    def items(self, obj=None):
        rows = Bulletin.objects.published().order_by("-published_at", "-pk")
        if obj:
            rows = rows.filter(category=obj)
        return [
            FeedItem(*row) for row in rows.values_list(*FeedItem.COLUMNS)[:FEED_ITEMS]
        ]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return escape(item.summary)  # RSS <description> is HTML: the text, escaped

    def item_extra_kwargs(self, item):
        return {"content": item.body}  # made safe in get_feed (feed_content)

    # In Vietnam time (+07:00), the same instants: the database gives UTC, and
    # an 08:00 publication read "01:00:00 +0000", one at 00:30 the day before.
    def item_pubdate(self, item):
        return timezone.localtime(item.published_at)

    def item_updateddate(self, item):
        return timezone.localtime(max(item.updated_at, item.published_at))

    def item_categories(self, item):
        return [item.category_name]

    def item_author_name(self, item):
        return item.author_unit


class BulletinAtomFeed(BulletinFeed):
    feed_type = AtomWithTextSummary

    def subtitle(self, obj=None):
        return self.description(obj)

    def item_description(self, item):
        return item.summary


class CategoryFeedMixin:
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)


class CategoryFeed(CategoryFeedMixin, BulletinFeed):
    pass


class CategoryAtomFeed(CategoryFeedMixin, BulletinAtomFeed):
    pass
