from django.urls import reverse

from thachha_portal.sitemaps import PublicSitemap, RecordSitemap

from .models import Bulletin, Category


class BulletinSitemap(RecordSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return (
            Bulletin.objects.published()
            .only("slug", "updated_at")
            .order_by("-published_at", "-pk")
        )


class BulletinIndexSitemap(PublicSitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return ["list", *Category.objects.values_list("slug", flat=True)]

    def location(self, item):
        if item == "list":
            return reverse("bulletins:list")
        return reverse("bulletins:category", kwargs={"slug": item})


SITEMAPS = {"bulletins": BulletinSitemap, "bulletin-lists": BulletinIndexSitemap}
