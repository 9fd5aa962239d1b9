"""Create the demo workspaces and accounts. Later features add their demo data here."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from essterritoire.accounts.demo import demo_steps
from essterritoire.accounts.enums import Role, WorkspaceKind
from essterritoire.accounts.models import Membership, User, Workspace
from essterritoire.territories.models import Territory

DEMO_PASSWORD = "demo-ess-2026"  # noqa: S105 - published demo logins, local demo only

WORKSPACES = [
    ("cc-pays-ancenis", "CC du Pays d'Ancenis", WorkspaceKind.COLLECTIVITE, "epci", "244400552"),
    ("cress-pays-de-la-loire", "CRESS Pays de la Loire", WorkspaceKind.CRESS, "reg", "52"),
]
# (email, first name, last name, {workspace slug: role}, staff)
PEOPLE = [
    ("admin@ancenis.demo", "Claire", "Martin", {"cc-pays-ancenis": Role.ADMIN}, False),
    ("editrice@ancenis.demo", "Inès", "Moreau", {"cc-pays-ancenis": Role.EDITOR}, False),
    ("elu@ancenis.demo", "Jean", "Bernard", {"cc-pays-ancenis": Role.READER}, False),
    (
        "animatrice@cress-pdl.demo",
        "Sophie",
        "Leroy",
        {"cress-pays-de-la-loire": Role.ADMIN, "cc-pays-ancenis": Role.EDITOR},
        False,
    ),
    ("staff@essterritoire.demo", "Équipe", "Technique", {}, True),
]
ROLE_LABELS = {Role.ADMIN: "administrateur", Role.EDITOR: "éditeur", Role.READER: "lecteur (élu)"}


class Command(BaseCommand):
    help = "Crée les espaces de démonstration et leurs comptes (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        workspaces = {slug: self._workspace(*spec) for slug, *spec in WORKSPACES}
        for email, first, last, roles, staff in PEOPLE:
            user = self._user(email, first, last, staff)
            for slug, role in roles.items():
                Membership.objects.update_or_create(
                    user=user, workspace=workspaces[slug], defaults={"role": role}
                )
        for step in demo_steps():
            self.stdout.write(f"- {step.label}")
            step.run(workspaces, lambda line: self.stdout.write(f"    {line}"))
        self._print_logins()

    def _workspace(self, name, kind, territory_kind, code):
        territory = Territory.objects.filter(kind=territory_kind, code=code).first()
        if territory is None:
            raise CommandError(
                f"Territoire {territory_kind}:{code} absent : lancez d'abord "
                "« python manage.py load_territories »."
            )
        workspace, _ = Workspace.objects.update_or_create(
            slug=[s for s, n, *_ in WORKSPACES if n == name][0],
            defaults={"name": name, "kind": kind, "main_territory": territory},
        )
        return workspace

    def _user(self, email, first, last, staff):
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "first_name": first,
                "last_name": last,
                "is_staff": staff,
                "is_superuser": staff,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        return user

    def _print_logins(self):
        self.stdout.write(self.style.SUCCESS("Données de démonstration prêtes."))
        self.stdout.write(f"Comptes de démonstration (mot de passe : {DEMO_PASSWORD}) :")
        for email, first, last, roles, staff in PEOPLE:
            detail = ", ".join(
                f"{ROLE_LABELS[role]} de {dict((s, n) for s, n, *_ in WORKSPACES)[slug]}"
                for slug, role in roles.items()
            )
            if staff:
                detail = "équipe technique (administration Django)"
            self.stdout.write(f"  {email:<28} {first} {last} — {detail}")
