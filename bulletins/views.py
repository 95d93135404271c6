from django.shortcuts import render


def list(request):
    return render(request, "bulletins/placeholder.html")
