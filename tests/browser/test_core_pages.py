"""Every page type passes axe-core (no serious or critical violations) at 375 px
and 1280 px, fits a 320 px screen without sideways scrolling, validates with the
Nu Html Checker, has one h1 and its own title; the admin has no critical axe
violations; the display controls work and are remembered.

The page types are found by crawling, so the apps' pages are covered as soon as
they are linked from the home page, the site map or /sitemap.xml."""

import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import Resolver404, resolve, reverse

from .conftest import (
    DESKTOP,
    PHONE,
    admin_login,
    axe_violations,
    check_page,
    enlarge_text,
    html_errors_many,
    overflow_problems,
)

pytestmark = pytest.mark.django_db(transaction=True)

# Where the crawl starts: the search page with a query (the site map links only to
# the empty form), the home page, the HTML site map and the XML sitemap.
SEEDS = ["/", "/tim-kiem/?q=khai+sinh", "/so-do-trang/", "/sitemap.xml"]
NOT_PAGES = ("/quan-tri/", "/static/", "/media/", "/ngon-ngu/")
DOWNLOAD_SUFFIXES = (
    ".csv", ".json", ".xml", ".rss", ".atom", ".pdf", ".doc", ".docx", ".xls",
    ".xlsx", ".odt", ".ods", ".zip", ".png", ".jpg", ".jpeg", ".svg", ".txt", ".ics",
)  # fmt: skip
CRAWL_LIMIT = 3000  # links looked at (cheap); each URL pattern is fetched once
# Query parameters that make another page type of a URL pattern, fetched once
# too: the catalogue of one field (?linh_vuc=) is the only page that links to the
# field's print pages (its short list and its full listing).
PAGE_TYPE_PARAMS = {"thu-tuc/": ("linh_vuc",)}


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href") and "download" not in attrs:
            self.hrefs.append(attrs["href"])


def _links(html):
    parser = _Links()
    parser.feed(html)
    return parser.hrefs


def _sitemap_paths(xml):
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    root = ElementTree.fromstring(xml)  # noqa: S314 - our own server's sitemap
    return [loc.text for loc in root.iter(f"{namespace}loc")]


def _route(path):
    """The URL pattern a path belongs to (``thu-tuc/<str:code>/``), or None."""
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.route or match.view_name


def _page_type(route, query):
    """The URL pattern, with the query parameters that make a page type of their
    own (``thu-tuc/?linh_vuc``)."""
    present = {name for name, _value in parse_qsl(query)}
    variant = [name for name in PAGE_TYPE_PARAMS.get(route, ()) if name in present]
    return route + "".join(f"?{name}" for name in variant) if route else route


def page_types(client=None):
    """One URL per URL pattern reachable from the seeds (same host, GET, HTML,
    outside the admin, no downloads), and the problems found on the way: links
    that answer with an error. Pass a logged-in ``client`` to crawl as staff."""
    client = client or Client()
    representatives, problems, seen_routes = {}, [], set()
    queue = [(path, "seed") for path in SEEDS]
    looked_at = 0
    while queue and looked_at < CRAWL_LIMIT:
        url, found_on = queue.pop(0)
        looked_at += 1
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver") or parts.scheme not in ("", "http"):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if parts.path.startswith(NOT_PAGES) or parts.path.endswith(DOWNLOAD_SUFFIXES):
            continue
        route = _route(parts.path)
        if route is None:
            problems.append(f"{found_on}: link to unknown page {path}")
            continue
        route = _page_type(route, parts.query)
        if path != "/sitemap.xml" and route in seen_routes:
            continue
        seen_routes.add(route)
        response = client.get(path)
        if response.status_code in (301, 302, 303, 307, 308):
            queue.append((urljoin(path, response["Location"]), found_on))
            continue
        if response.status_code != 200:
            problems.append(
                f"{found_on}: link to {path} answers {response.status_code}"
            )
            continue
        content_type = response.get("Content-Type", "")
        body = response.content.decode()
        if path == "/sitemap.xml":
            queue += [(loc, "/sitemap.xml") for loc in _sitemap_paths(body)]
            continue
        if not content_type.startswith("text/html"):
            continue  # a feed, a file or an export: not a page
        representatives[route] = path
        queue += [(urljoin(path, href), path) for href in _links(body)]
    return representatives, problems


