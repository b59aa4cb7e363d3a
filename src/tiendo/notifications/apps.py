from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "tiendo.notifications"
    label = "notifications"
    verbose_name = "Nhắc việc, thông báo"
