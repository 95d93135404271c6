"""Property-based tests (hypothesis): random and hostile values thrown at every
public URL's parameters (the URL patterns are enumerated, not listed by hand),
every public form, and the import's records. What must hold whatever comes in:
no 500; nothing a visitor sent comes back as markup (every generated text
carries a ``<hx-…>`` tag that must never appear raw in a page); and an import
that reports an error has written nothing.

Bounded for CI: the "ci" profile (CI=true) runs a fixed number of examples,
derandomized so that a run is repeatable; locally the default profile explores
more and differently each time (HYPOTHESIS_PROFILE=dev for more). The frozen-
clock passes of make test-calendar skip this module: nothing here depends on
the date. docs/open-data.md and thachha_portal/params.py say what the rules are.
"""

import os
import string

import pytest
from django.core.cache import cache
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletins.models import Comment
from procedures import importing, services
from procedures.models import Feedback, Procedure
from tests.bulletins.factories import comment_data, make_bulletin, rating_data
from tests.data import import_files
from tests.plans.factories import make_kpi, make_plan
from tests.procedures.factories import make_procedure

pytestmark = [pytest.mark.django_db, pytest.mark.clockless]

settings.register_profile(
    "ci",
    max_examples=12,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "default-portal",
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("dev", max_examples=300, deadline=None)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE")
    or ("ci" if os.environ.get("CI") else "default-portal")
)


@pytest.fixture(autouse=True)
def _not_under_a_frozen_clock(request):
    if request.config.getoption("frozen_at", None):
        pytest.skip("nothing here depends on the date")


MARK = "<hx-{}>"
# What people and robots actually send: other scripts' digits, superscripts,
# NUL and control characters, markup, formulas, very long and empty values.
HOSTILE = st.sampled_from(
    [
        "²", "¹", "①", "١٢", "0", "-1", "1e400", "99999999999999999999", " 1 ",
        "\x00", "\x1b[2J", "%00", "../../etc/passwd", "=HYPERLINK(\"x\")",
        '"><script>alert(1)</script>', "' OR 1=1 --", "𝟙𝟚", "\ud7ff", "a" * 5000,
        "", "null", "true", "[]", "{}", "NaN", "thu tuc", "giấy khai sinh",
    ]
)  # fmt: skip
TEXT = (
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60) | HOSTILE
)


@st.composite
def marked(draw, base=TEXT):
    """A hostile text with a markup tag that must never come back raw."""
    return draw(base) + MARK.format(draw(st.integers(0, 9999)))


PARAM_NAMES = ["page", "q", "ke-hoach", "cat", "linh_vuc", "truc_tuyen", "p", "format"]
QUERY = st.dictionaries(
    st.sampled_from(PARAM_NAMES) | st.text(string.ascii_letters + "-_", max_size=8),
    marked() | HOSTILE,
    max_size=4,
)


def public_patterns(resolver=None, prefix=""):
    """(route, pattern) of every URL pattern outside the admin."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue
            yield from public_patterns(entry, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


ROUTES = sorted(route for route, _pattern in public_patterns())


@pytest.fixture
def content(profile):
    """One published thing of each kind, so that detail routes have something."""
    procedure = make_procedure(code="1.001193")
    bulletin = make_bulletin(title="Tin thử nghiệm")
    plan = make_plan()
    kpi = make_kpi(plan)
    return {
        "code": procedure.code,
        "slug": bulletin.slug,
        "pk": plan.pk,
        "indicator_pk": kpi.pk,
        "key": "all",
        "year": 2021,
        "month": 3,
        "section": "thu-tuc",
        "path": "x.pdf",
    }


def fill(route, values, draw):
    """The route with each <converter:name> filled: the real value of the test
    content or a random one of the converter's shape."""
    import re

    def one(match):
        converter, name = match.group(1) or "str", match.group(2)
        if draw(st.booleans()) and name in values:
            return str(values[name])
        if converter in ("int", "yyyy", "mm"):
            return str(draw(st.integers(0, 10**6)))
        return draw(
            st.text(
                string.ascii_lowercase + string.digits + "-.", min_size=1, max_size=20
            )
        )

    path = re.sub(r"<(?:(\w+):)?(\w+)>", one, route)
    path = path.replace("^", "").replace("$", "").replace("(?P<path>.*)", "x")
    return "/" + path


def assert_safe(response):
    assert response.status_code < 500, response.status_code
    if "html" in response.get("Content-Type", ""):
        body = response.content.decode("utf-8", "replace")
        assert "<hx-" not in body, "a visitor's markup came back raw"


