"""The home page: public for visitors, a page of what needs attention for people who log in."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.selectors import home_panels
from members.selectors import member_register


def home(request: HttpRequest) -> HttpResponse:
    context = {"member_count": member_register(on=timezone.localdate()).count()}
    if request.user.is_authenticated:
        context["panels"] = home_panels(request.user)
    return render(request, "home.html", context)
