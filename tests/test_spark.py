"""PySpark: the recipes of docs/scaling.md on a local two-core session.

A ``pandas_udf`` and a ``mapInPandas`` over a broadcast `SharedTagger` give the serial results,
and each Python worker process rebuilds the tagger once. Runs when pyspark, pyarrow and Java
are installed (.ci/run installs them); skipped otherwise, saying which is missing, except
where ``GAZETAG_REQUIRE_SPARK=1`` (CI) makes a missing one an error.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gazetag
import pytest
from doc_sections import run_section
from gazetag.distributed import SharedTagger


def _missing() -> list[str]:
    missing = []
    if importlib.util.find_spec("pyspark") is None:
        missing.append("pyspark is not installed (pip install pyspark)")
    if importlib.util.find_spec("pyarrow") is None:
        missing.append("pyarrow is not installed (Spark's pandas UDFs need it)")
    java_home = os.environ.get("JAVA_HOME")
    if shutil.which("java") is None and not (java_home and (Path(java_home) / "bin/java").exists()):
        missing.append("Java is not installed (no java on PATH or in $JAVA_HOME/bin)")
    return missing


MISSING = _missing()
if MISSING and os.environ.get("GAZETAG_REQUIRE_SPARK") == "1":
    # .ci/run installs both; there a skip would hide that the Spark recipes went untested.
    raise RuntimeError("GAZETAG_REQUIRE_SPARK=1 but " + "; ".join(MISSING))
if MISSING:
    pytest.skip("; ".join(MISSING), allow_module_level=True)

import pandas as pd  # noqa: E402  (after the skip: pyspark needs pandas and pyarrow)
from pyspark import cloudpickle  # noqa: E402
from pyspark.sql import DataFrame, SparkSession  # noqa: E402
from pyspark.sql.functions import pandas_udf  # noqa: E402

# The Python workers cannot import this test module: ship its functions by value, as Spark
# ships a notebook's.
cloudpickle.register_pickle_by_value(sys.modules[__name__])

# PySpark 4.x warns about pandas 3 and calls a pandas API pandas 3 deprecates; neither is ours.
pytestmark = [
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning"),
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated"),
]

SENTENCES = [
    "Kataib Hizballah said its men had left the area around Jurf al-Sakhar.",
    "Rockets were fired at Ain al-Assad after Muqtada al-Sadr spoke in Kufa.",
    "The Popular Mobilization Forces denied holding the two men.",
    "No names here, only weather: hot and dry in the south.",
    "Kata'ib Hezbollah and Asaib Ahl al-Haq were named in the report on Diyala.",
    "",
]

# What the UDF returns for each text: an array of these fields of its matches.
FIELDS = {
    "start": "long",
    "end": "long",
    "text": "string",
    "label": "string",
    "entity_id": "string",
    "rule": "string",
}
MATCHES = "array<struct<" + ",".join(f"{k}:{v}" for k, v in FIELDS.items()) + ">>"


def make_texts(n: int) -> list[str | None]:
    """``n`` texts, every 5th one missing (a null in Spark), as real columns have gaps."""
    return [
        None if i % 5 == 2 else f"{SENTENCES[i % len(SENTENCES)]} (Report {i}.)" for i in range(n)
    ]


# --------------------------------------------------------------------------------------------
# The recipes
# --------------------------------------------------------------------------------------------


def tag_udf(shared: Any) -> Any:
    """A pandas UDF: a column of texts -> a column of arrays of matches.

    ``shared`` is a Spark broadcast of a SharedTagger; the tagger is rebuilt once per Python
    worker process and kept there.
    """

    @pandas_udf(MATCHES)
    def tag(texts: pd.Series) -> pd.Series:
        tagger = shared.value.get()
        found = tagger.tag_batch(texts, threads=1, on_missing="skip")
        return pd.Series(
            [
                None if ms is None else [{f: getattr(m, f) for f in FIELDS} for m in ms]
                for ms in found
            ]
        )

    return tag


def tag_rows(df: DataFrame, shared: Any) -> DataFrame:
    """``mapInPandas``: a frame with ``id`` and ``text`` -> one row per match (tag_frame's)."""
    doc_type = df.schema["id"].dataType.simpleString()
    schema = f"doc {doc_type}, start long, end long, " + ", ".join(
        f"{c} string" for c in ("text", "label", "entity_id", "name", "alias", "rule", "entities")
    )

    def tag_batches(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        tagger = shared.value.get()
        for batch in batches:
            yield tagger.tag_frame(batch, column="text", ids=batch["id"], threads=1)

    return df.select("id", "text").mapInPandas(tag_batches, schema)


def tag_arrow_rows(df: DataFrame, shared: Any) -> DataFrame:
    """``mapInArrow``: record batches with ``id`` and ``text`` -> one row per match."""
    doc_type = df.schema["id"].dataType.simpleString()
    schema = f"doc {doc_type}, start long, end long, " + ", ".join(
        f"{c} string" for c in ("text", "label", "entity_id", "name", "alias", "rule", "entities")
    )

    def tag_batches(batches: Iterator[Any]) -> Iterator[Any]:
        tagger = shared.value.get()
        for batch in batches:
            yield from tagger.tag_arrow(
                batch, column="text", ids=batch["id"], threads=1
            ).to_batches()

    return df.select("id", "text").mapInArrow(tag_batches, schema)


# --------------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    with pytest.MonkeyPatch.context() as env:
        # The Python workers must run this interpreter, which has gazetag; the setting
        # spark.pyspark.python does not reach them in local mode (checked with pyspark 4.3).
        env.setenv("PYSPARK_PYTHON", sys.executable)
        env.setenv("PYSPARK_DRIVER_PYTHON", sys.executable)
        session = (
            SparkSession.builder.master("local[2]")
            .appName("gazetag-test")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.sql.execution.arrow.pyspark.enabled", "true")
            .getOrCreate()
        )
        session.sparkContext.setLogLevel("ERROR")
        try:
            yield session
        finally:
            session.stop()


@pytest.fixture(scope="module")
def tagger() -> gazetag.Tagger:
    return gazetag.Tagger.default()


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    texts = make_texts(120)
    return pd.DataFrame({"id": [f"r{i:03d}" for i in range(len(texts))], "text": texts})


# --------------------------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------------------------


def test_pandas_udf_equals_serial(
    spark: SparkSession, tagger: gazetag.Tagger, frame: pd.DataFrame
) -> None:
    shared = spark.sparkContext.broadcast(SharedTagger(tagger))
    df = spark.createDataFrame(frame).repartition(4)
    rows = df.select("id", tag_udf(shared)("text").alias("matches")).collect()
    got = sorted(
        (r["id"], m["start"], m["end"], m["entity_id"], m["rule"])
        for r in rows
        for m in r["matches"] or []
    )
    expected = sorted(
        (doc, m.start, m.end, m.entity_id, m.rule)
        for doc, matches in zip(frame["id"], tagger.tag_batch(frame["text"].fillna("")))
        for m in matches
    )
    assert len(expected) > 50
    assert got == expected
    # A missing text gives a null array, an empty one an empty array.
    missing = {r["id"] for r in rows if r["matches"] is None}
    assert missing == set(frame["id"][frame["text"].isna()])
    assert len(missing) == 24
    shared.destroy()


def test_map_in_pandas_equals_serial(
    spark: SparkSession, tagger: gazetag.Tagger, frame: pd.DataFrame
) -> None:
    shared = spark.sparkContext.broadcast(SharedTagger(tagger))
    df = spark.createDataFrame(frame).repartition(3)
    got = tag_rows(df, shared).toPandas()
    expected = tagger.tag_frame(frame["text"].fillna(""), ids=frame["id"])
    assert list(got.columns) == list(expected.columns)
    assert sorted(got.itertuples(index=False, name=None)) == sorted(
        expected.itertuples(index=False, name=None)
    )
    shared.destroy()


def test_map_in_arrow_equals_serial(
    spark: SparkSession, tagger: gazetag.Tagger, frame: pd.DataFrame
) -> None:
    shared = spark.sparkContext.broadcast(SharedTagger(tagger))
    df = spark.createDataFrame(frame).repartition(3)
    got = tag_arrow_rows(df, shared).toPandas()
    expected = tagger.tag_frame(frame["text"].fillna(""), ids=frame["id"])
    assert len(expected) > 50
    assert list(got.columns) == list(expected.columns)
    assert sorted(got.itertuples(index=False, name=None)) == sorted(
        expected.itertuples(index=False, name=None)
    )
    shared.destroy()


def probe_rebuilds(shared: Any) -> Any:
    """A UDF answering, for each row, "pid:rebuilds so far in that process"."""

    @pandas_udf("string")
    def probe(texts: pd.Series) -> pd.Series:
        import gazetag.distributed as shared_module

        rebuild = shared_module._rebuild
        if not hasattr(rebuild, "calls"):  # first task in this process: start counting

            def counted(data: bytes) -> gazetag.Tagger:
                counted.calls += 1  # type: ignore[attr-defined]
                return rebuild(data)

            counted.calls = 0  # type: ignore[attr-defined]
            shared_module._rebuild = counted
        shared.value.get().tag_batch(texts, threads=1, on_missing="empty")
        calls = shared_module._rebuild.calls  # type: ignore[attr-defined]
        return pd.Series([f"{os.getpid()}:{calls}"] * len(texts))

    return probe


def test_rebuilt_once_per_python_worker(spark: SparkSession) -> None:
    # A tagger no worker has built yet (the other tests use the "default" layer).
    tagger = gazetag.Tagger.default(variants="none")
    shared = spark.sparkContext.broadcast(SharedTagger(tagger))
    n_partitions = 8
    df = spark.createDataFrame(pd.DataFrame({"text": make_texts(160)})).repartition(n_partitions)
    seen: dict[str, int] = {}
    for _ in range(2):  # a second job reuses the processes and their tagger
        for row in df.select(probe_rebuilds(shared)("text").alias("p")).distinct().collect():
            pid, calls = row["p"].split(":")
            seen[pid] = max(seen.get(pid, 0), int(calls))
    assert seen and all(calls == 1 for calls in seen.values()), seen
    assert len(seen) < n_partitions
    shared.destroy()


def test_docs_recipes_run(spark: SparkSession) -> None:
    result = run_section("scaling.md", "Spark", {"spark": spark})
    assert result.attempted >= 10
    assert result.failed == 0
