from django.urls import path

from proxies import views

app_name = "proxies"

urlpatterns = [
    path("<int:pk>/", views.proxy_detail, name="proxy-detail"),
    path("<int:pk>/wijzigen/", views.proxy_edit, name="proxy-edit"),
    path("<int:pk>/intrekken/", views.proxy_revoke, name="proxy-revoke"),
    path("<int:pk>/getekend.pdf", views.proxy_scan, name="proxy-scan"),
    path("vergadering/<int:meeting_pk>/", views.overview, name="overview"),
    path("vergadering/<int:meeting_pk>/volmachten.csv", views.overview_csv, name="overview-csv"),
    path("vergadering/<int:meeting_pk>/paneel/", views.meeting_panel, name="meeting-panel"),
    path("vergadering/<int:meeting_pk>/<slug:slug>/nieuw/", views.proxy_file, name="proxy-file"),
    path(
        "vergadering/<int:meeting_pk>/<slug:slug>/aanwezig/",
        views.register_attendance,
        name="register",
    ),
]
