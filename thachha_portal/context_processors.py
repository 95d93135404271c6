from django.conf import settings

from .models import CommuneProfile


def portal(request):
    match = getattr(request, "resolver_match", None)
    return {
        "commune": CommuneProfile.current(),
        "current_section": (match.namespace or match.url_name) if match else "",
        "current_view": match.view_name if match else "",
        "site_url": settings.SITE_URL,
    }
