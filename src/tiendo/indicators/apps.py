from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "tiendo.indicators"
    label = "indicators"
    verbose_name = "Chỉ tiêu"
