"""The drawings document: every view once, for figures that draw their body by reference.

Built once per process from the drawings (art/), and named by a hash of its content, so its
address changes exactly when a drawing does and the browser may keep it for a year.
"""

import hashlib
from functools import cache

from points.diagrams.svg import drawings_document
from points.diagrams.thumbnails import thumbnail_shapes


@cache
def document() -> str:
    return drawings_document(thumbnail_shapes())


@cache
def version() -> str:
    return hashlib.sha256(document().encode()).hexdigest()[:12]
