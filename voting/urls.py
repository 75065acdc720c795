from django.urls import path

from voting import secret_views, views

app_name = "voting"

urlpatterns = [
    path("vergadering/<int:meeting_pk>/", views.vote, name="vote"),
    path("vergadering/<int:meeting_pk>/status/", views.status, name="status"),
    path("vergadering/<int:meeting_pk>/voorzitter/", views.chair, name="chair"),
    path("vergadering/<int:meeting_pk>/notulenbijlage/", views.minutes_annex, name="minutes-annex"),
    path("stemming/<int:poll_pk>/", views.poll_detail, name="poll-detail"),
    path("stemming/<int:poll_pk>/stem/", views.ballot, name="ballot"),
    path("stemming/<int:poll_pk>/live/", views.live, name="live"),
    path("stemming/<int:poll_pk>/uitslag.csv", views.poll_csv, name="poll-csv"),
    path("stemming/<int:poll_pk>/uitslag.pdf", views.poll_pdf, name="poll-pdf"),
    path("stemming/<int:poll_pk>/teller/", secret_views.poll_teller, name="poll-teller"),
    path("stemming/<int:poll_pk>/tracker/", secret_views.tracker_check, name="tracker-check"),
    path(
        "stemming/<int:poll_pk>/versleuteld.json",
        secret_views.poll_published,
        name="poll-published",
    ),
    path("tellersleutel/", secret_views.teller_key, name="teller-key"),
    path("stemming/<int:poll_pk>/<str:action>/", views.poll_transition, name="poll-transition"),
    path("schriftelijk/", views.resolution_list, name="resolution-list"),
    path("schriftelijk/<int:pk>/", views.resolution_detail, name="resolution-detail"),
]
