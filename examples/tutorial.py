# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Finding who and what a news story is about, with gazetag
#
# gazetag finds the people, armed groups, bases and institutions of Iraq's security news in
# text, however their names are spelled, and tells you exactly where each mention is. This
# notebook goes from one article to a table of mentions across many texts, then to your own
# dictionary.
#
# gazetag is not on the package index. Install it from a checkout of its repository, with
# pandas (for tables) and pyarrow (for Parquet files); the build needs a Rust toolchain:
#
# ```
# pip install ".[pandas,arrow]"
# ```
#
# This file is a plain Python script in jupytext's "percent" format. Run it with `python
# tutorial.py`, or `pip install jupytext` and open it in Jupyter as a notebook.

# %%
import importlib.util
from pathlib import Path

import gazetag
import gazetag.pandas  # noqa: F401  (adds .gazetag to every pandas Series)
import pandas as pd

try:
    from IPython.display import display
except ImportError:  # a plain `python tutorial.py`: print, wide enough for the tables
    display = print
    pd.set_option("display.width", 160, "display.max_columns", 20)

# The folder of this file: the sample article sits next to it. Files this notebook writes go
# to the current folder.
HERE = Path(__file__).resolve().parent if "__file__" in globals() else Path.cwd()

# %% [markdown]
# ## One article
#
# `Tagger.default()` is a tagger for the gazetteer that ships with gazetag: several hundred
# entities of Iraq's security landscape, each with its spellings in English, in other
# romanizations and in Arabic script. It is built once and then shared.

# %%
article = (HERE / "sample_article.txt").read_text(encoding="utf-8")
tagger = gazetag.Tagger.default()
matches = tagger.tag(article)

print(f"{len(matches)} mentions; the first five:")
for m in matches[:5]:
    print(f"  {m.start:>5}-{m.end:<5} {m.label:<12} {m.text!r} -> {m.entity_id}")

# %% [markdown]
# Each match says where it is (`start`, `end`), what it is (`entity_id`, `name`, `label`) and
# which dictionary form it matched (`alias`). The offsets index the Python string itself, so
# slicing gives back the text as written, Arabic script and curly quotes included:

# %%
assert all(article[m.start : m.end] == m.text for m in matches)
arabic = next(m for m in matches if m.text.startswith("كتائب"))
print(arabic.text, "->", arabic.name)

# %% [markdown]
# ## A highlighted article
#
# `tagger.annotate(text)` shows the text with its mentions highlighted, coloured by label; in
# Jupyter it draws itself when displayed. Hover over a mention to see the entity. `save`
# writes the same view as a web page.

# %%
annotation = tagger.annotate(article)
annotation.save("article.html")
display(annotation)

# %% [markdown]
# ## A table of mentions for many texts
#
# `tag_frame` tags a list (or any iterable) of texts and returns a pandas DataFrame with one
# row per mention. The `doc` column says which text a row comes from: its position, or the key
# you pass as `ids`. The work runs in Rust on every core; `progress=True` shows a progress bar
# on long jobs.
#
# Here the texts are the article's paragraphs.

# %%
paragraphs = [p for p in article.split("\n\n") if p.strip()]
ids = [f"para-{i + 1}" for i in range(len(paragraphs))]
mentions = tagger.tag_frame(paragraphs, ids=ids)
display(mentions[["doc", "start", "end", "text", "label", "entity_id"]].head(8))

# %% [markdown]
# From there it is ordinary pandas: what kinds of entities the story talks about, and who
# comes up most.

# %%
display(mentions["label"].value_counts())
display(mentions["name"].value_counts().head(5))

# %% [markdown]
# Which paragraphs mention Kata'ib Hezbollah, under any of its names?

# %%
kh = mentions[mentions["entity_id"] == "kataib-hezbollah"]
display(kh.groupby("doc")["text"].agg(list))

# %% [markdown]
# For big jobs, `categorical=True` stores each distinct string once, and `tag_arrow` returns
# the same columns as a pyarrow Table, without pandas.
#
# ## Texts already in a DataFrame
#
# With `import gazetag.pandas`, a Series of texts has a `.gazetag.tag()` method. The rows are
# keyed by the Series' index, so the mentions join back to the other columns.

# %%
news = pd.DataFrame(
    {
        "date": ["2024-03-02", "2024-03-02", "2024-03-03", "2024-03-04"],
        "headline": [
            "Drone downed near Erbil Air Base, officials say",
            "Asaib Ahl al-Haq denies role in rocket fire",
            "Qays al-Khazaali says the PMF will stay",
            "Markets reopen in Mosul after curfew",
        ],
    },
    index=pd.Index(["s101", "s102", "s103", "s104"], name="story"),
)
found = news["headline"].gazetag.tag()
display(found.merge(news, left_on="doc", right_index=True)[["doc", "date", "text", "entity_id"]])

