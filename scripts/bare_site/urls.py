import datetime

from django.shortcuts import render
from django.urls import path

ITEMS = [
    {
        "number": n,
        "title": f"Thông báo số {n} về cải cách hành chính",
        "summary": "Tóm tắt nội dung thông báo, đủ dài để trang nặng khoảng 10 KB "
        "như một trang danh sách thật.",
        "day": datetime.date(2026, 1, 1) + datetime.timedelta(days=n),
    }
    for n in range(1, 31)
]


def page(request):
    return render(request, "page.html", {"items": ITEMS, "title": "Trang mẫu"})


urlpatterns = [path("", page)]
