import pytest
from django.test import Client

from essterritoire.accounts.enums import Role
from tests.factories import WorkspaceFactory, member


@pytest.fixture
def workspace(db):
    return WorkspaceFactory(name="CC du Pays d'Ancenis")


@pytest.fixture
def other_workspace(db):
    return WorkspaceFactory(name="CC Sèvre et Loire")


@pytest.fixture
def admin_user(workspace):
    return member(workspace, Role.ADMIN)


@pytest.fixture
def editor_user(workspace):
    return member(workspace, Role.EDITOR)


@pytest.fixture
def reader_user(workspace):
    return member(workspace, Role.READER)


@pytest.fixture
def other_user(other_workspace):
    """An admin of another workspace: must see nothing of `workspace`."""
    return member(other_workspace, Role.ADMIN)


@pytest.fixture
def client_for(db):
    def make(user):
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def role_users(admin_user, editor_user, reader_user, other_user):
    """The role matrix's people, by name; "anonymous" is None."""
    return {
        "anonymous": None,
        "other": other_user,
        "reader": reader_user,
        "editor": editor_user,
        "admin": admin_user,
    }


@pytest.fixture(autouse=True)
def _tasks_run_immediately(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
