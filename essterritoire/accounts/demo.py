"""Demo data steps: each app registers what it adds to the demo, the kernel runs them in order.

The kernel cannot import the domain apps (they depend on it, not the reverse), so
`seed_demo` creates the workspaces and accounts, then calls the registered steps.
"""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class DemoStep:
    order: int
    label: str
    run: Any  # callable(workspaces: dict[slug, Workspace], log: callable(str)) -> None


_STEPS = []


def register_demo_step(order, label, run):
    if all(step.label != label for step in _STEPS):
        _STEPS.append(DemoStep(order, label, run))


def demo_steps():
    return sorted(_STEPS, key=lambda step: step.order)