# %% [markdown]
# ## Gaps in a column of texts
#
# A column read from a spreadsheet or a CSV file usually has empty cells, which pandas reads
# as NaN. The table methods leave missing texts out (`on_missing="skip"`, the default): they
# give no rows, and the other texts are tagged as usual. Pass the whole DataFrame with
# `column=` to name the column of texts; its index keys the rows.

# %%
Path("stories.csv").write_text(
    "story,text\n"
    "s201,Kataib Hizballah fired rockets near Ain al-Assad.\n"
    "s202,\n"
    "s203,The Popular Mobilization Forces denied it.\n",
    encoding="utf-8",
)
stories = pd.read_csv("stories.csv", index_col="story")
print(f"{stories['text'].isna().sum()} of {len(stories)} stories have no text")
display(tagger.tag_frame(stories, column="text")[["doc", "text", "entity_id"]])

# %% [markdown]
# To stop at the first gap instead, pass `on_missing="raise"`: the error names the row by its
# index label. `tag_batch`, which gives one list per text, raises by default; there,
# `on_missing="skip"` puts None in place of a missing text's list.

# %%
try:
    tagger.tag_frame(stories["text"], on_missing="raise")
except gazetag.InputError as e:
    print("InputError:", e)
per_story = tagger.tag_batch(stories["text"], on_missing="skip")
print([None if ms is None else len(ms) for ms in per_story])

# %% [markdown]
# A DataFrame passed where a column was meant is refused, with the call to make instead:

# %%
try:
    tagger.tag_frame(stories)
except gazetag.InputTypeError as e:
    print("InputTypeError:", e)

# %% [markdown]
# ## Entity metadata as columns
#
# Each entity of the gazetteer carries metadata: the embedded one gives every entity a
# `country` and a `kind`. `meta=[...]` adds those fields to the table as columns, so counting
# mentions by kind needs no join.

# %%
with_meta = tagger.tag_frame(paragraphs, ids=ids, meta=["country", "kind"])
display(with_meta[["doc", "text", "entity_id", "country", "kind"]].head(5))
display(with_meta["kind"].value_counts().head(5))

# %% [markdown]
# ## Spelling variants, and why a match was made
#
# Names from Arabic reach English in many spellings. Beyond ignoring case, accents,
# apostrophes and dashes, gazetag tries variants built from the way Arabic names are
# romanized: doubled or single consonants, `ai`/`ay`/`ei`, `al-`/`as-`, and so on. The
# `rule` column tells you when a variant was used, and `explain` shows the forms that met.

# %%
spellings = ["Qasim Sulaimani", "Muqtada as-Sadr", "Kata'ib Hizbullah"]
display(tagger.tag_frame(spellings)[["text", "entity_id", "alias", "rule"]])

(why,) = tagger.explain("A memorial for Qasim Sulaimani was held.")
print(why)

# %% [markdown]
# Variants cost a few false alarms. `Tagger.default(variants="none")` keeps to the core
# folding only; `variants="aggressive"` reaches further.

# %%
strict = gazetag.Tagger.default(variants="none")
print([m.text for m in strict.tag("Qasim Sulaimani and Qassem Suleimani")])

# %% [markdown]
# ## Your own dictionary
#
# The embedded gazetteer has no places. Say you follow a few towns: write them in a CSV file
# with `id`, `name`, `label` and, optionally, `aliases` joined by `|`. `Gazetteer.read` also
# takes gazetag's JSONL, TSV and spaCy patterns.

# %%
Path("places.csv").write_text(
    "id,name,label,aliases\n"
    "mosul,Mosul,PLACE,al-Mawsil|الموصل\n"
    "jurf-al-sakhar,Jurf al-Sakhar,PLACE,Jurf al-Nasr|جرف الصخر\n"
    "tuz-khurmatu,Tuz Khurmatu,PLACE,Tuz Khurmato|Tuz Khormato\n",
    encoding="utf-8",
)
places = gazetag.Gazetteer.read("places.csv")

# Your entities on top of the embedded ones, in one tagger.
combined = gazetag.Gazetteer.default()
combined.update(places)
my_tagger = gazetag.Tagger(combined)

found = news["headline"].gazetag.tag(my_tagger)
display(found[["doc", "text", "label", "entity_id"]])

# %% [markdown]
# `Gazetteer.check()` reports aliases shared by several entities and aliases that are also
# common English words, both worth a look before a big run.
#
# ## Saving the results
#
# Parquet keeps the column types and is quick to read back; without pyarrow, use CSV.

# %%
if importlib.util.find_spec("pyarrow") is not None:
    mentions.to_parquet("mentions.parquet", index=False)
    saved = pd.read_parquet("mentions.parquet")
