from django.urls import path

from tiendo.imports import views

app_name = "imports"
urlpatterns = [
    path("nhap-ke-hoach/", views.import_plan, name="plan"),
    path("nhap-ke-hoach/mau.xlsx", views.template, name="template"),
]
