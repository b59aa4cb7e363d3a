from django.urls import path

from tiendo.dashboard import ioc_views, todo_views, views

app_name = "dashboard"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("viec-can-lam/", todo_views.todo, name="todo"),
    path("ke-hoach/<int:plan_id>/", views.plan_items, name="plan_items"),
    path("ioc/", ioc_views.ioc_wall, name="ioc_wall"),
    path("ioc/tong-quan/", ioc_views.ioc_overview, name="ioc_overview"),
    path("ioc/don-vi/", ioc_views.ioc_agencies, name="ioc_agencies"),
    path("ioc/tinh-thanh/", ioc_views.ioc_provinces, name="ioc_provinces"),
    path("ioc/don-vi/<str:code>/", ioc_views.ioc_agency, name="ioc_agency"),
    path("ioc/vuong-mac/", ioc_views.ioc_obstacles, name="ioc_obstacles"),
    path("ioc/chi-tieu/", ioc_views.ioc_indicators, name="ioc_indicators"),
    path("ioc/chi-tieu/<str:code>/", ioc_views.ioc_indicator, name="ioc_indicator"),
    path("ioc/chot/", ioc_views.ioc_freeze, name="ioc_freeze"),
    path("ioc/chot/<int:pk>/", ioc_views.ioc_frozen, name="ioc_frozen"),
]
