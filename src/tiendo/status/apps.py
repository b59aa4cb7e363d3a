from django.apps import AppConfig


class StatusConfig(AppConfig):
    name = "tiendo.status"
    label = "status"
    verbose_name = "Tình trạng"