STRUCTURE = """() => {
    const count = (selector) => document.querySelectorAll(selector).length;
    const problems = [];
    const lang = document.documentElement.lang;
    if (!['vi', 'en'].includes(lang)) problems.push(`html lang is "${lang}"`);
    if (count('h1') !== 1) problems.push(`${count('h1')} h1 elements (want one)`);
    for (const [selector, name] of [['main', 'main'],
            ['body > header, [role=banner]', 'banner header'],
            ['body > footer, [role=contentinfo]', 'footer']]) {
        if (count(selector) !== 1) problems.push(`${count(selector)} ${name}`);
    }
    const skip = document.querySelector('body > a.skip-link');
    if (!skip || !document.querySelector(skip.getAttribute('href')))
        problems.push('no skip link to an existing target');
    const navs = [...document.querySelectorAll('nav')];
    if (navs.length > 1 && navs.some(n => !n.getAttribute('aria-label')
            && !n.getAttribute('aria-labelledby')))
        problems.push('several nav landmarks, not all labelled');
    if (!document.title.trim()) problems.push('empty title');
    return problems;
}"""


def structure_problems(page):
    """lang, one h1, one main/banner/footer, a working skip link, labelled
    navigation landmarks, a title."""
    return page.evaluate(STRUCTURE)


def test_every_page_type_passes_axe_nu_and_reflow(site, new_page):
    call_command(
        "load_demo",
        demo_logins=True,
        verbosity=0,
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )
    representatives, problems = page_types()
    assert "home" in representatives and "tim-kiem/" in representatives, representatives
    page = new_page(viewport=PHONE, bypass_csp=True)  # lets axe be injected
    documents, titles = {}, {}
    for route, path in representatives.items():
        label = f"{path} [{route or 'home'}]"
        response = page.goto(site + path)
        documents[label] = response.text()
        problems += check_page(page, label)
        problems += [f"{label}: {problem}" for problem in structure_problems(page)]
        titles.setdefault(page.title(), []).append(label)
    problems += [
        f"same <title> “{title}” on different page types: {labels}"
        for title, labels in titles.items()
        if len(labels) > 1
    ]
    problems += html_errors_many(documents)
    assert not problems, "\n".join(problems)


def test_staff_only_page_types_pass_axe_and_nu(site, new_page, make_staff):
    """Pages that only staff reach from the public site (reports, previews):
    crawled as a superuser, checked like the public ones."""
    call_command(
        "load_demo",
        demo_logins=True,
        verbosity=0,
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )
    public, _ = page_types()
    client = Client()
    client.force_login(make_staff("root", superuser=True))
    staff, problems = page_types(client)
    staff_only = {route: path for route, path in staff.items() if route not in public}
    page = new_page(viewport=PHONE, bypass_csp=True)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": site,
            }
        ]
    )
    documents = {}
    for route, path in staff_only.items():
        label = f"staff {path} [{route}]"
        response = page.goto(site + path)
        documents[label] = response.text()
        problems += check_page(page, label)
        problems += [f"{label}: {problem}" for problem in structure_problems(page)]
    problems += html_errors_many(documents)
    assert not problems, "\n".join(problems)


def test_error_pages_pass_axe_and_nu(site, new_page):
    page = new_page(viewport=PHONE, bypass_csp=True)
    request = RequestFactory().get("/")
    request.LANGUAGE_CODE = "vi"
    documents = {
        "500.jinja": render_to_string("500.jinja"),
        "403_csrf.jinja": render_to_string("403_csrf.jinja", request=request),
    }
    response = page.goto(site + "/khong-co-trang-nay/")
    assert response.status == 404
    documents["404.jinja"] = response.text()
    problems = check_page(page, "404 page")
    response = page.goto(site + "/thu-tuc/9.999999/")
    assert response.status == 404
    documents["404.jinja, a procedure"] = response.text()
    problems += check_page(page, "404 page of a procedure")
    for name in ("500.jinja", "403_csrf.jinja"):
        page.set_content(documents[name])  # keeps the base URL: styles load
        problems += check_page(page, name)
    problems += html_errors_many(documents)
    assert not problems, "\n".join(problems)


