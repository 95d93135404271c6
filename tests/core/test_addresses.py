"""Many addresses with one ``reverse``: the same addresses as ``reverse``."""

from django.urls import reverse

from thachha_portal.addresses import address_maker


def test_each_address_is_the_one_reverse_gives():
    activity = address_maker("plans:activity", "pk", 1)
    procedure = address_maker("procedures:detail", "code", "1.000001")
    period = address_maker("plans:drilldown", "key", "all", pk=3, indicator_pk=12)
    for pk in (1, 7, 1001):
        assert activity(pk) == reverse("plans:activity", kwargs={"pk": pk})
    for code in ("1.001193", "2.000986"):
        assert procedure(code) == reverse("procedures:detail", kwargs={"code": code})
    for key in ("all", "m2026-03", "q2026-2"):
        assert period(key) == reverse(
            "plans:drilldown", kwargs={"pk": 3, "indicator_pk": 12, "key": key}
        )