else:
    mentions.to_csv("mentions.csv", index=False)
    saved = pd.read_csv("mentions.csv")
print(f"saved {len(saved)} mentions")

# %% [markdown]
# ## Tables on the command line, and pre-annotations for annotators
#
# The `gazetag` command tags a column of a table without writing Python: a CSV, TSV, JSONL or
# Parquet file, or a folder (or glob) of Parquet files as Spark and Dask write them.
# `--column` names the text and `--id` the key that fills the `doc` column; the rows come out
# with the columns of `tag_frame`, batch by batch, as CSV, JSONL or Parquet (`--output` with a
# `.parquet` name). In a notebook, run it as `!gazetag tag --column headline ...`; here it
# runs through `gazetag.cli.main`, the same code.

# %%
from gazetag.cli import main as gazetag_command

news.reset_index().to_csv("news.csv", index=False)
status = gazetag_command(
    ["tag", "--column", "headline", "--id", "story", "news.csv", "--output", "news_mentions.csv"]
)
from_command = pd.read_csv("news_mentions.csv")
display(from_command[["doc", "text", "label", "entity_id"]])

# %% [markdown]
# Tagged text usually goes to annotators next. `gazetag.export` turns a text and its matches
# into a Label Studio task, with the matches as a prediction to correct, or a Prodigy example
# with the matches as `spans`; `gazetag tag --format label-studio` (or `prodigy`) does the
# same for every row of a table. `label_studio_config` writes the labeling configuration those
# tasks fit, in the colours of `annotate`: paste it into the Label Studio project.

# %%
import json

from gazetag.export import label_studio_config, to_label_studio, to_prodigy

tasks = [to_label_studio(text, data={"story": key}) for key, text in news["headline"].items()]
Path("label_studio_tasks.json").write_text(json.dumps(tasks, ensure_ascii=False), "utf-8")
labels_seen = {r["value"]["labels"][0] for t in tasks for r in t["predictions"][0]["result"]}
print(label_studio_config(sorted(labels_seen)))

prodigy_example = to_prodigy(news.loc["s103", "headline"], meta={"story": "s103"})
print(json.dumps(prodigy_example, ensure_ascii=False))

# %% [markdown]
# ## A dictionary kept in a spreadsheet
#
# Analysts keep their lists in spreadsheets, with columns of their own. A spreadsheet set to
# a European locale saves CSV with `;` between cells; `Gazetteer.read` finds the delimiter
# from the header, and reads every column that is not one of gazetag's (`id`, `name`,
# `label`, `aliases`, ...) into the entity's `meta`.

# %%
Path("commanders.csv").write_text(
    "ID;Name;Label;Aliases;wikidata;group\n"
    "qais-al-khazali;Qais al-Khazali;PERSON;Qays al-Khazali;Q7266860;Asaib Ahl al-Haq\n"
    "abu-fadak;Abu Fadak al-Mohammedawi;PERSON;Abdul Aziz al-Mohammedawi;;Kataib Hezbollah\n",
    encoding="utf-8",
)
commanders = gazetag.Gazetteer.read("commanders.csv")
print(commanders["abu-fadak"].meta)

# %% [markdown]
# `write()` gives a file to open in the spreadsheet again: aliases as plain text joined by
# `|`, and each meta field in a column of its own (`delimiter=";"` for a European locale).
# `to_dataframe(meta_columns=True)` gives the same layout as a DataFrame.

# %%
commanders.write("commanders-out.csv", delimiter=";")
assert gazetag.Gazetteer.read("commanders-out.csv") == commanders
display(commanders.to_dataframe(meta_columns=True)[["id", "aliases", "wikidata", "group"]])

# %% [markdown]
# ## Linking a column of names
#
# Sometimes there is no text, only names: a column of commanders, a list from a report.
# `Tagger.link` reads each name as a text of its own, with the tagger's spelling rules, and
# says which entity it is; `link_frame` does it for a whole Series and keeps its index.

# %%
roster = pd.Series(
    ["Qasim Sulaimani", "Abu Mahdi al-Muhandis", "Hadi al-Ameri", "Gen. Qasem Soleimani", None],
    index=pd.Index(["r1", "r2", "r3", "r4", "r5"], name="row"),
)
links = tagger.link_frame(roster)
display(links[["name", "status", "entity_id", "rule"]])

# %% [markdown]
# `status` is `linked` when the whole name is an entity's name or a spelling of it, and
# `partial` when only part of it is (here, a title before the name). To look around the
# embedded gazetteer, `Gazetteer.search` finds entities by any spelling.

# %%
found_by_search = gazetag.Gazetteer.default().search("Muhandes", label="PERSON")
print([e.id for e in found_by_search])
