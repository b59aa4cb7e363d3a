from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.routers import DefaultRouter

from tiendo.api import views

router = DefaultRouter()
router.register("agencies", views.AgencyViewSet, basename="agency")
router.register("plans", views.PlanViewSet, basename="plan")
router.register("items", views.ItemViewSet, basename="item")
router.register("updates", views.UpdateViewSet, basename="update")
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("indicator-values", views.IndicatorValueViewSet, basename="indicator-value")

app_name = "api"
urlpatterns = [
    # The schema describes the province's data model: for people and systems with an account
    # (a session or a token), like the API itself, not for anonymous visitors.
    path(
        "schema/",
        SpectacularAPIView.as_view(permission_classes=[IsAuthenticated]),
        name="schema",
    ),
    path("status/", views.StatusView.as_view(), name="status"),
    path("", include(router.urls)),
]
