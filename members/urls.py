from django.urls import path

from members import views

app_name = "members"

urlpatterns = [
    path("", views.member_list, name="member-list"),
    path("wijzigingen/", views.proposal_list, name="proposal-list"),
    path("wijzigingen/<int:pk>/", views.proposal_detail, name="proposal-detail"),
    path("wijzigingen/<int:pk>/besluit/", views.proposal_decide, name="proposal-decide"),
    path("<slug:slug>/", views.member_detail, name="member-detail"),
    path("<slug:slug>/wijziging/", views.proposal_create, name="proposal-create"),
    path("<slug:slug>/uittreden/", views.member_leave, name="member-leave"),
]
