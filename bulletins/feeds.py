"""RSS and Atom feeds of the published bulletins, all and per category."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from thachha_portal.models import CommuneProfile

from .models import Bulletin, Category

FEED_ITEMS = 30


class BulletinFeed(Feed):
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
        items = Bulletin.objects.published().for_list()
        if obj:
            items = items.filter(category=obj)
        return items[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.published_at)

    def item_categories(self, item):
        return [item.category.name]

    def item_author_name(self, item):
        return item.author_unit


class BulletinAtomFeed(BulletinFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj=None):
        return self.description(obj)


class CategoryFeedMixin:
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)


class CategoryFeed(CategoryFeedMixin, BulletinFeed):
    pass


class CategoryAtomFeed(CategoryFeedMixin, BulletinAtomFeed):
    pass
