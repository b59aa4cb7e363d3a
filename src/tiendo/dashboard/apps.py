from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "tiendo.dashboard"
    label = "dashboard"
    verbose_name = "Bảng điều hành"
