from django.urls import path

from tiendo.notifications import views

app_name = "notifications"
urlpatterns = [
    path("thong-bao/", views.inbox, name="inbox"),
    path("thong-bao/da-doc/", views.mark_read, name="mark_read"),
    path("thong-bao/cach-nhan/", views.preference, name="preference"),
    path("thong-bao/gui-lai/", views.resend, name="resend"),
    path("thong-bao/don-vi-chua-co-nguoi-nhan/", views.unreached, name="unreached"),
]
