from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import views

app_name = "api"

router = DefaultRouter()
router.APIRootView = views.Root
router.register("bodies", views.BodyViewSet, basename="body")
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("posts", views.PostViewSet, basename="post")
router.register("memberships", views.MembershipViewSet, basename="membership")
router.register("people", views.PersonViewSet, basename="person")
router.register("events", views.EventViewSet, basename="event")
router.register("agenda-items", views.AgendaItemViewSet, basename="agenda-item")
router.register("documents", views.DocumentViewSet, basename="document")
router.register("decisions", views.DecisionViewSet, basename="decision")
router.register("vote-events", views.VoteEventViewSet, basename="vote-event")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI sets inline styles as it draws; its script is served from here, not inline.
    path(
        "docs/",
        csp_update({"style-src": ["'unsafe-inline'"]})(
            SpectacularSwaggerSplitView.as_view(url_name="api:schema")
        ),
        name="docs",
    ),
    path("", include(router.urls)),
]
