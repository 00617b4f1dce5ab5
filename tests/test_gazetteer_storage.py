"""The compact storage of entities (issue 13): what goes in comes back the same.

An entity keeps its id, metadata and aliases packed in one block and its label shared; these
tests hold the values Python sees to what was given, through every way in and out.
"""

from __future__ import annotations

import json
import math
import pickle

import gazetag

# Values a packed meta must keep exactly: the float closest to 0.1, the smallest subnormal, a
# negative zero, integers at both ends of 64 bits, text in several scripts, nesting, and keys
# in an order that is not sorted.
META = {
    "zeta": 0.1,
    "alpha": [5e-324, -0.0, 1e300, -2.5e-7],
    "big": 2**64 - 1,
    "small": -(2**63),
    "text": "\u0643\u062a\u0627\u0626\u0628 \u00e9 \U0001f600",
    "empty": "",
    "flags": [True, False, None],
    "nested": {"b": {"c": [1, {"d": "e"}]}, "a": {}},
}


def test_meta_comes_back_exactly_and_in_order() -> None:
    e = gazetag.Entity("x", "X", "L", meta=META)
    assert e.meta == META
    assert list(e.meta) == list(META)
    assert list(e.meta["nested"]) == ["b", "a"]
    assert math.copysign(1.0, e.meta["alpha"][1]) == -1.0
    assert json.dumps(e.meta) == json.dumps(META)
    assert e.to_dict()["meta"] == META
    back = pickle.loads(pickle.dumps(e))
    assert back == e and json.dumps(back.meta) == json.dumps(META)


def test_equal_meta_in_another_order_is_equal() -> None:
    a = gazetag.Entity("x", "X", "L", meta={"a": 1, "b": [2]})
    b = gazetag.Entity("x", "X", "L", meta={"b": [2], "a": 1})
    assert a == b
    assert a != gazetag.Entity("x", "X", "L", meta={"a": 2, "b": [2]})


def test_records_round_trip_through_a_gazetteer() -> None:
    records = [
        {"id": f"e{i}", "name": f"Name {i}", "label": ["PERSON", "BASE"][i % 2],
         "aliases": [f"Alias {i}", {"text": f"A{i}", "case_sensitive": True,
                                    "variants": "none", "ambiguous": False,
                                    "partial": "off"}],
         "meta": {"i": i, "half": i / 2} if i % 3 else {}}
        for i in range(300)
    ]
    g = gazetag.Gazetteer.from_records(records)
    assert g.to_records() == records
    for i in range(0, 300, 7):
        g.remove(f"e{i}")
    assert len(g) == 300 - 43
    for i in range(300):
        assert (f"e{i}" in g) == (i % 7 != 0)
        if i % 7:
            assert g[f"e{i}"].name == f"Name {i}"
    g.remove("e1", "Alias 1")
    assert g["e1"].aliases == ("Name 1", "A1")
    assert g["e1"].case_sensitive("A1") and g["e1"].meta == {"i": 1, "half": 0.5}
    assert pickle.loads(pickle.dumps(g)).to_records() == g.to_records()


def test_the_heap_of_an_entity_is_small() -> None:
    # About 150 bytes an entity of this shape (it was about 1 KB): slots, one packed block each
    # and the id index; the labels are shared.
    records = [
        {"id": f"PER-{i:06d}", "name": f"Person Number {i}", "label": "PERSON",
         "aliases": [f"P. Number {i}", f"Number {i}"], "meta": {"source": "synthetic"}}
        for i in range(10_000)
    ]
    g = gazetag.Gazetteer.from_records(records)
    per_entity = sum(g._memory().values()) / len(g)
    assert per_entity < 200, g._memory()
