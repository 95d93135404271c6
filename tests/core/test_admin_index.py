import pytest

pytestmark = pytest.mark.django_db


def test_admin_home_lists_the_monthly_tasks_a_role_can_do(client, make_staff):
    client.force_login(make_staff("bientap", "editor", "announcer", "activities"))
    html = client.get("/quan-tri/").content.decode()
    assert "Viết tin CCHC của tháng này" in html
    assert "Ghi nhận từng lượt phát trên loa" in html
    assert "Ghi nhận hoạt động tuyên truyền" in html
    assert "Duyệt và đăng các tin đang chờ" not in html  # approvers only


def test_admin_home_offers_approval_and_reports_to_a_leader(client, make_staff):
    client.force_login(make_staff("lanhdao", "approver", "reports"))
    html = client.get("/quan-tri/").content.decode()
    assert "Duyệt và đăng các tin đang chờ" in html
    assert "/ke-hoach/bao-cao/" in html


def test_the_airing_step_leads_where_an_airing_can_be_added(client, make_staff):
    """The bulletin page lists its airings read-only: the step must open the
    airing form itself, not the bulletin list."""
    client.force_login(make_staff("bientap", "announcer"))
    html = client.get("/quan-tri/").content.decode()
    assert '<a href="/quan-tri/bulletins/airing/add/">Ghi nhận từng lượt phát' in html
    assert "mở tin đã đăng" not in html


def test_admin_pages_name_the_site_icon(client, make_staff):
    """Else every admin page makes the browser ask /favicon.ico: a 404 each time."""
    login = client.get("/quan-tri/login/").content.decode()
    assert 'rel="icon"' in login and "img/favicon.svg" in login
    client.force_login(make_staff("bientap", "editor"))
    for url in ("/quan-tri/", "/quan-tri/bulletins/bulletin/add/"):
        html = client.get(url).content.decode()
        assert 'rel="icon"' in html and "img/favicon.svg" in html, url
