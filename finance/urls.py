from django.urls import path

from finance import views

app_name = "finance"

urlpatterns = [
    path("", views.finance_index, name="index"),
    path("jaarrekening/importeren/", views.accounts_import, name="accounts-import"),
    path("jaarrekening/<int:year>/", views.accounts_detail, name="accounts-detail"),
    path("jaarrekening/<int:year>/controle/", views.accounts_report, name="accounts-report"),
    path("jaarrekening/<int:year>/kengetallen/", views.accounts_ratios, name="accounts-ratios"),
    path("jaarrekening/<int:year>/export.yaml", views.accounts_export, name="accounts-export"),
    path("jaarrekening/<int:year>/pdf/", views.accounts_pdf, name="accounts-pdf"),
    path("jaarrekening/<int:year>/regel/<slug:code>/", views.line_edit, name="line-edit"),
    path("jaarrekening/<int:year>/accountant/", views.auditor_edit, name="auditor-edit"),
    path("jaarrekening/<int:year>/verlenging/", views.extension_edit, name="extension-edit"),
    path(
        "jaarrekening/<int:year>/ondertekening/<int:pk>/",
        views.signature_edit,
        name="signature-edit",
    ),
    path("jaarrekening/<int:year>/correctie/", views.accounts_new_version, name="new-version"),
    path("jaarrekening/<int:year>/voorstel/", views.proposal_create, name="proposal-create"),
    path(
        "jaarrekening/<int:year>/voorstel/<int:pk>/stemming/",
        views.proposal_poll,
        name="proposal-poll",
    ),
    path("begroting/<int:year>/", views.budget_detail, name="budget-detail"),
    path("tarieven/<int:year>/", views.tariffs, name="tariffs"),
    path("tarieven/<int:year>/bijdragen.csv", views.tariffs_csv, name="tariffs-csv"),
    path("tarieven/<int:year>/<slug:slug>/", views.tariff_member, name="tariff-member"),
]
