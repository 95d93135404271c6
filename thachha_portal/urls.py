from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import set_language

from . import media, sitemaps, views, wiring
from .pagecache import public_page
from .public_forms import same_origin_post

urlpatterns = [
    path("", views.home, name="home"),
    path("gioi-thieu/", views.about, name="about"),
    path("kha-nang-tiep-can/", views.accessibility, name="accessibility"),
    path("so-do-trang/", views.sitemap_page, name="sitemap-page"),
    path("tim-kiem/", views.search, name="search"),
    path("ngon-ngu/", same_origin_post(set_language), name="set-language"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    # An index of one sitemap per section, each in pages of at most 1,000
    # addresses (thachha_portal.sitemaps.RecordSitemap).
    path(
        "sitemap.xml",
        public_page(*views.EVERY_SECTION)(sitemaps.index),
        {"sitemaps": wiring.sitemaps()},
        name="sitemap-index",
    ),
    path(
        "sitemap-<section>.xml",
        public_page(*views.EVERY_SECTION, query=("p",))(sitemaps.section),
        {"sitemaps": wiring.sitemaps()},
        name=sitemaps.SECTION_VIEW,
    ),
    path("thu-tuc/", include("procedures.urls")),
    path("tin-tuc/", include("bulletins.urls")),
    path("ke-hoach/", include("plans.urls")),
    path("quan-tri/", admin.site.urls),
]

urlpatterns += [re_path(r"^media/(?P<path>.*)$", media.serve, name="media")]

handler404 = "thachha_portal.views.page_not_found"
handler500 = "thachha_portal.views.server_error"
