from django.apps import AppConfig


class PtceConfig(AppConfig):
    name = "ptce"
    verbose_name = "PTCE et plans d'action"

    def ready(self):
        import ptce.exchange  # noqa: F401 - registers the action_plan section of the document
        from essterritoire.accounts.demo import register_demo_step
        from essterritoire.accounts.selectors import register_home_counter
        from ptce.demo_steps import seed_ptce_and_plan, seed_reports
        from ptce.report import register_reports

        register_home_counter("PTCE", lambda workspace: workspace.ptces.count(), "ptce:ptce-list")
        register_demo_step(30, "PTCE et plan d'action", seed_ptce_and_plan)
        register_demo_step(40, "Rapports PDF", seed_reports)
        register_reports()  # the PTCE sheet, the action plan and PTCE report sections
