"""Bad input never crashes a page of the registry: odd query strings and forms get a page, a
redirect or a 404, never a server error (on SQLite and PostgreSQL alike)."""

import pytest
from django.urls import reverse

from tests.actors.factories import ActorFactory

pytestmark = pytest.mark.django_db
HUGE = "9" * 30


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("actors:actor-list", {"q": "école\x00"}),
        ("actors:actor-list", {"q": "x" * 5000}),
        (
            "actors:actor-list",
            {"theme": HUGE, "commune": "-1", "reseau": "1e9", "tri": "__class__"},
        ),
        ("actors:actor-list", {"page": "-1", "par_page": "abc", "type": ["ess", "x"]}),
        ("actors:actor-list", {"q": "!!! :* & | ( ) <-> '\""}),
        ("actors:actor-export", {"format": "csv", "theme": HUGE, "q": "\x00"}),
        ("actors:actor-create-from-establishment", {"q": "\x00" + HUGE}),
        ("actors:actor-merge", {"a": HUGE, "b": "1", "keep": HUGE}),
        ("actors:actor-merge", {"a": "١", "b": "٢"}),
        ("actors:actor-import-preview", {}),
    ],
)
def test_odd_queries_never_crash(client_for, editor_user, workspace, name, params):
    ActorFactory(workspace=workspace, name="École de musique")
    response = client_for(editor_user).get(reverse(name), params)
    assert response.status_code < 500


def test_odd_forms_never_crash(client_for, editor_user, workspace):
    actor = ActorFactory(workspace=workspace)
    client = client_for(editor_user)
    posts = [
        (reverse("actors:actor-create"), {"name": "x\x00", "kind": "association", "themes": HUGE}),
        (reverse("actors:actor-edit", args=[actor.pk]), {"name": "", "commune_ref": HUGE}),
        (reverse("actors:contact-create", args=[actor.pk]), {"name": "x", "consent_date": "31/02"}),
        (reverse("actors:theme-create"), {"name": "\x00" * 200}),
        (reverse("actors:actor-merge"), {"a": actor.pk, "b": HUGE, "keep": actor.pk}),
        (reverse("actors:actor-import"), {"file": "pas un fichier"}),
        (reverse("actors:actor-import-mapping"), {"name": HUGE}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code < 500, url


def test_a_tampered_session_mapping_sends_back_to_the_mapping(client_for, editor_user, workspace):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(editor_user)
    client.post(
        reverse("actors:actor-import"),
        {"file": SimpleUploadedFile("a.csv", b"Nom;SIRET\nGarage;\n")},
    )
    session = client.session
    session["actor_import"]["mapping"] = {"name": 42}
    session.save()
    response = client.get(reverse("actors:actor-import-preview"))
    assert response["Location"] == reverse("actors:actor-import-mapping")
