"""Staff upload SIRENE files: the import runs as a task, its page shows progress then figures."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actors.enums import ImportStatus
from actors.models import Establishment, ImportBatch
from tests.factories import UserFactory
from tests.fixtures.sirene import support
from tests.roles import check_role_matrix

pytestmark = pytest.mark.django_db
STAFF_ONLY = {"anonymous": 302, "other": 403, "reader": 403, "editor": 403, "admin": 403}


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True)


def upload(path, name=None):
    return SimpleUploadedFile(name or path.name, path.read_bytes(), content_type="text/csv")


def post_sample(client, **extra):
    data = {
        "etablissements": upload(support.ETABLISSEMENTS),
        "unites_legales": upload(support.UNITES_LEGALES),
        "territoires": "epci:244400552",
        **extra,
    }
    return client.post(reverse("actors:sirene-import-create"), data, follow=True)


@pytest.mark.parametrize(
    "url",
    [
        reverse("actors:sirene-import-list"),
        reverse("actors:sirene-import-create"),
        reverse("actors:sirene-import-detail", args=[1]),
    ],
)
def test_only_staff_open_the_import_pages(client_for, role_users, url):
    check_role_matrix(client_for, role_users, url, STAFF_ONLY)


def test_non_staff_cannot_post_files(client_for, editor_user):
    response = client_for(editor_user).post(reverse("actors:sirene-import-create"), {})
    assert response.status_code == 403


def test_an_upload_runs_the_import_and_shows_its_summary(client_for, staff):
    support.load_territories()
    response = post_sample(client_for(staff))
    batch = ImportBatch.objects.get()
    assert batch.status == ImportStatus.DONE and batch.created_by == staff
    expected = support.expected_summary(support.ancenis_codes())
    assert {key: batch.summary[key] for key in expected} == expected
    assert Establishment.objects.filter(batch=batch).count() == batch.summary["created"]
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("actors:sirene-import-detail", args=[batch.pk])
    assert 'role="progressbar"' in page and 'aria-valuenow="100"' in page
    assert "hx-trigger" not in page
    assert "Établissements actifs par famille" in page and "estimation centrale" in page
    assert batch.options["etablissements"].startswith("imports/")


def test_a_running_import_is_polled_and_its_fragment_served_alone(client_for, staff):
    batch = ImportBatch.objects.create(files="x.csv", status=ImportStatus.RUNNING, progress=42)
    url = reverse("actors:sirene-import-detail", args=[batch.pk])
    page = client_for(staff).get(url).content.decode()
    assert 'hx-trigger="every 1s"' in page and 'aria-valuenow="42"' in page
    fragment = client_for(staff).get(url, headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith('<div id="import-progress"')
    assert "<html" not in fragment


def test_a_bad_file_shows_its_errors_and_writes_nothing(client_for, staff, tmp_path):
    support.load_territories()
    bad = tmp_path / "StockEtablissement.csv"
    bad.write_text("siren,siret\n123,456\n", encoding="utf-8")
    response = post_sample(client_for(staff), etablissements=upload(bad))
    assert ImportBatch.objects.get().status == ImportStatus.FAILED
    assert not Establishment.objects.exists()
    page = response.content.decode()
    assert "été écrit" in page and "codeCommuneEtablissement" in page


def test_a_dry_run_upload_writes_nothing(client_for, staff):
    support.load_territories()
    post_sample(client_for(staff), simulation="on")
    batch = ImportBatch.objects.get()
    assert batch.dry_run and batch.status == ImportStatus.DONE
    assert batch.summary["created"] > 0 and not Establishment.objects.exists()


def test_files_of_another_type_are_refused(client_for, staff, tmp_path):
    other = tmp_path / "export.xlsx"
    other.write_bytes(b"PK\x03\x04")
    response = post_sample(client_for(staff), etablissements=upload(other))
    assert "etablissements" in response.context["form"].errors
    assert not ImportBatch.objects.exists()


def test_files_over_the_size_limit_are_refused(client_for, staff, settings):
    settings.SIRENE_UPLOAD_MAX_SIZE = 1000
    client = client_for(staff)
    data = {"etablissements": upload(support.ETABLISSEMENTS)}
    response = client.post(reverse("actors:sirene-import-create"), data)
    assert response.status_code == 413
    assert "trop volumineux" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_an_unknown_territory_is_explained(client_for, staff):
    response = post_sample(client_for(staff), territoires="epci:244400552, reg:99")
    assert "reg:99" in str(response.context["form"].errors["territoires"])
    assert not ImportBatch.objects.exists()


def test_the_list_shows_past_imports(client_for, staff):
    ImportBatch.objects.create(
        files="StockEtablissement.csv",
        status=ImportStatus.DONE,
        summary={"created": 12, "updated": 0, "errors": []},
    )
    page = client_for(staff).get(reverse("actors:sirene-import-list")).content.decode()
    assert "StockEtablissement.csv" in page and "Terminé" in page
