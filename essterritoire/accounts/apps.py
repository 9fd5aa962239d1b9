from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "essterritoire.accounts"
    label = "accounts"
    verbose_name = "Espaces de travail et comptes"
