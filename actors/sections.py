"""Parts of an actor's page that the apps above contribute (interviews, survey invitations,
PTCE memberships, actions). The actors app cannot import them: they register here, each
with a template and a function giving its context for (actor, user)."""

_SECTIONS = []


def register_actor_section(order, template, context):
    if all(template != existing for _order, existing, _context in _SECTIONS):
        _SECTIONS.append((order, template, context))


def actor_sections(actor, user):
    """[{"template": ..., **context}] in order, for the actor page to include."""
    return [
        {"template": template, **context(actor, user)}
        for _order, template, context in sorted(_SECTIONS, key=lambda s: s[0])
    ]
