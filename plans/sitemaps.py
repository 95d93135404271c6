from django.urls import reverse

from thachha_portal.sitemaps import PublicSitemap

from .models import Plan


class PlanSitemap(PublicSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Plan.objects.published().order_by("-starts_on", "pk")

    def lastmod(self, plan):
        return plan.updated_at


class DashboardSitemap(PublicSitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return ["plans:dashboard"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {"plans": PlanSitemap, "plans-dashboard": DashboardSitemap}
