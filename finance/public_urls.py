"""The public pages of the adopted annual accounts (included at /openbaar/jaarrekening/)."""

from django.urls import path

from finance import views

app_name = "finance-public"

urlpatterns = [
    path("", views.public_index, name="index"),
    path("<int:year>/", views.public_accounts, name="accounts"),
]
