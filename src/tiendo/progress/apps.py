from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "tiendo.progress"
    label = "progress"
    verbose_name = "Tiến độ thực hiện"
