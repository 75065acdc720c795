from django.urls import path, re_path

from meetings import opendata

app_name = "opendata"

urlpatterns = [
    path("", opendata.index, name="index"),
    re_path(
        r"^(?P<name>decisions|agenda-items|documents)\.(?P<extension>json|csv)$",
        opendata.dataset,
        name="dataset",
    ),
]
