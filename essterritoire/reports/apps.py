from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "essterritoire.reports"
    label = "reports"
    verbose_name = "Rapports PDF"

    def ready(self):
        from essterritoire.reports import signals  # noqa: F401 - files and orphans cleanup
