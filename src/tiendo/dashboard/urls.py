from django.urls import path

from tiendo.dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("ke-hoach/<int:plan_id>/", views.plan_items, name="plan_items"),
]
