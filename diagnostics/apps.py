from django.apps import AppConfig


class DiagnosticsConfig(AppConfig):
    name = "diagnostics"
    verbose_name = "Diagnostics"

    def ready(self):
        # The document's core sections first: later sections (survey, indicators) attach
        # evidence to the AFOM items the core sections create.
        import diagnostics.exchange.core  # noqa: F401
        import diagnostics.indicators.exchange  # noqa: F401 - registers the "indicators" section
        import diagnostics.surveys.exchange  # noqa: F401 - registers the "survey" section
        from actors.sections import register_actor_section
        from diagnostics.demo_steps import seed_diagnostics
        from diagnostics.indicators.demo import seed_indicators_step
        from diagnostics.report import kind as report_kind
        from diagnostics.report import sections as report_sections
        from diagnostics.selectors import interviews_for_actor
        from essterritoire.accounts.demo import register_demo_step
        from essterritoire.accounts.selectors import register_home_counter

        register_home_counter(
            "Diagnostics",
            lambda workspace: workspace.diagnostics.count(),
            "diagnostics:diagnostic-list",
        )
        report_sections.register()
        report_kind.register()
        register_demo_step(20, "Diagnostic partagé", seed_diagnostics)
        register_demo_step(25, "Données régionales de démonstration", seed_indicators_step)
        register_actor_section(
            10,
            "diagnostics/interviews/_actor_interviews.html",
            lambda actor, user: {"interviews": interviews_for_actor(actor, user)},
        )
