from django.urls import path, register_converter

from thachha_portal.pagecache import public_page

from . import feeds, views


class TwoDigits:
    """Months in addresses always have two digits: /tin-tuc/2021/03/."""

    regex = "[0-9]{2}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):02d}"


class FourDigits(TwoDigits):
    regex = "[0-9]{4}"

    def to_url(self, value):
        return f"{int(value):04d}"


register_converter(TwoDigits, "mm")
register_converter(FourDigits, "yyyy")

app_name = "bulletins"
# Lists and feeds show bulletins only; the detail page declares its own.
listed = public_page("bulletins", query=("page",))
feed = public_page("bulletins")

urlpatterns = [
    path("", listed(views.BulletinListView.as_view()), name="list"),
    path("rss/", feed(feeds.BulletinFeed()), name="feed-rss"),
    path("atom/", feed(feeds.BulletinAtomFeed()), name="feed-atom"),
    path(
        "chuyen-muc/<slug:slug>/",
        listed(views.CategoryView.as_view()),
        name="category",
    ),
    path(
        "chuyen-muc/<slug:slug>/rss/", feed(feeds.CategoryFeed()), name="category-rss"
    ),
    path(
        "chuyen-muc/<slug:slug>/atom/",
        feed(feeds.CategoryAtomFeed()),
        name="category-atom",
    ),
    path("<yyyy:year>/<mm:month>/", listed(views.MonthView.as_view()), name="month"),
    path("xem-truoc/<int:pk>/", views.bulletin_preview, name="preview"),
    path("ban-doc-loa/<int:pk>/", views.bulletin_script, name="script"),
    path("<slug:slug>/", views.bulletin_detail, name="detail"),
    path("<slug:slug>/danh-gia/", views.bulletin_rate, name="rate"),
    path("<slug:slug>/binh-luan/", views.bulletin_comment, name="comment"),
]
