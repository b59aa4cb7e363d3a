from django.urls import path

from tiendo.documents import views

app_name = "documents"
urlpatterns = [path("bao-cao-tong-hop/", views.report_page, name="report")]