def test_admin_pages_have_no_critical_accessibility_faults(site, new_page, make_staff):
    """Django's admin is upstream markup: axe "critical" only, no Nu check."""
    root = make_staff("root", superuser=True)
    page = new_page(viewport=DESKTOP, bypass_csp=True)
    page.goto(site + "/quan-tri/login/")
    problems = check_page(page, "admin login", reflow=False, impacts=("critical",))
    admin_login(page, site, root)
    problems += check_page(page, "admin index", reflow=False, impacts=("critical",))
    # Every changelist linked from the index (the apps' models too, once merged),
    # then the commune profile's change form.
    changelists = page.eval_on_selector_all(
        "#content-main th[scope=row] a", "links => links.map(a => a.pathname)"
    )
    assert "/quan-tri/thachha_portal/communeprofile/" in changelists
    for path in changelists:
        page.goto(site + path)
        problems += axe_violations(page, impacts=("critical",), label=f"admin {path}")
    page.goto(site + "/quan-tri/thachha_portal/communeprofile/1/change/")
    problems += check_page(
        page, "admin commune profile form", reflow=False, impacts=("critical",)
    )
    assert not problems, "\n".join(problems)


def test_text_size_and_contrast_controls_remember_the_choice(site, page):
    page.goto(site + "/")
    page.get_by_role("button", name="Tăng cỡ chữ").click()
    page.get_by_role("button", name="Tương phản cao").click()
    page.goto(site + "/gioi-thieu/")
    classes = page.evaluate("document.documentElement.className")
    assert "text-large" in classes and "contrast" in classes
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == (
        "19px"
    )
    pressed = page.get_by_role("button", name="Tương phản cao")
    assert pressed.get_attribute("aria-pressed") == "true"


@pytest.mark.parametrize("width", [320, 360])
def test_every_page_type_fits_a_cheap_phone_with_enlarged_text(site, new_page, width):
    """320 and 360 px, text enlarged with A+ as far as it goes, then with the
    browser's default font set larger: a grid's single phone column grew to its
    widest line (home, news, about); the home page's field cards (14rem columns),
    the procedure's key facts (14rem columns, 8rem labels: the values clipped)
    and the news archive's two columns of months (the links overlapped) made the
    page scroll sideways."""
    call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    representatives, _problems = page_types()
    problems = []
    for how in ("A+", "browser"):
        page = new_page(viewport={"width": width, "height": 740})
        enlarge_text(page, site, how)
        for route, path in representatives.items():
            page.goto(site + path)
            root_size = page.evaluate(
                "parseFloat(getComputedStyle(document.documentElement).fontSize)"
            )
            assert root_size >= 22, (how, path, root_size)
            label = f"{path} [{route or 'home'}] text enlarged ({how})"
            problems += overflow_problems(page, label=label)
    assert not problems, "\n".join(problems)


def test_saved_display_choice_applies_before_the_deferred_script(site, page):
    """The small script in <head> sets the classes before the first paint; the
    buttons come from the deferred script, which is blocked here."""
    page.goto(site + "/")
    page.evaluate(
        "localStorage.setItem('a11y-size', 'text-larger');"
        "localStorage.setItem('a11y-contrast', '1')"
    )
    page.route("**/js/a11y.js", lambda route: route.abort())
    page.goto(site + "/gioi-thieu/")
    classes = page.evaluate("document.documentElement.className")
    assert "text-larger" in classes and "contrast" in classes


def _contrast(page, selector):
    return page.eval_on_selector(
        selector,
        """element => {
            const rgb = (text) => text.match(/[0-9.]+/g).slice(0, 3).map(Number);
            const lum = ([r, g, b]) => [r, g, b].map(v => v / 255).map(v =>
                v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
                .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
            let back = element;
            while (back && getComputedStyle(back).backgroundColor
                   .replace(/\\s/g, '') === 'rgba(0,0,0,0)') {
                back = back.parentElement;
            }
            const fg = lum(rgb(getComputedStyle(element).color));
            const bg = lum(rgb(back ? getComputedStyle(back).backgroundColor
                                    : 'rgb(255,255,255)'));
            return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
        }""",
    )


def test_high_contrast_mode_raises_contrast(site, new_page):
    page = new_page(bypass_csp=True)
    page.goto(site + "/gioi-thieu/")
    selectors = [".lead, main p", ".main-nav a", ".brand-sub", "main a", ".muted"]
    selectors = [s for s in selectors if page.locator(s).count()]
    before = {s: _contrast(page, s) for s in selectors}
    page.get_by_role("button", name="Tương phản cao").click()
    after = {s: _contrast(page, s) for s in selectors}
    for selector in selectors:
        assert after[selector] >= max(before[selector], 7), (selector, before, after)
    assert not axe_violations(page, label="high contrast")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineColor")
    assert outline == "rgb(255, 221, 0)"  # yellow focus ring


