import pytest
from django.core.exceptions import ImproperlyConfigured

from essterritoire.env import env_bool, env_int, env_list


def test_booleans_read_the_usual_spellings(monkeypatch):
    monkeypatch.setenv("X_FLAG", "Yes")
    assert env_bool("X_FLAG") is True
    monkeypatch.setenv("X_FLAG", "0")
    assert env_bool("X_FLAG", default=True) is False


def test_a_wrong_boolean_fails_loudly(monkeypatch):
    monkeypatch.setenv("X_FLAG", "peut-être")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG"):
        env_bool("X_FLAG")


def test_a_wrong_integer_fails_loudly(monkeypatch):
    monkeypatch.setenv("X_NUM", "douze")
    with pytest.raises(ImproperlyConfigured, match="entier"):
        env_int("X_NUM", 3)


def test_lists_are_comma_separated(monkeypatch):
    monkeypatch.setenv("X_LIST", "a.fr, b.fr,,")
    assert env_list("X_LIST") == ["a.fr", "b.fr"]
