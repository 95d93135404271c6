from django.urls import reverse

from thachha_portal.sitemaps import PublicSitemap, RecordSitemap

from .models import Procedure


class ProcedureSitemap(RecordSitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Procedure.objects.published().only("code", "updated_at").order_by("code")


class ProcedurePagesSitemap(PublicSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return ["procedures:list", "procedures:open-data"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {"procedures": ProcedureSitemap, "procedure-pages": ProcedurePagesSitemap}
