from django.urls import path, register_converter

from . import views
from .models import CODE_PATTERN


class CodeConverter:
    """A procedure code is text with dots (1.001193, 1.001612.000.00.00.H01)."""

    regex = CODE_PATTERN

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(CodeConverter, "code")

app_name = "procedures"

urlpatterns = [
    path("", views.procedure_list, name="list"),
    path("du-lieu-mo/", views.open_data, name="open-data"),
    path("du-lieu-mo/thu-tuc.csv", views.open_data_csv, name="open-data-csv"),
    path("du-lieu-mo/thu-tuc.json", views.open_data_json, name="open-data-json"),
    path("linh-vuc/<slug:slug>/in/", views.field_print, name="field-print"),
    path(
        "linh-vuc/<slug:slug>/in/day-du/",
        views.field_print_full,
        name="field-print-full",
    ),
    path("<code:code>/", views.procedure_detail, name="detail"),
    path("<code:code>/in/", views.procedure_print, name="print"),
]