def test_every_tab_stop_shows_a_visible_focus_indicator(site, page):
    page.goto(site + "/")
    unseen, seen = [], set()
    for _ in range(40):
        page.keyboard.press("Tab")
        element = page.evaluate(
            """() => {
                const e = document.activeElement, s = getComputedStyle(e);
                const visible = (s.outlineStyle !== 'none'
                                 && parseFloat(s.outlineWidth) >= 2)
                    || (s.boxShadow && s.boxShadow !== 'none');
                return {id: e.outerHTML.slice(0, 90), visible};
            }"""
        )
        if element["id"] in seen:
            break
        seen.add(element["id"])
        if not element["visible"]:
            unseen.append(element["id"])
    assert len(seen) > 10
    assert not unseen, unseen


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(site, page):
    page.goto(site + "/")
    page.keyboard.press("Tab")
    assert (
        page.evaluate("document.activeElement.textContent")
        == "Chuyển đến nội dung chính"
    )
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    assert page.evaluate("document.activeElement.id") == "main"


def test_controls_are_absent_without_javascript_and_pages_still_work(site, new_page):
    page = new_page(javascript=False)
    page.goto(site + "/")
    assert page.locator("#a11y-tools").is_hidden()
    page.fill("#site-q", "khai sinh")
    page.press("#site-q", "Enter")
    page.wait_for_url("**/tim-kiem/?q=khai+sinh")


def test_table_include_scrolls_inside_a_labelled_region_on_a_small_phone(
    site, new_page
):
    from .conftest import NARROW, overflow_problems

    table = render_to_string(
        "includes/table.jinja",
        {
            "id": "legal",
            "caption": "Căn cứ pháp lý",
            "headers": ["Số ký hiệu", "Trích yếu", "Ngày ban hành", "Cơ quan"],
            "rows": [["123/2015/NĐ-CP", "Nghị định " + "rất dài " * 30, "x", "y"]] * 3,
            "row_headers": True,
        },
    )
    page = new_page(viewport=NARROW, bypass_csp=True)
    page.goto(site + "/kha-nang-tiep-can/")
    page.eval_on_selector("main .prose", "(e, html) => e.innerHTML = html", table)
    page.eval_on_selector("main .table-wrap table", "t => t.style.minWidth = '40rem'")
    assert page.evaluate(
        "(w => w.scrollWidth > w.clientWidth)(document.querySelector('.table-wrap'))"
    )
    assert not overflow_problems(page)
    assert page.get_by_role("region", name="Căn cứ pháp lý").get_attribute(
        "tabindex"
    ) == ("0")
    assert not axe_violations(page)


def test_print_hides_navigation_and_forms_and_shows_link_targets_on_a4(site, page):
    page.goto(site + "/kha-nang-tiep-can/")
    page.emulate_media(media="print")
    for selector in (".main-nav", ".site-footer", ".header-search", ".topbar"):
        assert page.locator(selector).is_hidden(), selector
    assert page.locator(".brand-name").is_visible()  # the unit's name stays on top
    external = page.locator("article a[href^='http']").first
    after = external.evaluate("a => getComputedStyle(a, '::after').content")
    assert external.get_attribute("href") in after
    pdf = page.pdf(prefer_css_page_size=True)
    media_box = re.search(rb"/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]", pdf)
    width, height = (float(value) for value in media_box.groups())
    assert abs(width - 595) < 2 and abs(height - 842) < 2  # A4 in points


# Text written in Vietnamese: a letter English does not use (the tone marks, ă, â,
# đ, ê, ô, ơ, ư), in a text node or an image's alt text or an aria-label.
UNMARKED_VIETNAMESE = r"""() => {
    const vietnamese = new RegExp('[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộ'
                                  + 'ơờớởỡợùúủũụưừứửữựỳýỷỹỵ]', 'i');
    const name = (element) => element.tagName.toLowerCase();
    const marked = (element) => {
        const owner = element.closest('[lang]');
        return owner !== null && owner.lang.split('-')[0] === 'vi';
    };
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node.parentElement;
        if (['SCRIPT', 'STYLE'].includes(element.tagName)) continue;
        if (vietnamese.test(node.data) && !marked(element))
            found.push(`<${name(element)}> “${node.data.trim().slice(0, 60)}”`);
    }
    for (const element of document.querySelectorAll('body [alt], body [aria-label]')) {
        for (const attribute of ['alt', 'aria-label']) {
            const value = element.getAttribute(attribute);
            if (value && vietnamese.test(value) && !marked(element))
                found.push(`<${name(element)} ${attribute}> “${value.slice(0, 60)}”`);
        }
    }
    return found;
}"""


