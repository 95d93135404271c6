from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Plan


class PlanSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Plan.objects.published().order_by("-starts_on", "pk")

    def lastmod(self, plan):
        return plan.updated_at


class DashboardSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return ["plans:dashboard"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {"plans": PlanSitemap, "plans-dashboard": DashboardSitemap}
