from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class RecordSitemap(Sitemap):
    """The sitemap of one kind of record, in pages of ``limit`` addresses
    (/sitemap.xml is an index of them): a request reads one page of rows, however
    large the archive. ``items()`` should read only what ``location`` and
    ``lastmod`` use."""

    limit = 1000

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        """No date in the index (Django's default reads every item of the section
        for one): crawlers read each address's own date in the section."""
        return None


class StaticSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return ["home", "about", "accessibility", "sitemap-page"]

    def location(self, item):
        return reverse(item)
