"""The ESS classification rules: seeded as data, applied in SQL as in Python, edited by staff."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from actors.enums import Family, RuleKind
from actors.models import ClassificationRule, Establishment
from actors.sirene import services
from actors.sirene.nomenclatures import nomenclatures_load
from tests.actors.factories import EstablishmentFactory
from tests.factories import UserFactory
from tests.fixtures.sirene import support
from tests.roles import check_role_matrix

pytestmark = pytest.mark.django_db
ALL_READ = {"anonymous": 302, "other": 200, "reader": 200, "editor": 200, "admin": 200}
STAFF_ONLY = {"anonymous": 302, "other": 403, "reader": 403, "editor": 403, "admin": 403}


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True)


@pytest.fixture
def imported(db):
    support.load_territories()
    call_command(
        "import_sirene",
        "--etablissements",
        str(support.ETABLISSEMENTS),
        "--unites-legales",
        str(support.UNITES_LEGALES),
        stdout=StringIO(),
    )


def rule(kind, value):
    return ClassificationRule.objects.get(kind=kind, value=value)


def test_the_domain_rules_are_seeded_one_row_per_code():
    rules = ClassificationRule.objects
    assert rules.filter(kind=RuleKind.NAF_EXCLUSION).count() == 5
    assert rules.filter(kind=RuleKind.LEGAL_CATEGORY, family=Family.COOPERATIVE).count() == 47
    assert rule(RuleKind.LEGAL_CATEGORY, "5553").family == Family.COOPERATIVE
    assert rule(RuleKind.LEGAL_CATEGORY, "5195").family == Family.ASSOCIATION
    assert rule(RuleKind.ESS_FLAG, "O").family == Family.ESS_COMMERCIAL


def test_sql_reclassification_agrees_with_the_import(imported):
    before = dict(Establishment.objects.values_list("siret", "family"))
    assert services.establishments_reclassify() == 0
    assert dict(Establishment.objects.values_list("siret", "family")) == before


def test_changing_a_rule_reclassifies_the_stored_establishments(imported):
    cuma = Establishment.objects.filter(legal_category="6316")
    count = cuma.count()
    _rule, changed = services.rule_create(
        kind=RuleKind.NAF_EXCLUSION, value="01.61Z", family=Family.NON_ESS
    )
    assert changed == count > 0
    assert set(cuma.values_list("family", flat=True)) == {Family.NON_ESS}


def test_a_dry_run_change_is_rolled_back(imported):
    target = rule(RuleKind.LEGAL_CATEGORY, "9300")
    changed = services.rule_delete(rule=target, dry_run=True)
    assert changed == Establishment.objects.filter(legal_category="9300").count() > 0
    assert ClassificationRule.objects.filter(pk=target.pk).exists()
    assert not Establishment.objects.filter(legal_category="9300", family="non_ess").exists()


def test_an_unknown_legal_unit_stays_unclassified_whatever_the_rules():
    establishment = EstablishmentFactory(siren="999999999", naf_code="94.11Z", family="association")
    services.establishments_reclassify()
    establishment.refresh_from_db()
    assert establishment.family == Family.UNCLASSIFIED


def test_any_logged_in_person_reads_the_rules(client_for, role_users):
    check_role_matrix(client_for, role_users, reverse("actors:sirene-rule-list"), ALL_READ)


@pytest.mark.parametrize(
    "url",
    [
        reverse("actors:sirene-rule-create"),
        reverse("actors:sirene-rule-update", args=[1]),
        reverse("actors:sirene-rule-delete", args=[1]),
    ],
)
def test_only_staff_change_the_rules(client_for, role_users, url):
    check_role_matrix(client_for, role_users, url, STAFF_ONLY)
    check_role_matrix(client_for, role_users, url, STAFF_ONLY, method="post")


def test_staff_see_the_edit_buttons_others_do_not(client_for, staff, reader_user):
    nomenclatures_load()
    url = reverse("actors:sirene-rule-list")
    assert "Ajouter une règle" in client_for(staff).get(url).content.decode()
    page = client_for(reader_user).get(url).content.decode()
    assert "Ajouter une règle" not in page and "9220" in page and "Association déclarée" in page


def test_staff_add_a_rule_after_seeing_its_effect(client_for, staff, imported):
    client = client_for(staff)
    url = reverse("actors:sirene-rule-create")
    data = {"kind": "naf_exclusion", "value": "01.61z", "family": "non_ess", "note": "CUMA"}
    count = Establishment.objects.filter(naf_code="01.61Z").count()
    preview = client.post(url, data)
    assert preview.status_code == 200
    assert f"{count} établissements changeront de famille" in preview.content.decode()
    assert not ClassificationRule.objects.filter(value="01.61Z").exists()
    response = client.post(url, {**data, "value": "01.61Z", "confirmer": "1"}, follow=True)
    assert f"{count} établissements reclassés" in response.content.decode()
    assert rule(RuleKind.NAF_EXCLUSION, "01.61Z").family == Family.NON_ESS


def test_staff_edit_and_delete_a_rule(client_for, staff, imported):
    client = client_for(staff)
    target = rule(RuleKind.LEGAL_CATEGORY, "9300")
    url = reverse("actors:sirene-rule-update", args=[target.pk])
    data = {"kind": "legal_category", "value": "9300", "family": "association", "confirmer": "1"}
    client.post(url, data)
    assert set(
        Establishment.objects.filter(legal_category="9300").values_list("family", flat=True)
    ) == {"association"}
    delete_url = reverse("actors:sirene-rule-delete", args=[target.pk])
    assert "changeront de famille" in client.get(delete_url).content.decode()
    client.post(delete_url)
    assert not ClassificationRule.objects.filter(pk=target.pk).exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "legal_category", "value": "92", "family": "association"}, "value"),
        ({"kind": "naf_exclusion", "value": "x84", "family": "non_ess"}, "value"),
        ({"kind": "ess_flag", "value": "O", "family": "unclassified"}, "family"),
        ({"kind": "legal_category", "value": "9220", "family": "association"}, "__all__"),
    ],
)
def test_invalid_rules_are_explained(client_for, staff, data, field):
    response = client_for(staff).post(reverse("actors:sirene-rule-create"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors


def test_a_rule_changed_in_the_admin_reclassifies_too(client_for, imported):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    target = rule(RuleKind.LEGAL_CATEGORY, "9300")
    url = reverse("admin:actors_classificationrule_change", args=[target.pk])
    data = {"kind": "legal_category", "value": "9300", "family": "mutuelle", "note": ""}
    response = client_for(superuser).post(url, data, follow=True)
    assert "Établissements reclassés" in response.content.decode()
    assert set(
        Establishment.objects.filter(legal_category="9300").values_list("family", flat=True)
    ) == {"mutuelle"}
