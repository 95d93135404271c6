from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("van-ban/<int:pk>/", views.plan_detail, name="plan"),
    path(
        "van-ban/<int:pk>/chi-tieu/<int:indicator_pk>/<slug:key>/",
        views.drilldown,
        name="drilldown",
    ),
    path("hoat-dong/<int:pk>/", views.activity_detail, name="activity"),
    path("bao-cao/", views.report, name="report"),
    path("bao-cao/<int:pk>/<slug:output>/", views.report_file, name="report_file"),
]
