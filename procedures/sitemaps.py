from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Procedure


class ProcedureSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Procedure.objects.published().order_by("code")

    def lastmod(self, procedure):
        return procedure.updated_at


class ProcedurePagesSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return ["procedures:list", "procedures:open-data"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {"procedures": ProcedureSitemap, "procedure-pages": ProcedurePagesSitemap}
