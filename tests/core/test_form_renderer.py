"""Form fields are drawn by Django's Jinja2 widget templates
(thachha_portal/renderers.py). Every form a citizen or a staff member meets
must come out as Django's default renderer draws it: the same tags, attributes,
values and errors, only blank lines aside."""

import re

import pytest
from django.contrib import admin
from django.forms.renderers import get_default_renderer
from django.urls import reverse

from bulletins.models import Bulletin
from tests.bulletins.factories import make_bulletin
from tests.plans.factories import make_plan
from tests.procedures.factories import make_procedure
from thachha_portal.renderers import FormRenderer

# Both renderers draw the same form under the same clock: no date can part them.
pytestmark = pytest.mark.clockless

DEFAULT = "django.forms.renderers.DjangoTemplates"
OURS = "thachha_portal.renderers.FormRenderer"

FORM = re.compile(r"<form\b.*?</form>", re.S)
PER_RENDER = re.compile(  # values that differ on every render: tokens, timestamps
    r'(name="(?:csrfmiddlewaretoken|_typed_by|[\w-]*ts)" value=")[^"]*"'
)
SPACE = re.compile(r"\s+")
END_OF_BLOCK = re.compile(r" </div>")  # a space at the end of a block is not drawn


# Jinja2 (markupsafe) writes these two characters as numeric references, the
# Django engine as named/hex ones: the same characters to every reader.
SAME_CHARACTER = {"&#34;": "&quot;", "&#39;": "&#x27;"}


def drawn(html):
    html = END_OF_BLOCK.sub("</div>", SPACE.sub(" ", html))
    for numeric, named in SAME_CHARACTER.items():
        html = html.replace(numeric, named)
    return PER_RENDER.sub(r'\1"', html)


def forms_of(response):
    forms = [drawn(form) for form in FORM.findall(response.content.decode())]
    assert forms, "the page has no form to compare"
    return forms


def both_ways(client, settings, url):
    forms = {}
    for renderer in (DEFAULT, OURS):
        settings.FORM_RENDERER = renderer
        response = client.get(url)
        assert response.status_code == 200, url
        forms[renderer] = forms_of(response)
    return forms[DEFAULT], forms[OURS]


def test_the_portal_draws_its_forms_with_the_jinja2_widget_templates():
    assert isinstance(get_default_renderer(), FormRenderer)


@pytest.fixture
def content(db, profile):
    procedure = make_procedure()
    bulletin = make_bulletin()
    make_plan()
    return {"procedure": procedure, "bulletin": bulletin}


def public_urls(content):
    procedure, bulletin = content["procedure"], content["bulletin"]
    catalogue = reverse("procedures:list")
    return [
        procedure.get_absolute_url(),
        catalogue,
        # bound, a hostile value drawn back into the field, a field chosen
        f"{catalogue}?q=%22%3E%3Cscript%3Eke%CC%81t&linh_vuc={procedure.field.slug}",
        bulletin.get_absolute_url(),
        reverse("admin:login"),
    ]


def test_public_forms_come_out_as_djangos_default_renderer_draws_them(
    client, settings, content
):
    for url in public_urls(content):
        default, ours = both_ways(client, settings, url)
        assert ours == default, url


def staff_urls(content):
    """The reports page (bound and refused too) and every add page of the
    admin, with the change pages of a procedure and a bulletin."""
    urls = [
        reverse("plans:report"),
        reverse("plans:report") + "?plan=999&period=x&year=1&format=pdf",
    ]
    urls += [
        reverse(f"admin:{m._meta.app_label}_{m._meta.model_name}_add")
        for m in admin.site._registry
    ]
    urls += [
        reverse("admin:procedures_procedure_change", args=[content["procedure"].pk]),
        reverse("admin:bulletins_bulletin_change", args=[content["bulletin"].pk]),
    ]
    return urls


def test_staff_forms_come_out_as_djangos_default_renderer_draws_them(
    client, settings, content, make_staff
):
    client.force_login(make_staff("root", superuser=True))
    compared = 0
    for url in staff_urls(content):
        settings.FORM_RENDERER = DEFAULT
        if client.get(url).status_code != 200:  # models the admin adds no rows to
            continue
        default, ours = both_ways(client, settings, url)
        assert ours == default, url
        compared += 1
    assert compared >= 10


def test_a_bound_comment_form_with_errors_is_drawn_the_same(settings, content):
    from bulletins.forms import CommentForm

    data = {"comment-name": "", "comment-content": "<b>x</b>" * 3, "comment-email": "@"}
    forms = []
    for renderer in (DEFAULT, OURS):
        settings.FORM_RENDERER = renderer
        form = CommentForm(data=data, prefix="comment")
        assert not form.is_valid()
        forms.append(drawn(form.render()))
    assert forms[0] == forms[1]
    assert "errorlist" in forms[1]
    assert Bulletin.objects.count() == 1
