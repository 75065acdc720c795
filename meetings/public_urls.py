from django.urls import path

from meetings import public

app_name = "public"

urlpatterns = [
    path("", public.public_index, name="index"),
    path("vergaderingen/<int:pk>/", public.public_meeting, name="meeting"),
    path("besluiten.atom", public.DecisionFeed(), name="feed"),
]
