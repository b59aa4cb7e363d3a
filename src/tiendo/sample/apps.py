from django.apps import AppConfig


class SampleConfig(AppConfig):
    name = "tiendo.sample"
    label = "sample"
    verbose_name = "Dữ liệu minh họa"
