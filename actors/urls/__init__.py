"""URLs of the actors app: the registry, SIRENE reference data, and territorial animation."""

from actors.urls import animation, registry, sirene

app_name = "actors"

urlpatterns = registry.urlpatterns + sirene.urlpatterns + animation.urlpatterns
