from django.db import models


class Kind(models.TextChoices):
    COMMUNE = "com", "Commune"
    EPCI = "epci", "EPCI"
    DEPARTEMENT = "dep", "Département"
    REGION = "reg", "Région"
    GROUPING = "grp", "Regroupement"


class EpciKind(models.TextChoices):
    CC = "CC", "Communauté de communes"
    CA = "CA", "Communauté d'agglomération"
    CU = "CU", "Communauté urbaine"
    METRO = "METRO", "Métropole"
    MET69 = "MET69", "Métropole de Lyon"
