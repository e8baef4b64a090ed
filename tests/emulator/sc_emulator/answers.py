"""What a handler returns: a paged ``Listing`` or a ``Body`` (several top-level answer fields); Api builds the answer."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Listing:
    """One page of a paged listing: TotalCount, the page's items (projected on the declared fields) and extra answer fields."""

    total: int
    items: list
    extra: dict = field(default_factory=dict)


class Body(dict):
    """A handler's whole answer (several top-level fields); RequestId is added first."""
