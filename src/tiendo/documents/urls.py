from django.urls import path

from tiendo.documents import export_views, views

app_name = "documents"
urlpatterns = [
    path("bao-cao-tong-hop/", views.report_page, name="report"),
    path(
        "xuat/ke-hoach/<int:plan_id>/nhiem-vu.<str:fmt>",
        export_views.export_items,
        name="export_items",
    ),
    path(
        "xuat/ke-hoach/<int:plan_id>/bao-cao.<str:fmt>",
        export_views.export_updates,
        name="export_updates",
    ),
    path("xuat/co-quan.<str:fmt>", export_views.export_agencies, name="export_agencies"),
    path("xuat/chi-tieu.<str:fmt>", export_views.export_indicator_values, name="export_indicators"),
]
