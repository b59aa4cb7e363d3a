from django.urls import path

from tiendo.progress import views

app_name = "progress"
urlpatterns = [
    path("nhiem-vu/<int:item_id>/bao-cao/moi/", views.update_create, name="update_create"),
    path("bao-cao/<int:pk>/", views.update_detail, name="update_detail"),
    path("bao-cao/<int:pk>/sua/", views.update_edit, name="update_edit"),
    path("bao-cao/<int:pk>/gui/", views.update_send_view, name="update_send"),
    path("bao-cao/<int:pk>/xem-xet/", views.update_review_view, name="update_review"),
    path("bao-cao/<int:pk>/bo-sung/", views.update_revise_view, name="update_revise"),
    path("bao-cao/<int:pk>/minh-chung/", views.evidence_upload, name="evidence_upload"),
    path("minh-chung/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("tiep-nhan/", views.review_list, name="review_queue"),
    path("ke-hoach/<int:plan_id>/ky-bao-cao/", views.period_list, name="period_list"),
    path("ky-bao-cao/<int:pk>/dong-mo/", views.period_toggle, name="period_toggle"),
    path("ky-bao-cao/<int:pk>/tuan-thu/", views.compliance, name="compliance"),
]
