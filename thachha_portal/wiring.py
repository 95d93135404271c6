"""The project's apps and what each one adds to the project-wide pages, named once.

The home page, the site map page, /sitemap.xml, the site-wide search, the staff
roles and the page cache are owned by the project package but filled by the apps.
Each app's pieces are imported here by name, so a missing or broken piece is an
ImportError at start-up (and a failing test), never a silently missing block.

Adding an app: add it to ``INSTALLED_APPS`` and ``urls.py``, give it the pieces
below and a row in ``APPS``. The order of ``APPS`` is the order of the blocks on
the home page, of the site map and of the search results (but a section the
query names, by its ``search_names``, comes first).
"""

from collections.abc import Callable
from dataclasses import dataclass

import bulletins.roles
import bulletins.search
import bulletins.selectors
import bulletins.sitemaps
import plans.roles
import plans.search
import plans.selectors
import plans.sitemaps
import procedures.roles
import procedures.search
import procedures.selectors
import procedures.sitemaps
from bulletins.models import Bulletin

from . import media, pagecache, search
from .sitemaps import StaticSitemap


@dataclass(frozen=True)
class PortalApp:
    label: str
    # request -> context for the app's block on the home page,
    # templates/<label>/_home.jinja
    home_context: Callable
    # request -> context for the app's entry on the site map page,
    # templates/<label>/_sitemap.jinja
    sitemap_context: Callable
    # key -> Sitemap class, merged into /sitemap.xml
    sitemaps: dict
    # (query, limit) -> search.Section or None
    search: Callable
    # search.SearchIndex declarations of the app's searched models
    search_indexes: tuple
    # role key (thachha_portal.roles.ROLE_NAMES) -> permission strings
    roles: dict
    # media.PublicFiles: the uploads anyone may fetch (others: staff only)
    public_files: tuple = ()
    # () -> next moment public content changes without a save, or None
    next_public_change: Callable | None = None
    # what people type to ask for the app's section of the site search ("tin
    # tức"): a query that says it puts the section first
    search_names: tuple = ()
    # what asks for it only when said alone ("thông báo": the start of a
    # procedure's name too); the catalogue then lists no procedure
    search_alone: tuple = ()

    @property
    def home_template(self):
        return f"{self.label}/_home.jinja"

    @property
    def sitemap_template(self):
        return f"{self.label}/_sitemap.jinja"


APPS = (
    PortalApp(
        label="procedures",
        home_context=procedures.selectors.home_context,
        sitemap_context=procedures.selectors.sitemap_context,
        sitemaps=procedures.sitemaps.SITEMAPS,
        search=procedures.search.search_section,
        search_indexes=(procedures.search.INDEX,),
        roles=procedures.roles.ROLES,
        public_files=procedures.selectors.PUBLIC_FILES,
    ),
    PortalApp(
        label="bulletins",
        home_context=bulletins.selectors.home_context,
        sitemap_context=bulletins.selectors.sitemap_context,
        sitemaps=bulletins.sitemaps.SITEMAPS,
        search=bulletins.search.provider,
        search_indexes=(bulletins.search.INDEX,),
        roles=bulletins.roles.ROLES,
        public_files=bulletins.selectors.PUBLIC_FILES,
        # No cached page outlives the moment the next scheduled item appears.
        next_public_change=Bulletin.objects.next_scheduled_time,
        search_names=bulletins.search.NAMES,
        search_alone=bulletins.search.ALONE,
    ),
    PortalApp(
        label="plans",
        home_context=plans.selectors.home_context,
        sitemap_context=plans.selectors.sitemap_context,
        sitemaps=plans.sitemaps.SITEMAPS,
        search=plans.search.provider,
        search_indexes=(plans.search.PLAN_INDEX, plans.search.ACTIVITY_INDEX),
        roles=plans.roles.ROLES,
        public_files=plans.selectors.PUBLIC_FILES,
    ),
)

# Apps whose saves change public pages (the project package's own commune profile
# included).
PUBLIC_APP_LABELS = ("thachha_portal", *(app.label for app in APPS))


def sitemaps():
    """Every sitemap of /sitemap.xml, by section key."""
    merged = {}
    for app in APPS:
        merged.update(app.sitemaps)
    merged["pages"] = StaticSitemap
    return merged


def connect():
    """Register the apps' search indexes and providers, their public uploads, the
    search vocabulary's change hooks, and the page-cache hooks (at start-up)."""
    for app in APPS:
        for declaration in app.public_files:
            media.register(declaration)
        for index in app.search_indexes:
            search.register_index(index)
        search.register(
            app.search, key=app.label, names=app.search_names, alone=app.search_alone
        )
        if app.next_public_change:
            pagecache.register_next_change(app.next_public_change, app=app.label)
    pagecache.connect_invalidation(PUBLIC_APP_LABELS)
    search.vocabulary.connect()
