from django.urls import path

from meetings import annex_views, views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="meeting-list"),
    path("nieuw/", views.meeting_create, name="meeting-create"),
    path("<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("<int:pk>/bewerken/", views.meeting_edit, name="meeting-edit"),
    path("<int:pk>/uitnodiging.ics", views.meeting_ics_download, name="meeting-ics"),
    path("<int:pk>/status/<str:action>/", views.meeting_transition, name="meeting-transition"),
    path("<int:pk>/pdf/<str:kind>/", views.meeting_document, name="meeting-document"),
    path("<int:pk>/agendapunten/nieuw/", views.item_form, name="item-add"),
    path("<int:pk>/agendapunten/<int:item_pk>/", views.item_form, name="item-edit"),
    path("<int:pk>/agendapunten/<int:item_pk>/verplaatsen/", views.item_move, name="item-move"),
    path("<int:pk>/agendapunten/<int:item_pk>/verwijderen/", views.item_delete, name="item-delete"),
    path("<int:pk>/agendapunten/<int:item_pk>/bijlagen/nieuw/", views.annex_add, name="annex-add"),
    path("<int:pk>/bijlagen/<int:annex_pk>/", views.annex_download, name="annex-download"),
    path("<int:pk>/bijlagen/<int:annex_pk>/uploaden/", views.annex_upload, name="annex-upload"),
    path(
        "<int:pk>/bijlagen/<int:annex_pk>/corrigeren/",
        annex_views.annex_correct,
        name="annex-correct",
    ),
    path(
        "<int:pk>/bijlagen/versies/<int:change_pk>/",
        annex_views.annex_version_download,
        name="annex-version",
    ),
    path("<int:pk>/notulen/", views.minutes, name="minutes"),
    path("<int:pk>/notulen/vorige-vaststellen/", views.minutes_adopt, name="minutes-adopt"),
    path(
        "<int:pk>/notulen/<int:entry_pk>/corrigeren/", views.minutes_correct, name="minutes-correct"
    ),
    path("<int:pk>/acties/", views.actions, name="actions"),
    path("<int:pk>/acties/<int:action_pk>/afsluiten/", views.action_close, name="action-close"),
    path("<int:pk>/besluiten/", views.decisions, name="decisions"),
    path("<int:pk>/aanwezigheid/", views.attendance, name="attendance"),
    path("<int:pk>/aanwezigheid/<int:row_pk>/", views.attendance_row, name="attendance-row"),
    path("<int:pk>/geschiedenis/", views.history, name="history"),
]
