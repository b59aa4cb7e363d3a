from django.urls import path

from tiendo.plans import views

app_name = "plans"
urlpatterns = [
    path("viec-cua-toi/", views.my_items_view, name="my_items"),
    path("nhiem-vu/<int:pk>/", views.item_detail, name="item_detail"),
    path("nhiem-vu/<int:pk>/gia-han/", views.extension_request, name="extension_request"),
    path("nhiem-vu/<int:pk>/chi-tieu/", views.target_change, name="target_change"),
    path("gia-han/", views.extension_list, name="extension_list"),
    path("gia-han/<int:pk>/quyet-dinh/", views.extension_decide, name="extension_decide"),
]
