"""URL map: the dashboard at the root, accounts, and the Vietnamese Django admin."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Tiến Độ – Quản trị dữ liệu Đề án 06"
admin.site.site_title = "Tiến Độ"
admin.site.index_title = "Quản trị dữ liệu"

urlpatterns = [
    path("", include("tiendo.dashboard.urls")),
    path("", include("tiendo.plans.urls")),
    path("", include("tiendo.progress.urls")),
    path("", include("tiendo.documents.urls")),
    path("", include("tiendo.notifications.urls")),
    path("", include("tiendo.imports.urls")),
    path("tai-khoan/", include("tiendo.accounts.urls")),
    path("quan-tri/", admin.site.urls),
    path("api/v1/", include("tiendo.api.urls")),
]

handler404 = "tiendo.api.errors.not_found"
