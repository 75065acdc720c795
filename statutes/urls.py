from django.urls import path

from statutes import views

app_name = "statutes"

urlpatterns = [
    path("", views.statute_settings, name="settings"),
]