@pytest.mark.parametrize("route", ROUTES)
def test_no_public_url_answers_500_or_echoes_markup(client, content, route):
    @given(data=st.data(), query=QUERY)
    def check(data, query):
        cache.clear()
        path = fill(route, content, data.draw)
        assert_safe(client.get(path, query))

    check()


# --- public forms ------------------------------------------------------------------


@pytest.fixture
def open_forms(settings):
    settings.PUBLIC_FORM_RATE = "100000/m"  # the limit is tested elsewhere


def test_procedure_feedback_form(client, content, open_forms):
    url = f"/thu-tuc/{content['code']}/"

    @given(helpful=HOSTILE | st.sampled_from(["yes", "no"]), comment=marked())
    def check(helpful, comment):
        assert_safe(client.post(url, {"helpful": helpful, "comment": comment}))

    check()
    # What was stored shows escaped where staff read it.
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("quantri", password="x-Y-z-123")
    client.force_login(admin)
    assert_safe(client.get("/quan-tri/procedures/feedback/"))
    for item in Feedback.objects.all()[:5]:
        assert_safe(client.get(f"/quan-tri/procedures/feedback/{item.pk}/change/"))


def test_bulletin_rating_and_comment_forms(client, content, open_forms):
    base = f"/tin-tuc/{content['slug']}/"

    @given(stars=HOSTILE | st.sampled_from(["1", "5"]), name=marked(), body=marked())
    def check(stars, name, body):
        rating = rating_data(stars=stars)
        assert_safe(client.post(base + "danh-gia/", rating))
        comment = comment_data(**{"comment-name": name, "comment-body": body})
        assert_safe(client.post(base + "binh-luan/", comment))

    check()
    # Approved comments are shown on the page, escaped.
    Comment.objects.update(status=Comment.Status.APPROVED)
    cache.clear()
    assert_safe(client.get(base))


def test_search_and_language_forms(client, content):
    @given(q=marked(), language=HOSTILE | st.sampled_from(["vi", "en"]))
    def check(q, language):
        assert_safe(client.get("/tim-kiem/", {"q": q}))
        assert_safe(client.get("/thu-tuc/", {"q": q}))
        assert_safe(client.post("/ngon-ngu/", {"language": language, "next": q}))

    check()


def test_admin_login_form(client, content):
    @given(username=marked(), password=TEXT)
    def check(username, password):
        cache.clear()  # the login's rate limit is tested elsewhere
        response = client.post(
            "/quan-tri/login/", {"username": username, "password": password}
        )
        assert_safe(response)

    check()


# --- the import ------------------------------------------------------------------

KEYS = list(import_files.COLUMNS) + ["presented", "originals", "kind", "extra"]
JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | marked() | HOSTILE,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(KEYS) | st.text(max_size=5), inner, max_size=3
        )
    ),
    max_leaves=8,
)


@st.composite
def records(draw):
    """A real record with some of its values replaced by random ones."""
    record = dict(draw(st.sampled_from(import_files.RECORDS)))
    for key in draw(st.lists(st.sampled_from(KEYS), max_size=3)):
        record[key] = draw(JSON_VALUE)
    return record


def test_import_records_are_checked_never_crash_and_write_all_or_nothing(
    client, profile
):
    @given(batch=st.lists(records(), min_size=1, max_size=3))
    def check(batch):
        before = Procedure.objects.count()
        report = services.procedures_import(
            rows=importing.records(batch), history=False
        )
        if report.errors:
            assert Procedure.objects.count() == before
        else:
            codes = [r["code"] for r in batch]
            for code in codes:
                cache.clear()
                assert_safe(client.get(f"/thu-tuc/{code}/"))
            # and the open data reads back to the same procedures
            csv_text = client.get("/thu-tuc/du-lieu-mo/thu-tuc.csv").getvalue().decode()
            again = importing.check(importing.read_text(csv_text, "x.csv"))
            assert again.ok and not again.changes, again.errors
        Procedure.objects.all().delete()

    check()


def test_import_reads_any_text_as_rows_or_a_file_error():
    @given(text=st.text(max_size=300), name=st.sampled_from(["x.csv", "x.json"]))
    def check(text, name):
        try:
            rows = importing.read_text(text, name)
        except importing.FileError:
            return
        report = importing.check(rows)
        assert Procedure.objects.count() == 0
        assert len(report.rows) == len(rows)

    check()
