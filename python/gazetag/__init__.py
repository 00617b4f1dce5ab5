"""gazetag: find every mention of a gazetteer's entities in text, however the names are
spelled, with exact offsets into the original text.

>>> import gazetag
>>> g = gazetag.Gazetteer()
>>> g.add("kadhimi", "Mustafa al-Kadhimi", "PERSON", aliases=["Kadhimi", "Kazimi"])
>>> [(m.text, m.entity_id) for m in gazetag.Tagger(g).tag("Kāẓimī’s office said")]
[('Kāẓimī', 'kadhimi')]
"""

from __future__ import annotations

# The module behind Tagger.suggest, so that ``gazetag.suggest.Suggestions`` and
# ``help(gazetag.suggest)`` work after ``import gazetag``.
from gazetag import suggest as suggest
from gazetag._errors import FormatError, GazetagError, GazetteerError, InputError, InputTypeError
from gazetag._gazetag import Entity, Explanation, Gazetteer, Match, Tagger
from gazetag._gazetag import __version__ as __version__
from gazetag._link import Link
from gazetag._reports import AliasNote, AliasRef, CheckReport, LabelCount, LoadReport, Problem

__all__ = [
    "AliasNote",
    "AliasRef",
    "CheckReport",
    "Entity",
    "Explanation",
    "FormatError",
    "GazetagError",
    "Gazetteer",
    "GazetteerError",
    "InputError",
    "InputTypeError",
    "LabelCount",
    "Link",
    "LoadReport",
    "Match",
    "Problem",
    "Tagger",
    "__version__",
]
