from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "tiendo.imports"
    label = "imports"
    verbose_name = "Nhập dữ liệu"
