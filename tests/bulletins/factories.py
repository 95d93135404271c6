"""Builders for bulletins test data (plain functions: few fields, clear defaults)."""

import datetime
import time

from django.core import signing
from django.utils import timezone

from bulletins.forms import TIMESTAMP_SALT
from bulletins.models import Airing, Bulletin, Category
from tests.sequences import Sequence

_seq = Sequence()


def make_category(slug="tin-cchc", name="Tin cải cách hành chính"):
    category, _created = Category.objects.get_or_create(
        slug=slug, defaults={"name": name}
    )
    return category


def make_bulletin(
    *,
    title=None,
    status=Bulletin.Status.PUBLISHED,
    published_at=None,
    category=None,
    body="<p>UBND xã triển khai CCHC.</p>",
    **fields,
):
    n = next(_seq)
    if published_at is None and status in (
        Bulletin.Status.PUBLISHED,
        Bulletin.Status.HIDDEN,
    ):
        # Newest first in the order made, a minute apart, and all of them recent:
        # a test that needs a given day or month says so (see tests/clock.py).
        published_at = timezone.now() - datetime.timedelta(minutes=n)
    return Bulletin.objects.create(
        title=title or f"Tin cải cách hành chính số {n:03}",  # no title inside another
        slug=fields.pop("slug", f"tin-{n}"),
        summary=fields.pop("summary", f"Tóm tắt tin số {n}."),
        body=body,
        category=category or make_category(),
        status=status,
        published_at=published_at,
        hidden_reason="Đăng nhầm" if status == Bulletin.Status.HIDDEN else "",
        **fields,
    )


def make_airing(bulletin, **fields):
    return Airing.objects.create(
        bulletin=bulletin,
        aired_at=fields.pop("aired_at", timezone.now() - datetime.timedelta(hours=1)),
        station=fields.pop("station", "Đài truyền thanh xã"),
        duration_minutes=fields.pop("duration_minutes", 5),
        read_by=fields.pop("read_by", "Nguyễn Thị Lan"),
        **fields,
    )


def timestamp(seconds_ago=10):
    """A signed form timestamp as if the page was opened ``seconds_ago``."""
    return signing.dumps(int(time.time()) - seconds_ago, salt=TIMESTAMP_SALT)


def comment_data(**overrides):
    data = {
        "comment-name": "Trần Văn An",
        "comment-email": "an@example.vn",
        "comment-body": "Bài viết rất hữu ích, cảm ơn UBND xã.",
        "comment-consent": "on",
        "comment-website": "",
        "comment-ts": timestamp(),
    }
    data.update(overrides)
    return data


def rating_data(stars=5, **overrides):
    data = {"rating-stars": str(stars), "rating-website": "", "rating-ts": timestamp()}
    data.update(overrides)
    return data


def admin_bulletin_data(bulletin, **changes):
    """The POST data of the bulletin admin form, inlines empty, with ``changes``."""
    data = {
        "title": bulletin.title,
        "slug": bulletin.slug,
        "category": bulletin.category_id,
        "summary": bulletin.summary,
        "body": bulletin.body,
        "cover_alt": "",
        "author_unit": bulletin.author_unit,
        "broadcast_script": bulletin.broadcast_script,
        "priority": bulletin.priority,
        "new_status": bulletin.status,
        "transition_reason": "",
        "published_at_0": "",
        "published_at_1": "",
    }
    for prefix in ("attachments", "airings", "status_changes"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(changes)
    return data
