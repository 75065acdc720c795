"""URLs of the municipal app: per assembly the pack and the overview; per member its dossier."""

from django.urls import path

from municipal import views

app_name = "municipal"

urlpatterns = [
    path("vergadering/<int:meeting_pk>/paneel/", views.meeting_panel, name="meeting-panel"),
    path("vergadering/<int:meeting_pk>/stukken/", views.pack, name="pack"),
    path("vergadering/<int:meeting_pk>/besluiten/", views.overview, name="overview"),
    path("vergadering/<int:meeting_pk>/<slug:slug>/", views.dossier, name="dossier"),
    path("vergadering/<int:meeting_pk>/<slug:slug>/besluit/", views.decision, name="decision"),
    path("vergadering/<int:meeting_pk>/<slug:slug>/nota.docx", views.note_docx, name="note-docx"),
    path("vergadering/<int:meeting_pk>/<slug:slug>/nota.pdf", views.note_pdf, name="note-pdf"),
    path("vergadering/<int:meeting_pk>/<slug:slug>/upload/", views.upload, name="upload"),
    path(
        "vergadering/<int:meeting_pk>/<slug:slug>/publicatie.zip",
        views.publication,
        name="publication",
    ),
]
