from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps_views
from django.urls import include, path, re_path
from django.views.i18n import set_language
from django.views.static import serve

from . import views, wiring

urlpatterns = [
    path("", views.home, name="home"),
    path("gioi-thieu/", views.about, name="about"),
    path("kha-nang-tiep-can/", views.accessibility, name="accessibility"),
    path("so-do-trang/", views.sitemap_page, name="sitemap-page"),
    path("tim-kiem/", views.search, name="search"),
    path("ngon-ngu/", set_language, name="set-language"),
    path("robots.txt", views.robots_txt, name="robots"),
    # An index of one sitemap per section, each in pages of at most 1,000
    # addresses (thachha_portal.sitemaps.RecordSitemap).
    path(
        "sitemap.xml",
        sitemaps_views.index,
        {"sitemaps": wiring.sitemaps()},
        name="sitemap-index",
    ),
    path(
        "sitemap-<section>.xml",
        sitemaps_views.sitemap,
        {"sitemaps": wiring.sitemaps()},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("thu-tuc/", include("procedures.urls")),
    path("tin-tuc/", include("bulletins.urls")),
    path("ke-hoach/", include("plans.urls")),
    path("quan-tri/", admin.site.urls),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

handler404 = "thachha_portal.views.page_not_found"
handler500 = "thachha_portal.views.server_error"
