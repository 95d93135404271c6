import datetime
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from procedures.models import Feedback
from tests.html_forms import form_data

from .factories import make_procedure

pytestmark = pytest.mark.django_db


@pytest.fixture
def procedure(profile):
    return make_procedure(code="1.001193")


def post(client, procedure, **data):
    return client.post(procedure.get_absolute_url(), data, follow=True)


def test_helpful_answer_is_kept_and_thanked_after_redirect(client, procedure):
    response = post(client, procedure, helpful="yes", comment="Rõ ràng")
    assert response.redirect_chain[-1] == (procedure.get_absolute_url() + "#gop-y", 302)
    page = response.content.decode()
    # Said in the section the address's anchor scrolls to, not at the top.
    section = page.index('id="gop-y"')
    assert page.index("Cảm ơn bạn: ý kiến đã được ghi nhận.") > section
    assert page.count("Cảm ơn bạn: ý kiến đã được ghi nhận.") == 1
    feedback = Feedback.objects.get()
    assert feedback.helpful is True and feedback.comment == "Rõ ràng"


def test_missing_answer_keeps_the_comment_and_explains(client, procedure):
    response = client.post(procedure.get_absolute_url(), {"comment": "Thiếu mẫu đơn"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Vui lòng chọn “Có” hoặc “Không”." in html
    assert "Thiếu mẫu đơn</textarea>" in html
    assert not Feedback.objects.exists()


def test_a_missing_answer_is_summed_up_atop_the_form_and_named_by_each_radio(
    client, procedure
):
    """docs/accessibility.md: an error summary (role="alert", a link to the
    field) at the top of the form, and the controls described by their
    message — a screen reader on "Có" hears why it is asked again."""
    response = client.post(procedure.get_absolute_url(), {"comment": "x" * 1001})
    html = response.content.decode()
    form = html[html.index('<form method="post" action="/thu-tuc/1.001193/#gop-y"') :]
    summary = form[: form.index("<fieldset")]
    assert '<div class="error-summary" role="alert">' in summary
    assert "Vui lòng sửa các lỗi dưới đây." in summary
    assert '<a href="#id_helpful_0">Vui lòng chọn “Có” hoặc “Không”.</a>' in summary
    assert '<a href="#id_comment">' in summary  # too long: a link to the box
    radios = re.findall(r'<input type="radio"[^>]*>', form)
    assert len(radios) == 2
    assert all('aria-describedby="id_helpful_error"' in radio for radio in radios)
    assert '<ul class="errorlist" id="id_helpful_error">' in form
    # Answered: nothing to describe.
    response = client.get(procedure.get_absolute_url())
    assert "id_helpful_error" not in response.content.decode()


def test_honeypot_filled_is_refused_with_a_message_keeping_the_text(client, procedure):
    response = post(
        client, procedure, helpful="no", comment="Thiếu mẫu", website="http://x.vn"
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Không gửi được biểu mẫu. Vui lòng thử lại." in html
    assert "Thiếu mẫu" in html
    assert not Feedback.objects.exists()


def test_an_answer_refused_for_an_autofilled_honeypot_goes_through_sent_again(
    client, procedure
):
    """A browser's autofill fills the hidden box too: the form comes back with
    the box empty, so sending it again as shown is accepted."""
    url = procedure.get_absolute_url()
    refused = client.post(
        url, {"helpful": "no", "comment": "Thiếu mẫu", "website": "https://x.vn"}
    )
    assert refused.status_code == 400
    data = form_data(refused.content.decode(), url)
    assert data == {"helpful": "no", "comment": "Thiếu mẫu", "website": ""}
    assert client.post(url, data).status_code == 302
    assert Feedback.objects.get().comment == "Thiếu mẫu"


def test_feedback_is_rate_limited_per_address(client, procedure, settings):
    settings.PUBLIC_FORM_RATE = "2/h"
    for _ in range(2):
        assert post(client, procedure, helpful="yes").status_code == 200
    response = client.post(
        procedure.get_absolute_url(), {"helpful": "no", "comment": "Lần ba"}
    )
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3660
    html = response.content.decode()
    assert "Bạn đã gửi quá nhiều lần" in html
    assert "Lần ba</textarea>" in html
    assert Feedback.objects.count() == 2
    other = client.post(
        procedure.get_absolute_url(), {"helpful": "no"}, REMOTE_ADDR="10.9.9.9"
    )
    assert other.status_code == 302


def test_the_feedback_limit_holds_over_any_hour(
    client, procedure, settings, time_machine
):
    """2 answers an hour: a third sent a minute after the hour turned is
    refused (fixed hourly windows took it when the two came just before an
    edge), and after the hour since the first it goes through."""
    settings.PUBLIC_FORM_RATE = "2/h"
    start = timezone.now().replace(minute=0, second=0, microsecond=0)
    statuses = []
    for offset in range(0, 3600, 300):  # a window's edge falls in one of these
        cache.clear()
        time_machine.move_to(start + datetime.timedelta(seconds=offset), tick=False)
        first = post(client, procedure, helpful="yes").status_code
        time_machine.shift(240)
        second = post(client, procedure, helpful="yes").status_code
        time_machine.shift(120)
        third = client.post(procedure.get_absolute_url(), {"helpful": "no"})
        statuses.append((first, second, third.status_code))
        assert 0 < int(third["Retry-After"]) <= 3660
    assert set(statuses) == {(200, 200, 429)}
    time_machine.shift(3600)
    later = client.post(procedure.get_absolute_url(), {"helpful": "no"})
    assert later.status_code == 302


def test_feedback_form_is_on_the_page_without_a_per_visitor_token(client, procedure):
    html = client.get(procedure.get_absolute_url()).content.decode()
    assert "Thông tin này có hữu ích với bạn không?" in html
    assert 'name="csrfmiddlewaretoken"' not in html  # the page can be cached
    assert 'class="honeypot"' in html


def test_feedback_from_another_site_is_refused(procedure):
    browser = Client(enforce_csrf_checks=True)
    url = procedure.get_absolute_url()
    forged = browser.post(url, {"helpful": "yes"}, HTTP_ORIGIN="https://evil.example")
    assert forged.status_code == 403
    # It says why (not cookies, which these forms do not use).
    said = forged.content.decode()
    assert "chỉ gửi được từ một trang của cổng thông tin" in said
    assert "cookie" not in said
    cross = browser.post(url, {"helpful": "yes"}, HTTP_SEC_FETCH_SITE="cross-site")
    assert cross.status_code == 403
    assert browser.post(url, {"helpful": "yes"}).status_code == 403  # says nothing
    assert Feedback.objects.count() == 0
    ours = browser.post(url, {"helpful": "yes"}, HTTP_SEC_FETCH_SITE="same-origin")
    assert ours.status_code == 302
    old_browser = browser.post(
        url, {"helpful": "no"}, HTTP_ORIGIN="http://testserver", REMOTE_ADDR="10.1.1.1"
    )
    assert old_browser.status_code == 302
    assert Feedback.objects.count() == 2


def test_the_form_as_first_shown_is_kept_per_language_and_an_answer_sent_back_never(
    client, procedure, settings
):
    """Each worker keeps the empty form it drew (the "fragments" cache); a form
    sent back with its errors is drawn with them, and the next visitor of any
    procedure, in either language, gets the empty one."""
    settings.PAGE_CACHE_SECONDS = 0  # the form itself, not the page cache
    other = make_procedure("Thủ tục đăng ký kết hôn")
    labels = {
        "vi": "Thông tin này có hữu ích với bạn không?",
        "en": "Was this information helpful?",
    }
    for language, label in labels.items():
        client.cookies["django_language"] = language
        for page in (procedure, other, procedure):
            html = client.get(page.get_absolute_url()).content.decode()
            assert label in html
            assert 'action="' + page.get_absolute_url() + '#gop-y"' in html
        sent = client.post(procedure.get_absolute_url(), {"comment": "Thiếu mẫu đơn"})
        assert sent.status_code == 400
        assert "Thiếu mẫu đơn</textarea>" in sent.content.decode()
        assert 'class="errorlist"' in sent.content.decode()
        for page in (procedure, other):
            html = client.get(page.get_absolute_url()).content.decode()
            assert "Thiếu mẫu đơn" not in html and 'class="errorlist"' not in html
            assert label in html
