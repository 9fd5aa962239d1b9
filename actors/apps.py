from django.apps import AppConfig


def actor_count(workspace):
    return workspace.actors.count()


class ActorsConfig(AppConfig):
    name = "actors"
    verbose_name = "Acteurs"

    def ready(self):
        from actors.demo import seed_actors
        from essterritoire.accounts.demo import register_demo_step
        from essterritoire.accounts.selectors import HOME_COUNTERS, register_home_counter

        if not any(url == "actors:actor-list" for _label, _count, url in HOME_COUNTERS):
            register_home_counter(("Acteur", "Acteurs"), actor_count, "actors:actor-list")
            register_home_counter(
                ("Porteur de projet", "Porteurs de projet"),
                lambda workspace: workspace.project_holders.count(),
                "actors:holder-list",
            )
        register_demo_step(
            10, "Registre des acteurs (import SIRENE, réseaux, rencontres)", seed_actors
        )
