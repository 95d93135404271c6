"""The portal's addresses under another path (tests/core/test_addresses.py)."""

from django.urls import include, path

urlpatterns = [path("moi/", include("thachha_portal.urls"))]
