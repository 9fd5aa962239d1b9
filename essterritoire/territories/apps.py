from django.apps import AppConfig


class TerritoriesConfig(AppConfig):
    name = "essterritoire.territories"
    label = "territories"
    verbose_name = "Territoires"
