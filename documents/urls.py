from django.urls import path

from documents import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("<uuid:public_id>/", views.document_detail, name="detail"),
    path("<uuid:public_id>/pdf/", views.document_download, name="download"),
    path("<uuid:public_id>/opnieuw/", views.document_retry, name="retry"),
]
