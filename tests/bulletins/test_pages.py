"""What a reader sees on the bulletin pages, and what each role may do."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bulletins.models import Bulletin
from bulletins.views import BulletinListView
from thachha_portal import counters

from .factories import make_airing, make_bulletin
from .test_cover_images import picture

pytestmark = pytest.mark.django_db


def test_bulletin_page_has_open_graph_tags_and_share_links(client, profile, category):
    bulletin = make_bulletin(
        title="Tin có ảnh đại diện",
        cover_image=SimpleUploadedFile("anh.png", picture()),
        cover_alt="Cán bộ Một cửa hướng dẫn người dân",
    )
    html = client.get(bulletin.get_absolute_url()).content.decode()
    url = f"http://testserver{bulletin.get_absolute_url()}"
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Tin có ảnh đại diện">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert 'property="og:image" content="http://testserver/media/bulletins/' in html
    assert html.count('property="og:image"') == 1  # not the portal's as well
    assert 'alt="Cán bộ Một cửa hướng dẫn người dân"' in html
    assert (
        "https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2Ftestserver" in html
    )
    assert "zalo.me" in html
    assert f'value="{url}" readonly' in html
    assert "<script src=" in html and "connect.facebook" not in html


def test_page_without_cover_is_shared_with_the_portals_picture(
    client, profile, category
):
    html = client.get(make_bulletin().get_absolute_url()).content.decode()
    assert html.count('property="og:image"') == 1
    assert (
        '<meta property="og:image" content="http://testserver/static/img/share' in html
    )


def test_cover_image_needs_alt_text(category):
    from django.core.exceptions import ValidationError

    bulletin = make_bulletin(cover_image=SimpleUploadedFile("anh.png", picture()))
    with pytest.raises(ValidationError) as error:
        bulletin.full_clean()
    assert "cover_alt" in error.value.message_dict


def test_views_are_counted_even_from_the_page_cache(client, profile, category):
    bulletin = make_bulletin()
    for _visit in range(3):
        client.get(bulletin.get_absolute_url())
    counters.flush("bulletins.bulletin", bulletin.pk)
    bulletin.refresh_from_db()
    assert bulletin.view_count == 3


def test_list_is_newest_first_and_paginated(client, profile, category):
    for _n in range(12):
        make_bulletin()
    newest = Bulletin.objects.published().for_list().first()
    page_one = client.get(reverse("bulletins:list")).content.decode()
    assert page_one.index(newest.title) < page_one.index("Trang 1 / 2")
    page_two = client.get(reverse("bulletins:list") + "?page=2").content.decode()
    assert newest.title not in page_two


def test_home_page_shows_the_latest_items(client, profile, category):
    bulletin = make_bulletin(title="Tin mới nhất trên trang chủ")
    html = client.get("/").content.decode()
    assert "Tin mới nhất trên trang chủ" in html
    assert bulletin.get_absolute_url() in html


def _perms(user):
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Permission.objects.filter(group__user=user)
    }


def test_roles_hold_least_privilege(editor, approver, announcer, moderator):
    assert "bulletins.publish_bulletin" not in _perms(editor)
    assert "bulletins.publish_bulletin" in _perms(approver)
    assert "bulletins.change_bulletin" not in _perms(announcer)
    assert "bulletins.add_airing" in _perms(announcer)
    assert _perms(moderator) >= {"bulletins.change_comment"}
    assert "bulletins.change_bulletin" not in _perms(moderator)
    for user in (editor, approver, announcer, moderator):
        assert not any(p.startswith("bulletins.delete_") for p in _perms(user))


def test_admin_filters_by_month_and_channel(client, approver, category):
    import datetime
    from zoneinfo import ZoneInfo

    march = make_bulletin(
        title="Tin tháng ba đã phát loa",
        published_at=datetime.datetime(2021, 3, 5, 8, tzinfo=ZoneInfo("Asia/Bangkok")),
    )
    make_airing(march)
    make_bulletin(title="Tin chưa phát loa lần nào")
    client.force_login(approver)
    url = reverse("admin:bulletins_bulletin_changelist")
    by_month = client.get(url + "?month=2021-03").content.decode()
    assert "Tin tháng ba đã phát loa" in by_month
    assert "Tin chưa phát loa lần nào" not in by_month
    not_aired = client.get(url + "?channel=not_aired").content.decode()
    assert "Tin chưa phát loa lần nào" in not_aired
    assert "Tin tháng ba đã phát loa" not in not_aired


def test_pagination_shows_the_pages_around_the_one_open(
    client, profile, category, monkeypatch
):
    """Far from the first page, the pages listed are the first two, the three
    each side of the page open and the last two, with gaps between."""
    monkeypatch.setattr(BulletinListView, "paginate_by", 1)
    for _n in range(20):
        make_bulletin()
    html = client.get(reverse("bulletins:list") + "?page=10").content.decode()
    nav = html[html.index('<nav class="pagination"') :]
    nav = nav[: nav.index("</nav>")]
    listed = re.findall(r'href="\?page=(\d+)">\d+<|aria-current="page">(\d+)<', nav)
    assert [int(a or b) for a, b in listed] == [1, 2, 7, 8, 9, 10, 11, 12, 13, 19, 20]
    assert nav.count("<span>…</span>") == 2
    assert 'aria-current="page">10<' in nav


def test_shared_links_give_the_public_address_whatever_host_was_asked(
    client, profile, category, settings
):
    """og:url, og:image and the share links come from SITE_URL, not from the
    Host the page was opened by (localhost:8102, the server's IP address)."""
    settings.SITE_URL = "https://thachha.example.vn"
    bulletin = make_bulletin(title="Tin để chia sẻ")
    html = client.get(bulletin.get_absolute_url(), HTTP_HOST="localhost:8102")
    html = html.content.decode()
    url = f"https://thachha.example.vn{bulletin.get_absolute_url()}"
    assert "localhost:8102" not in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert 'property="og:image" content="https://thachha.example.vn/static/' in html
    assert f'value="{url}" readonly' in html
    assert "sharer.php?u=https%3A%2F%2Fthachha.example.vn%2Ftin-tuc%2F" in html
    for page in ("/", "/thu-tuc/?q=khai+sinh"):
        html = client.get(page, HTTP_HOST="localhost:8102").content.decode()
        assert f'content="https://thachha.example.vn{page}"' in html
        assert "localhost:8102" not in html
