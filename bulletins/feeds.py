"""RSS and Atom feeds of the published bulletins, all and per category.

A feed reader renders what a feed declares as HTML, so the summary (plain text
typed by staff) never goes out as markup: Atom declares it ``type="text"``, and
RSS — whose ``<description>`` is HTML by definition — carries it escaped. The
body goes out as HTML (Atom ``<content type="html">``, RSS
``<content:encoded>``) only after the sanitiser the page uses
(``bulletins.html.sanitize_html``), with its links and images made absolute so
that they work outside the site.
"""

import functools
import inspect
import io
import re

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from thachha_portal.compiled import compiled
from thachha_portal.models import CommuneProfile

from .html import sanitize_html
from .models import Bulletin, Category

FEED_ITEMS = 30
_SITE_RELATIVE = re.compile(r'(\s(?:href|src)=")/(?!/)')


def absolute_links(html, base):
    """``html`` with site-relative addresses prefixed with ``base`` (scheme and
    host, no trailing slash)."""
    return _SITE_RELATIVE.sub(rf"\g<1>{base}/", html)


class WrittenAtOnce:
    """The feed written into a string, then into the response in one piece.
    Django's feed view hands the generator the response itself, through which
    the XML writer made one write per tag and per text (about 1,300 for 30
    items, each a bytes conversion); the bytes are the same."""

    def write(self, outfile, encoding):
        if isinstance(outfile, io.TextIOBase):
            return super().write(outfile, encoding)
        # The writer's own wrapper for a binary output encodes this way too.
        return outfile.write(
            self.writeString(encoding).encode(encoding, "xmlcharrefreplace")
        )


class RssWithContent(WrittenAtOnce, Rss201rev2Feed):
    """RSS 2.0 with the body in ``<content:encoded>`` (the RSS content module)."""

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

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"]:
            handler.addQuickElement("summary", item["description"], {"type": "text"})
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


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
        base = request.build_absolute_uri("/").rstrip("/")
        for item in feed.items:
            item["content"] = absolute_links(item["content"], base)
        return feed

    def title(self, obj=None):
        name = CommuneProfile.current().short_name
        if obj:
            return f"{obj.name} – {name}"
        return _("CCHC news – %(unit)s") % {"unit": name}

    def link(self, obj=None):
        return obj.get_absolute_url() if obj else reverse("bulletins:list")

    def description(self, obj=None):
        return _("Administrative reform news of %(unit)s.") % {
            "unit": CommuneProfile.current().name
        }

    def items(self, obj=None):
        items = compiled(Bulletin.objects.published()).for_list(
            "body", "updated_at", "author_unit"
        )
        if obj:
            items = items.filter(category=obj)
        return items[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return escape(item.summary)  # RSS <description> is HTML: the text, escaped

    def item_extra_kwargs(self, item):
        return {"content": sanitize_html(item.body)}

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.published_at)

    def item_categories(self, item):
        return [item.category.name]

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
