"""The bulletins' hook for scripts/bench.py: the public pages worth timing, and
more data than the demo (``grow``) so that a query that grows with rows shows.

The announcer's script page is left out: it is for staff only (login needed).
"""

import datetime
import itertools

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from thachha_portal import pagecache, search

from .models import Airing, Bulletin, Category

DETAIL_SLUG = "cong-chuc-mot-cua-tan-tam"  # a demo item of March 2021
CATEGORY_SLUG = "tin-cchc"

TOPICS = [
    "Tiếp nhận hồ sơ trực tuyến toàn trình",
    "Kết quả cải cách hành chính",
    "Niêm yết công khai thủ tục hành chính",
    "Đối thoại với người dân về thủ tục đất đai",
    "Chuyển đổi số tại Bộ phận Một cửa",
    "Thanh toán phí, lệ phí trực tuyến",
    "Tuyên truyền cải cách hành chính tại tổ dân phố",
    "Công chức tận tâm phục vụ nhân dân",
]
PLACES = ["tổ dân phố 1", "tổ dân phố 4", "thôn Đông", "thôn Tây", "trụ sở UBND"]
STATIONS = ["Đài truyền thanh xã", "Cụm loa tổ dân phố 2", "Cụm loa tổ dân phố 4"]
READERS = ["Nguyễn Thị Lan", "Lê Văn Bình"]


def pages():
    """(name, path) of the bulletins' public pages."""
    return [
        ("news list", reverse("bulletins:list")),
        ("category", reverse("bulletins:category", kwargs={"slug": CATEGORY_SLUG})),
        (
            "month 03/2021",
            reverse("bulletins:month", kwargs={"year": 2021, "month": 3}),
        ),
        ("bulletin", reverse("bulletins:detail", kwargs={"slug": DETAIL_SLUG})),
        ("Atom feed", reverse("bulletins:feed-atom")),
        ("RSS feed", reverse("bulletins:feed-rss")),
        ("site search", reverse("search") + "?q=cai+cach+hanh+chinh"),
    ]


def _body(n, topic, place):
    return (
        f"<p>Thực hiện Kế hoạch tuyên truyền CCHC, UBND xã Thạch Hà triển khai "
        f"nội dung “{topic}” tại {place}.</p>"
        "<h2>Nội dung chính</h2>"
        "<ul><li>Hướng dẫn người dân nộp hồ sơ TTHC trên Cổng Dịch vụ công.</li>"
        "<li>Tiếp nhận phản ánh, kiến nghị qua đường dây nóng.</li></ul>"
        f"<p>Đến nay đã có {40 + n % 60} hồ sơ được giải quyết đúng hạn; "
        "<strong>không có hồ sơ trễ hẹn</strong>.</p>"
    )


def _bulletins(count, categories, first):
    start = timezone.make_aware(datetime.datetime(2021, 1, 1, 8, 0))
    span = timezone.now() - datetime.timedelta(days=1) - start
    variants = itertools.cycle(itertools.product(PLACES, TOPICS))
    for n, (place, topic) in zip(range(count), variants, strict=False):
        number = first + n
        bulletin = Bulletin(
            title=f"{topic} ở {place} (bản tin số {number})",
            slug=f"ban-tin-do-toc-do-{number}",
            summary=f"Tin số {number} về {topic.lower()} ở {place}.",
            body=_body(n, topic, place),
            category=categories[n % len(categories)],
            status=Bulletin.Status.PUBLISHED,
            published_at=start + span * n / count,
        )
        bulletin.prepare()
        yield bulletin


@transaction.atomic
def grow(scale):
    """Add ``scale`` × 50 published bulletins spread over 2021–2026 (search
    columns filled as ``save()`` fills them) and ``scale`` × 100 airings."""
    categories = list(Category.objects.order_by("order", "pk"))
    if not categories or scale <= 0:
        return
    first = Bulletin.objects.filter(slug__startswith="ban-tin-do-toc-do-").count() + 1
    created = Bulletin.objects.bulk_create(
        _bulletins(scale * 50, categories, first), batch_size=500
    )
    latest = timezone.now() - datetime.timedelta(hours=1)
    Airing.objects.bulk_create(
        (
            Airing(
                bulletin=bulletin,
                aired_at=min(
                    bulletin.published_at + datetime.timedelta(days=1 + n % 2),
                    latest,
                ),
                station=STATIONS[n % len(STATIONS)],
                duration_minutes=3 + n % 5,
                read_by=READERS[n % len(READERS)],
            )
            for n, bulletin in enumerate(created * 2)
        ),
        batch_size=500,
    )
    pagecache.invalidate()  # bulk writes send no signal
    search.index_changed("bulletins")
