"""The exceptions gazetag raises. Every one is a :class:`GazetagError`, and also a
``ValueError`` or ``TypeError`` so that generic handlers catch it too."""

from __future__ import annotations

__all__ = ["FormatError", "GazetagError", "GazetteerError", "InputError", "InputTypeError"]


class GazetagError(Exception):
    """Base class of every gazetag exception."""


class GazetteerError(GazetagError, ValueError):
    """Bad dictionary data: an empty or separator-only alias, a duplicate id, a missing or
    wrongly typed field. The message names the entity, and ``file:line`` for files."""


class FormatError(GazetagError, ValueError):
    """A saved file or pickle that is not gazetag's, is truncated or corrupt, or comes from a
    newer format."""


class InputError(GazetagError, ValueError):
    """A text or argument value gazetag cannot process, such as text with a lone surrogate."""


class InputTypeError(GazetagError, TypeError):
    """An argument of the wrong type, such as ``tag(None)``."""