def test_english_pages_mark_vietnamese_content_as_vietnamese(site, new_page):
    """WCAG 3.1.2 (language of parts): in the English interface the content
    (procedures, news, the plan and its targets, the commune's names and
    addresses) stays Vietnamese, and a screen reader reads it with a Vietnamese
    voice only if it is marked lang="vi": an English voice read all of it. The
    marks keep the pages valid (the Nu Html Checker)."""
    call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    representatives, _problems = page_types()
    page = new_page(viewport=PHONE, javascript=False)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": site}])
    labelled = {
        f"en {path} [{route or 'home'}]": path
        for route, path in [*representatives.items(), ("404", "/khong-co-trang-nay/")]
    }
    problems = unmarked_in_english(page, site, labelled)
    assert not problems, "\n".join(problems)


def unmarked_in_english(page, site, labelled):
    """The Vietnamese texts left unmarked on the pages ``labelled`` (label →
    path) opened in ``page`` (in the English interface), and the pages' Nu
    Html Checker errors."""
    problems, documents = [], {}
    for label, path in labelled.items():
        response = page.goto(site + path)
        assert page.evaluate("document.documentElement.lang") == "en", path
        documents[label] = response.text()
        problems += [
            f"{label}: {text} is not marked lang=vi"
            for text in page.evaluate(UNMARKED_VIETNAMESE)
        ]
    return problems + html_errors_many(documents)


def test_english_pages_pass_axe_and_nu(site, new_page):
    page = new_page(viewport=PHONE, bypass_csp=True)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": site}])
    documents, problems = {}, []
    for path in ("/", "/gioi-thieu/", "/kha-nang-tiep-can/"):
        response = page.goto(site + path)
        assert page.evaluate("document.documentElement.lang") == "en"
        documents[f"en {path}"] = response.text()
        problems += check_page(page, f"en {path}")
    problems += html_errors_many(documents)
    assert not problems, "\n".join(problems)


def official_pages(client):
    """What an official with the reports role sees under /ke-hoach/: each
    plan's dashboard, the reports page empty, with an error, and with a
    preview of a month, a quarter, the first half and the year of each demo
    plan (the drafts' button, the saved reports), and the drill-downs the
    previews link to, one for each metric and kind of period (their records
    are the metric's)."""
    from plans.models import Indicator, Plan

    report = reverse("plans:report")
    metric_of = dict(Indicator.objects.values_list("pk", "metric"))
    paths = [report, f"{report}?plan=0&period=q1&year=1999"]
    for plan in Plan.objects.published().order_by("starts_on"):
        year = plan.starts_on.year
        paths.append(f"{reverse('plans:dashboard')}?ke-hoach={plan.pk}")
        paths += [
            f"{report}?plan={plan.pk}&period={period}&year={year}"
            for period in ("m1", "q1", "half", "year")
        ]
    drilled = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        if not path.startswith(report):
            continue
        for href in _links(response.content.decode()):
            parts = urlsplit(urljoin(path, href))
            if parts.scheme not in ("", "http") or _route(parts.path) is None:
                continue
            target = parts.path
            match = resolve(target)
            if match.view_name == "plans:drilldown":
                key = match.kwargs["key"]
                kind = key if key == "all" else key.rstrip("0123456789-")
                drilled.setdefault(
                    (metric_of[match.kwargs["indicator_pk"]], kind), target
                )
    return paths + sorted(drilled.values())


def test_english_official_pages_mark_vietnamese_content_as_vietnamese(site, new_page):
    """The pages behind the login under /ke-hoach/, in the English interface,
    as the leader who makes the period reports sees them (the demo's
    “lanhdao”, role “reports”): the plan's names, targets, periods and the
    saved reports are Vietnamese content, marked lang="vi" (WCAG 3.1.2)."""
    call_command(
        "load_demo",
        demo_logins=True,
        verbosity=0,
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )
    client = Client()
    client.force_login(get_user_model().objects.get(username="lanhdao"))
    client.cookies["django_language"] = "en"
    paths = official_pages(client)
    page = new_page(viewport=PHONE, javascript=False)
    page.context.add_cookies(
        [
            {"name": "django_language", "value": "en", "url": site},
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": site,
            },
        ]
    )
    labelled = {f"en, official {path}": path for path in paths}
    problems = unmarked_in_english(page, site, labelled)
    assert not problems, "\n".join(problems)
