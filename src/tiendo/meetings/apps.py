from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "tiendo.meetings"
    label = "meetings"
    verbose_name = "Số liệu chốt cho cuộc họp"
