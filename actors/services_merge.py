"""Merging duplicate actors: every link of the removed actor moves to the kept one.

The relations to re-point are a registry: the actors app's own below, and later apps add
theirs from their AppConfig.ready():

    from actors.services_merge import register_merge_relation
    register_merge_relation("diagnostics.Interview", "actors")

A relation to Actor that nobody registered is found on the models and re-pointed too, so a
merge never loses a link through a cascade.
"""

from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction

from actors.models import Actor
from actors.selectors import guillemets
from actors.services import MERGE_FILLED_FIELDS, record_actor


@dataclass(frozen=True)
class MergeRelation:
    """A relation to Actor that a merge re-points from the removed actor to the kept one.

    `model` is "app_label.Model"; `field` a ForeignKey to Actor, or a ManyToManyField from or to
    Actor. `unique_with`: for a foreign key, the fields that are unique together with it (a row
    of the removed actor that the kept actor already has is dropped instead of re-pointed).
    """

    model: str
    field: str
    unique_with: tuple = ()


# Later apps add theirs from their AppConfig.ready(), e.g.
#   register_merge_relation("diagnostics.Interview", "actors")
MERGE_RELATIONS = [
    MergeRelation("actors.Contact", "actor"),
    MergeRelation("actors.Actor", "themes"),
    MergeRelation("actors.Network", "members"),
    MergeRelation("actors.Meeting", "invited"),
    MergeRelation("actors.Meeting", "present"),
    MergeRelation("actors.Orientation", "actor"),
]


def register_merge_relation(model, field, unique_with=()):
    relation = MergeRelation(model, field, tuple(unique_with))
    if relation not in MERGE_RELATIONS:
        MERGE_RELATIONS.append(relation)


def merge_relations():
    """The registered relations, then every other relation to Actor found on the models, so
    that an app that did not register keeps its links all the same (its foreign keys' unique
    constraints are read from the model)."""
    relations = list(MERGE_RELATIONS)
    known = {(r.model, r.field) for r in relations}
    for field in Actor._meta.get_fields():
        if field.many_to_many and field.concrete:
            found = ("actors.Actor", field.name)
        elif field.auto_created and (field.one_to_many or field.many_to_many):
            found = (field.related_model._meta.label, field.field.name)
        else:
            continue
        if found not in known:
            relations.append(MergeRelation(*found, _unique_with(*found)))
    return relations


def _unique_with(label, field_name):
    model = apps.get_model(label)
    sets = [set(fields) for fields in model._meta.unique_together]
    sets += [set(c.fields) for c in model._meta.constraints if getattr(c, "fields", None)]
    return tuple(sorted(set().union(*[s for s in sets if field_name in s]) - {field_name}))


def _merge_target(relation):
    """(model, field naming the actor, fields unique with it) of the rows to re-point."""
    model = apps.get_model(relation.model)
    field = model._meta.get_field(relation.field)
    if not field.many_to_many:
        return model, field.name, relation.unique_with
    through = field.remote_field.through
    if model is Actor:
        return through, field.m2m_field_name(), (field.m2m_reverse_field_name(),)
    return through, field.m2m_reverse_field_name(), (field.m2m_field_name(),)


def _repoint(relation, keep, remove):
    model, field, unique_with = _merge_target(relation)
    rows = model._default_manager.filter(**{field: remove})
    if unique_with:
        kept = model._default_manager.filter(**{field: keep}).values_list(*unique_with)
        for values in kept:
            rows.filter(**dict(zip(unique_with, values, strict=True))).delete()
    return rows.update(**{field: keep})


@transaction.atomic
def actor_merge(*, keep, remove, by):
    """Merge `remove` into `keep`: every registered link moves to `keep`, blank identity fields
    of `keep` are filled from `remove`, notes are put together, then `remove` is deleted.
    Returns the number of links moved."""
    if keep.pk == remove.pk or keep.workspace_id != remove.workspace_id:
        raise ValidationError("Seuls deux acteurs différents du même espace se fusionnent.")
    moved = sum(_repoint(relation, keep, remove) for relation in merge_relations())
    for name in MERGE_FILLED_FIELDS:
        if not getattr(keep, name) and getattr(remove, name):
            setattr(keep, name, getattr(remove, name))
    if remove.notes and remove.notes not in keep.notes:
        keep.notes = "\n\n".join(filter(None, [keep.notes, remove.notes]))
    keep.save()
    removed_name = remove.name
    remove.delete()
    record_actor(keep, by, f"a fusionné {guillemets(removed_name)} dans l'acteur")
    return moved


def merge_links(actor):
    """[(label, count)] of the registered links of `actor` that a merge would move."""
    links = []
    for relation in merge_relations():
        model, field, _ = _merge_target(relation)
        count = model._default_manager.filter(**{field: actor}).count()
        if count:
            links.append((_relation_label(relation), count))
    return links


def _relation_label(relation):
    model = apps.get_model(relation.model)
    field = model._meta.get_field(relation.field)
    if model is Actor:
        return str(field.verbose_name)
    if field.many_to_many:
        return f"{model._meta.verbose_name_plural} ({field.verbose_name})"
    return str(model._meta.verbose_name_plural)
