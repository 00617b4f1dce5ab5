"""pandas helpers: tag a Series of texts in one call.

Importing this module registers a Series accessor::

    import gazetag.pandas  # noqa: F401  (registers Series.gazetag)
    matches = df["text"].gazetag.tag()  # the embedded gazetteer, rows keyed by df's index

`Tagger.tag_frame` does the work; see it for the columns. pandas is optional: ``import gazetag``
does not import it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import pandas as pd

from gazetag._columns import COLUMNS

if TYPE_CHECKING:
    from gazetag._gazetag import Tagger

__all__ = ["COLUMNS", "GazetagSeriesAccessor", "tag_series"]


def tag_series(
    series: pd.Series,
    tagger: Tagger | None = None,
    *,
    threads: int | None = None,
    progress: bool = False,
    categorical: bool = False,
    on_missing: Literal["raise", "skip", "empty"] = "skip",
) -> pd.DataFrame:
    """Tags a Series of texts: `Tagger.tag_frame` with the Series' index as the ``doc`` column.

    Args:
        series: The texts.
        tagger: The tagger; the embedded gazetteer's (`Tagger.default`) when None.
        threads: As in `Tagger.tag_batch`.
        progress: Show a progress bar.
        categorical: Give the string columns the ``category`` dtype.
        on_missing: What a missing text (None, NaN, ``pd.NA``) gives: ``"skip"`` (the
            default) and ``"empty"`` no rows, ``"raise"`` an InputError naming its index label.

    Returns:
        One row per match; see `Tagger.tag_frame`.

    >>> import pandas as pd, gazetag.pandas
    >>> s = pd.Series({"a": "Kataib Hizballah said", "b": "nothing here", "c": None})
    >>> gazetag.pandas.tag_series(s)[["doc", "text", "entity_id"]].to_dict("records")
    [{'doc': 'a', 'text': 'Kataib Hizballah', 'entity_id': 'kataib-hezbollah'}]
    """
    from gazetag._errors import InputTypeError
    from gazetag._gazetag import Tagger

    if tagger is None:
        tagger = Tagger.default()
    elif not isinstance(tagger, Tagger):
        raise InputTypeError(
            f"tagger must be a gazetag.Tagger or None, not {type(tagger).__name__}"
        )
    return tagger.tag_frame(
        series,
        threads=threads,
        progress=progress,
        categorical=categorical,
        on_missing=on_missing,
    )


@pd.api.extensions.register_series_accessor("gazetag")
class GazetagSeriesAccessor:
    """``series.gazetag``: tag a Series of texts in one call.

    >>> import pandas as pd, gazetag.pandas
    >>> texts = ["Ain al-Asad was hit.", None, "Quiet day."]  # a gap: no rows, no error
    >>> df = pd.DataFrame({"text": texts}, index=[10, 11, 12])
    >>> df["text"].gazetag.tag()[["doc", "start", "end", "label"]].to_dict("records")
    [{'doc': 10, 'start': 0, 'end': 11, 'label': 'BASE'}]
    """

    def __init__(self, series: pd.Series) -> None:
        self._series = series

    def tag(
        self,
        tagger: Tagger | None = None,
        *,
        threads: int | None = None,
        progress: bool = False,
        categorical: bool = False,
        on_missing: Literal["raise", "skip", "empty"] = "skip",
    ) -> pd.DataFrame:
        """Tags the Series; see `tag_series`."""
        return tag_series(
            self._series,
            tagger,
            threads=threads,
            progress=progress,
            categorical=categorical,
            on_missing=on_missing,
        )
