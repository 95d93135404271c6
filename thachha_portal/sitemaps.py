"""The sitemaps: /sitemap.xml is an index of one sitemap per section, each in
pages of at most ``RecordSitemap.limit`` addresses. Every address in them is the
portal's public one (``SITE_URL``), not the request's host: a crawler that
reached the site by its IP address or a second name would otherwise be sent to
addresses under that name."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap, views
from django.template.response import TemplateResponse
from django.urls import reverse

from .addresses import site_address

# The name of a section's address: Django's, which its views reverse.
SECTION_VIEW = "django.contrib.sitemaps.views.sitemap"


class PublicSitemap(Sitemap):
    """A sitemap whose addresses start with ``SITE_URL`` (without it, the
    request's scheme and host, as Django's)."""

    def get_urls(self, page=1, site=None, protocol=None):
        if not settings.SITE_URL:
            return super().get_urls(page, site, protocol)
        public = urlsplit(settings.SITE_URL)
        return self._urls(page, public.scheme, public.netloc + public.path)


class RecordSitemap(PublicSitemap):
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


class StaticSitemap(PublicSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return ["home", "about", "accessibility", "sitemap-page"]

    def location(self, item):
        return reverse(item)


def index(request, sitemaps):
    """/sitemap.xml: each section's sitemap and each of its further pages."""
    listed = []
    for name, sitemap in sitemaps.items():
        if callable(sitemap):
            sitemap = sitemap()
        first = site_address(reverse(SECTION_VIEW, kwargs={"section": name}), request)
        listed.append(views.SitemapIndexItem(first, None))
        listed += [
            views.SitemapIndexItem(f"{first}?p={page}", None)
            for page in range(2, sitemap.paginator.num_pages + 1)
        ]
    return TemplateResponse(
        request,
        "sitemap_index.xml",
        {"sitemaps": listed},
        content_type="application/xml",
    )


def section(request, sitemaps, section):
    """One page (``p``) of one section's sitemap."""
    return views.sitemap(request, sitemaps, section)
