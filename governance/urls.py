from django.urls import path

from governance import views

app_name = "governance"

urlpatterns = [
    path("", views.board, name="board"),
    path("rooster/", views.roster, name="roster"),
    path("rooster/pdf/", views.roster_pdf, name="roster-pdf"),
    path("commissarissen/<slug:slug>/", views.commissioner_detail, name="commissioner"),
    path("aanwezigheid/<int:year>/", views.attendance, name="attendance"),
    path("wnt/<int:year>/", views.wnt, name="wnt"),
    path("evaluatie/<int:year>/", views.evaluation_result, name="evaluation"),
    path("evaluatie/<int:year>/invullen/", views.evaluation_answer, name="evaluation-answer"),
]
